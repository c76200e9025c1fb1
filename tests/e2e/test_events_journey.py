"""An organiser lists an event, a moderator approves it in Wagtail, the public finds it and downloads it."""

from datetime import date

import pytest
from icalendar import Calendar

from events.models import EventPage
from events.setup import ensure_event_index
from tests.e2e.conftest import check_accessibility
from tests.e2e.event_form import fill_event_form, wall_clock
from tests.factories import EditionPageFactory, UserFactory

PASSWORD = "a long moderator passphrase"


@pytest.fixture
def events_site(home_page, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0  # the browser is quicker than a person
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    return ensure_event_index()


def test_organiser_submits_moderator_approves_public_downloads(page, events_site, tmp_path):
    # The organiser lists an event, after first sending the form with a mistake.
    page.goto("/events/submit/")
    assert page.locator("h1").count() == 1
    check_accessibility(page, "event form")
    fill_event_form(page, description="A gentle walk along the towpath.\n\nTea afterwards.", ends_at_hour=11)  # ends before the start: a mistake
    page.get_by_role("button", name="Send for review").click()

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert "The end must be after the start" in summary.inner_text()
    check_accessibility(page, "event form with errors")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_end"
    page.get_by_label("Ends").fill(wall_clock(30, 14))
    page.get_by_label("I agree to the listing terms").check()
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/events/submit/thanks/")
    assert "with our moderators" in page.locator("h1").inner_text()

    event = EventPage.objects.get()
    assert not event.live
    page.goto("/events/")
    assert "Canal walk" not in page.content()

    # A moderator signs in through the admin login form and approves it.
    UserFactory(username="moderator", is_staff=True, is_superuser=True, password=PASSWORD)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{event.pk}/edit/")
    approve = page.get_by_role("button", name="Approve and Publish", exact=True)
    if not approve.is_visible():
        page.locator("button.w-dropdown__toggle.button").click()  # the footer's "more actions" menu
    with page.expect_navigation():
        approve.click()
    event.refresh_from_db()
    assert event.live

    # The public finds it, reads it and downloads it to their calendar.
    page.context.clear_cookies()
    page.goto("/events/")
    check_accessibility(page, "events listing")
    page.get_by_role("link", name="Canal walk for Social Prescribing Day").click()
    page.wait_for_url(f"**{event.url}")
    assert page.locator("h1").inner_text() == "Canal walk for Social Prescribing Day"
    assert "ada@example.org" not in page.content()
    check_accessibility(page, "event page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download .ics file").click()
    path = tmp_path / "event.ics"
    download_info.value.save_as(path)
    [vevent] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Canal walk for Social Prescribing Day"
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
