from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import check_accessibility


@pytest.fixture
def demo_site(transactional_db):
    call_command("load_demo", "--no-superuser", stdout=StringIO())


def test_visitor_goes_from_home_to_an_edition_and_back(page, demo_site):
    page.goto("/")
    assert page.locator("h1").count() == 1
    assert "Social Prescribing Day" in page.locator("h1").inner_text()
    check_accessibility(page, "home page")

    page.get_by_role("link", name="Social Prescribing Day 2027", exact=True).click()
    page.wait_for_url("**/2027/")
    assert "Social Prescribing Day 2027" in page.locator("h1").inner_text()
    check_accessibility(page, "edition page")

    page.go_back()
    page.wait_for_url(lambda url: not url.endswith("/2027/"))
    assert page.locator(".countdown").is_visible()

    page.goto("/years/")
    check_accessibility(page, "archive")
    page.get_by_role("link", name="Social Prescribing Day 2021").click()
    page.wait_for_url("**/2021/")
    assert "Listen – Support – Connect" in page.content()

    page.goto("/get-involved/")
    check_accessibility(page, "content page")
    page.goto("/search/?q=connect")
    check_accessibility(page, "search")
    page.goto("/no-such-page/")
    check_accessibility(page, "404")


def test_skip_link_moves_focus_to_main(page, demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
