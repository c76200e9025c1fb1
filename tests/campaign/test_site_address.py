"""SITE_URL is the one public address: the Wagtail Site record follows it, and production checks it."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db.models.signals import post_migrate
from wagtail.models import Site

from campaign.editions.site_record import parse_site_url


def _default_site() -> Site:
    return Site.objects.get(is_default_site=True)


def test_parse_site_url_takes_the_port_from_the_scheme():
    assert (parse_site_url("https://spd.example.org").port, parse_site_url("http://spd.example.org/").port) == (443, 80)
    assert parse_site_url("http://127.0.0.1:8000").hostname == "127.0.0.1"
    for wrong in ("spd.example.org", "ftp://spd.example.org", "https://spd.example.org/events/"):
        with pytest.raises(ValueError):
            parse_site_url(wrong)


@pytest.mark.django_db
def test_load_demo_gives_the_site_the_public_address(settings):
    settings.SITE_URL = "https://spd.example.org"
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    site = _default_site()
    assert (site.hostname, site.port) == ("spd.example.org", 443)
    assert site.root_url == "https://spd.example.org"


@pytest.mark.django_db
def test_migrate_makes_the_site_follow_site_url(settings, home_page):
    settings.SITE_URL = "https://spd.example.org:8443"
    post_migrate.send(sender=apps.get_app_config("wagtailcore"), app_config=apps.get_app_config("wagtailcore"),
                      verbosity=0, interactive=False, using="default", apps=apps, plan=[])
    site = _default_site()
    assert (site.hostname, site.port) == ("spd.example.org", 8443)


@pytest.mark.django_db
def test_set_site_url_follows_site_url_and_refuses_another_address(settings, home_page):
    settings.SITE_URL = "https://spd.example.org"
    out = StringIO()
    call_command("set_site_url", stdout=out)
    assert "https://spd.example.org" in out.getvalue()
    assert (_default_site().hostname, _default_site().port) == ("spd.example.org", 443)
    call_command("set_site_url", "https://spd.example.org/", stdout=StringIO())
    with pytest.raises(CommandError, match="Set SITE_URL=https://elsewhere.example.org"):
        call_command("set_site_url", "https://elsewhere.example.org", stdout=StringIO())
    assert _default_site().hostname == "spd.example.org"
    with pytest.raises(CommandError, match="not an http"):
        call_command("set_site_url", "spd.example.org", stdout=StringIO())


def _site_errors() -> list[str]:
    return [m.msg for m in run_checks(include_deployment_checks=True) if m.id == "campaign.E001"]


@pytest.mark.django_db
def test_production_check_fails_on_localhost_or_another_address(settings, home_page):
    settings.PRODUCTION = True
    settings.SITE_URL = "https://spd.example.org"
    # The home_page fixture leaves Wagtail's own default: localhost:80.
    errors = _site_errors()
    assert any("'localhost'" in e for e in errors) and any("SITE_URL (https://spd.example.org)" in e for e in errors)
    Site.objects.filter(pk=_default_site().pk).update(hostname="old.example.org", port=443)
    assert _site_errors() == ["The default Wagtail Site is old.example.org:443 but SITE_URL (https://spd.example.org) is spd.example.org:443."]
    call_command("set_site_url", stdout=StringIO())
    assert _site_errors() == []
    settings.PRODUCTION = False
    Site.objects.filter(pk=_default_site().pk).update(hostname="localhost", port=80)
    assert _site_errors() == []
