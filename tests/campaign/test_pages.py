import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import ContentPageFactory, EditionPageFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def upcoming(home_page):
    today = timezone.localdate()
    day = today + timedelta(days=108)
    return EditionPageFactory(parent=home_page, year=day.year, day=day, theme="Connected communities",
                              theme_words="Listen – Support – Connect", edition_number=3)


def test_home_page_counts_down_to_the_next_day(client, upcoming):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "in 108 days" in html.lower()
    assert "Connected communities" in html
    assert "Listen – Support – Connect" in html
    assert "The 3rd Social Prescribing Day" in html
    assert "#SocialPrescribingDay" in html
    for link in ("/events/", "/events/submit/", "/stories/share/", "/toolkit/", "/stats/"):
        assert f'href="{link}"' in html
    assert html.count("<h1") == 1


def test_home_page_on_the_day(client, home_page):
    today = timezone.localdate()
    EditionPageFactory(parent=home_page, year=today.year, day=today)
    assert "Today is Social Prescribing Day" in client.get("/").content.decode()


def test_home_page_after_the_day_points_to_the_recap(client, home_page):
    past = timezone.localdate() - timedelta(days=5)
    edition = EditionPageFactory(parent=home_page, year=past.year, day=past)
    html = client.get("/").content.decode()
    assert f"Read the {edition.year} recap" in html
    assert edition.url in html


def test_home_page_without_editions(client, home_page):
    assert client.get("/").status_code == 200


def test_edition_page_shows_everything(client, home_page):
    edition = EditionPageFactory(
        parent=home_page, year=2021, day=date(2021, 3, 18), theme="Communities together",
        theme_words="Listen – Support – Connect", edition_number=2,
        results=[("figure", {"figure": "29.5 million", "label": "interactions"})],
        body=[("paragraph", "<p>Body text here.</p>"), ("quote", {"quote": "It changed my life", "attribution": "Sam"})],
        is_demo=True,
    )
    response = client.get("/2021/")
    html = response.content.decode()
    assert response.status_code == 200
    assert edition.title in html
    for text in ("Thursday 18 March 2021", "The 2nd Social Prescribing Day", "Listen – Support – Connect",
                 "29.5 million", "Body text here.", "It changed my life", "Demo", "/2021/stats/"):
        assert text in html
    assert "/2021/toolkit/" not in html  # 2021 has no toolkit: no link to one
    assert f'href="/theme/2021.css?v={edition.theme_version}"' in html


def test_edition_theme_stylesheet(client, home_page):
    EditionPageFactory(parent=home_page, year=2022, primary_colour="#7a2e5c", accent_colour="#f4b860")
    response = client.get("/theme/2022.css")
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert "--brand:#7a2e5c" in css and "--on-brand:#ffffff" in css and "--accent:#f4b860" in css
    assert "--link:#7a2e5c" in css
    assert "immutable" in response["Cache-Control"]
    assert client.get("/theme/1999.css").status_code == 404
    EditionPageFactory(parent=home_page, year=2023, primary_colour="#f7c948")
    assert "--link:#1b1b1f" in client.get("/theme/2023.css").content.decode()


def test_archive_lists_editions_newest_first(client, edition_index, home_page):
    for year in (2020, 2022, 2021):
        EditionPageFactory(parent=home_page, year=year, day=date(year, 3, 10))
    html = client.get("/years/").content.decode()
    assert html.index("Social Prescribing Day 2022") < html.index("Social Prescribing Day 2021") < html.index(
        "Social Prescribing Day 2020")


def test_content_page(client, home_page):
    ContentPageFactory(parent=home_page, title="Get involved", slug="get-involved", intro="Ways to help.")
    response = client.get("/get-involved/")
    assert response.status_code == 200
    assert "Ways to help." in response.content.decode()


def test_share_meta_on_every_page(client, upcoming, edition_index):
    for url in ("/", upcoming.url, "/years/", "/search/?q=day"):
        html = client.get(url).content.decode()
        for tag in ('property="og:title"', 'property="og:description"', 'property="og:image"',
                    'name="twitter:card"', 'name="description"', 'rel="icon"'):
            assert tag in html, (url, tag)
        assert 'href="#main"' in html and 'id="main"' in html
        assert "<header" in html and "<footer" in html and 'aria-label="Main"' in html


def test_no_inline_script_or_style(client, upcoming, edition_index):
    import re

    for url in ("/", upcoming.url, "/years/", "/search/?q=x", "/nope/"):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_sitemap_lists_live_pages_only(client, home_page):
    live = EditionPageFactory(parent=home_page, year=2024)
    draft = EditionPageFactory(parent=home_page, year=2025, live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/{live.year}/" in xml
    assert f"/{draft.year}/" not in xml


def test_robots_txt(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_search_finds_editions(client, home_page):
    EditionPageFactory(parent=home_page, year=2021, theme="Listen and connect")
    EditionPageFactory(parent=home_page, year=2022, theme="Gardening", live=False)
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = client.get("/search/?q=listen").content.decode()
    assert "Social Prescribing Day 2021" in html
    assert client.get("/search/?q=gardening").content.decode().count("Social Prescribing Day 2022") == 0
    assert client.get("/search/").status_code == 200
    assert client.get("/search/?q=" + "x" * 5000).status_code == 200


def test_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_without_database():
    from django.test import RequestFactory

    from campaign.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content


def test_security_headers(client, home_page):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def _manage(*args, env_extra=None):
    import os

    unset = {"DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env_extra={"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = _manage("check", env_extra={"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.org",
                                         "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_passes_check_deploy(tmp_path):
    # A database of its own: the Site record check (campaign.editions.site_record) reads it.
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env_extra={"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.org",
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
                   "SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
