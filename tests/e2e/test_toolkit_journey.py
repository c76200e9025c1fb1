"""A visitor downloads from the toolkit and makes a personalised graphic, in Chromium."""

from datetime import date

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import check_accessibility
from tests.factories import EditionPageFactory
from tests.toolkit.factories import make_design, make_image, make_resource, make_toolkit, png_bytes
from toolkit.archive import build_archive
from toolkit.models import Audience, ResourceDownloadDay


@pytest.fixture
def toolkit_site(home_page, settings):
    settings.SPAM_MIN_FILL_SECONDS = 1
    edition = EditionPageFactory(parent=home_page, year=2040, day=date(2040, 3, 12))
    toolkit = make_toolkit(edition, intro="Everything you need for the Day.", brand_rules="Keep the logo teal.")
    link_workers = Audience.objects.get_or_create(slug="link-workers", defaults={"name": "Link workers"})[0]
    make_resource(toolkit, "A4 poster", "posters", sort_order=1,
                  image=make_image("Poster preview", png_bytes((600, 840), (242, 165, 65)), "poster.png",
                                   "An amber poster"),
                  document=None, post_copy="We're supporting #SocialPrescribingDay!")
    make_resource(toolkit, "Guide for link workers", "guides", audiences=[link_workers], sort_order=2)
    build_archive(toolkit.pk)
    make_design(edition, name="Connections")
    make_design(edition, name="Open door", panel_colour="", text_colour="#ffffff", alignment="left",
                box_top=0.08)
    return toolkit


def test_visitor_downloads_a_resource_and_makes_a_graphic(page, toolkit_site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/toolkit/")
    assert page.locator("h1").inner_text() == "Campaign toolkit 2040"
    check_accessibility(page, "toolkit")

    # The suggested post is on the page as text, and the copy button puts it on the clipboard.
    page.get_by_role("button", name="Copy the suggested post for A4 poster").click()
    # Writing to the clipboard is asynchronous: wait for the status rather than read it at once.
    expect(page.locator(".toolkit-copy__status").first).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "We're supporting #SocialPrescribingDay!"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download A4 poster").click()
    download = download_info.value
    assert download.suggested_filename == "a4-poster.png"
    with Image.open(download.path()) as image:
        assert image.size == (600, 840)
    assert ResourceDownloadDay.objects.get(resource__title="A4 poster").count == 1

    with page.expect_download() as zip_info:
        page.get_by_role("link", name="Download the whole toolkit").click()
    assert zip_info.value.suggested_filename == "social-prescribing-day-2040-toolkit.zip"

    page.get_by_role("link", name="Link workers", exact=True).click()
    assert page.get_by_role("heading", name="Guide for link workers").is_visible()
    assert page.get_by_role("heading", name="A4 poster").count() == 0
    check_accessibility(page, "toolkit filtered by audience")

    page.get_by_role("link", name="Make your own graphic").click()
    page.wait_for_url("**/toolkit/make/")
    check_accessibility(page, "graphic maker")

    # A mistake first: the message is kept, the error is on the field.
    page.get_by_label("A short message (optional)").fill("Diolch i'n gweithwyr cyswllt! 🎉")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Make my graphics").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Your organisation's name").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("A short message (optional)").input_value() == "Diolch i'n gweithwyr cyswllt! 🎉"
    check_accessibility(page, "graphic maker with an error")

    page.get_by_label("Your organisation's name").fill("Gwasanaethau Cymdeithasol Ynys Môn ŵŷ 😀")
    page.locator("label[for^=design-]", has_text="Open door").click()
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Make my graphics").click()
    page.wait_for_url("**/toolkit/make/*/")
    assert page.locator("h1").inner_text() == "Your graphics are ready"
    previews = page.locator("img.toolkit-result__preview")
    assert previews.count() == 5
    for index in range(5):
        previews.nth(index).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=previews.nth(index).element_handle())
    assert "Gwasanaethau Cymdeithasol Ynys Môn ŵŷ" in previews.first.get_attribute("alt")
    assert "😀" not in previews.first.get_attribute("alt")
    check_accessibility(page, "graphic results")

    with page.expect_download() as square_info:
        page.get_by_role("link", name="Download the square post").click()
    with Image.open(square_info.value.path()) as square:
        assert square.format == "PNG" and square.size == (1080, 1080)
    with page.expect_download() as poster_info:
        page.get_by_role("link", name="Download the A4 poster").click()
    assert poster_info.value.suggested_filename == "social-prescribing-day-2040-poster.pdf"
    with open(poster_info.value.path(), "rb") as poster:
        assert poster.read(4) == b"%PDF"


def test_toolkit_works_without_javascript(browser, live_server, toolkit_site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/toolkit/")
    # Without JavaScript the copy button stays hidden; the post is still there to select.
    assert page.get_by_text("We're supporting #SocialPrescribingDay!").is_visible()
    assert not page.get_by_role("button", name="Copy the suggested post for A4 poster").is_visible()
    page.goto("/toolkit/make/")
    page.get_by_label("Your organisation's name").fill("Age UK")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Make my graphics").click()
    page.wait_for_url("**/toolkit/make/*/")
    assert page.locator("img.toolkit-result__preview").count() == 5
    context.close()
