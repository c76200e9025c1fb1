"""Sharing in a browser: "Copy link" appears with the script and copies the page's address;
the Mastodon share page works without JavaScript, says what is wrong with a bad server name
and sends the visitor to their own server's share page."""

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import AXE_SOURCE, check_accessibility
from tests.factories import EditionPageFactory


@pytest.fixture
def edition(transactional_db, home_page):
    return EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12), hashtags="#SocialPrescribingDay")


def test_copy_link_copies_the_pages_address(browser, live_server, edition, settings):
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    context.add_init_script(script=AXE_SOURCE)
    page = context.new_page()
    page.goto("/2027/")
    button = page.get_by_role("button", name="Copy link")
    button.click()
    share = page.locator(".share")
    share.locator("[data-copy-status]", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/2027/"
    mastodon = share.get_by_role("link", name="Mastodon")
    assert mastodon.get_attribute("href").startswith("/share/mastodon/?text=")
    check_accessibility(page, "edition page with share links")
    context.close()


def test_without_script_the_address_is_there_and_no_copy_button(browser, live_server, edition, settings):
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/2027/")
    assert page.get_by_label("Link to this page").input_value() == f"{live_server.url}/2027/"
    assert not page.get_by_role("button", name="Copy link").is_visible()
    context.close()


def test_mastodon_share_page_without_script(browser, live_server, edition, settings):
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 800})
    page = context.new_page()
    reached = []

    def server(route):
        reached.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Mastodon</title><p>New post</p>")

    context.route("https://mas.to/**", server)
    page.goto("/2027/")
    page.locator(".share").get_by_role("link", name="Mastodon").click()
    page.wait_for_url(lambda url: "/share/mastodon/?text=" in url)
    words = page.get_by_label("Your post").input_value()
    assert words == f"Social Prescribing Day 2027 #SocialPrescribingDay {live_server.url}/2027/"

    page.get_by_label("Your Mastodon server").fill("not a server")
    page.get_by_role("button", name="Go to my server").click()
    assert page.get_by_role("alert").is_visible()
    assert "That is not a server address" in page.locator("#div_id_server").inner_text()
    assert page.get_by_label("Your Mastodon server").get_attribute("aria-invalid") == "true"

    page.get_by_label("Your Mastodon server").fill("@me@mas.to")
    page.get_by_role("button", name="Go to my server").click()
    page.wait_for_url(lambda url: url.startswith("https://mas.to/share?"))
    assert parse_qs(urlsplit(reached[-1]).query) == {"text": [words]}
    context.close()
