"""The Wagtail Site record follows ``SITE_URL``, the one public address (campaign.site_address).

Wagtail's admin ("View live", previews) and ``Site.root_url`` read the Site record; emails,
feeds and links read ``SITE_URL``. The two are kept the same: ``migrate`` (post_migrate),
``load_demo`` and ``manage.py set_site_url`` make the default Site follow ``SITE_URL``, and in
production ``manage.py check --deploy`` fails when they differ or the Site is ``localhost``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site

from campaign.site_address import site_url

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Address:
    """A public address as a Wagtail Site stores it: a host name and a port."""

    hostname: str
    port: int

    def __str__(self) -> str:
        return f"{self.hostname}:{self.port}"


def parse_site_url(url: str) -> Address:
    """The host and port of a public address such as ``https://socialprescribingday.org``.

    Raises ``ValueError`` for anything that is not an http(s) address of a whole site.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// address.")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"{url!r} must be the site's address alone, without a path, query or user.")
    return Address(parts.hostname.lower(), parts.port or DEFAULT_PORTS[parts.scheme])


def public_address() -> Address:
    return parse_site_url(site_url())


def follow_site_url(url: str | None = None) -> Site | None:
    """Give the default Site the host and port of ``url`` (``SITE_URL`` if not given).

    Returns the Site, or None when there is none yet (before the home page is made). A Site
    that already holds that host and port for another root is left as it is: the production
    check then names the disagreement.
    """
    address = parse_site_url(url) if url else public_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    if (site.hostname, site.port) == (address.hostname, address.port):
        return site
    if Site.objects.filter(hostname=address.hostname, port=address.port).exclude(pk=site.pk).exists():
        return site
    site.hostname, site.port = address.hostname, address.port
    site.save(update_fields=["hostname", "port"])
    return site


def on_post_migrate(sender, using="default", **kwargs) -> None:
    """At every ``migrate``, the default Site takes the address ``SITE_URL`` gives."""
    if sender.label != "wagtailcore":
        return
    try:
        follow_site_url()
    except (DatabaseError, ValueError):
        # A half-migrated database, or a SITE_URL that is not an address: the check says so.
        return


def site_record_problems() -> list[str]:
    """Why the default Site disagrees with the public address (empty when it does not)."""
    try:
        address = public_address()
    except ValueError as error:
        return [f"SITE_URL: {error}"]
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # not migrated yet: migrate makes the Site follow SITE_URL
    if site is None:
        return []
    problems = []
    if site.hostname == "localhost":
        problems.append("The default Wagtail Site's hostname is 'localhost'.")
    if (site.hostname, site.port) != (address.hostname, address.port):
        problems.append(f"The default Wagtail Site is {site.hostname}:{site.port} but SITE_URL ({site_url()}) is {address}.")
    return problems


@checks.register(checks.Tags.security, deploy=True)
def check_site_record(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """In production, the Site record must be the public address (``check --deploy``).

    A deployment check, not one ``migrate`` runs before migrating: ``migrate`` is what brings
    the Site back in line when ``SITE_URL`` changes.
    """
    if not settings.PRODUCTION:
        return []
    return [
        checks.Error(problem, hint="Run `manage.py set_site_url` (or `migrate`) with SITE_URL set to the public address.",
                     id="campaign.E001")
        for problem in site_record_problems()
    ]
