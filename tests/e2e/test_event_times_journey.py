"""Visitors abroad read an event's time on their own clock; organisers price a paid event.

The visitor's own time is the one thing on the event page that needs JavaScript (their
zone is known only to the browser), so it is checked here with browsers set to other zones.
"""

from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest

from events.models import EventPage
from events.setup import ensure_event_index
from tests.e2e.conftest import AXE_SOURCE, Page, check_accessibility
from tests.e2e.event_form import fill_event_form
from tests.events.factories import make_event
from tests.factories import EditionPageFactory


@pytest.fixture
def toronto_event(home_page, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    start = datetime(2027, 3, 12, 17, 0, tzinfo=UTC)  # 12:00 in Toronto (EST), 17:00 in the UK (GMT)
    return make_event(ensure_event_index(), title="Lunch and learn", start=start, end=start.replace(hour=18),
                      time_zone="America/Toronto", venue_name="Community Health Centre",
                      address="168 Bathurst Street", town="Toronto", postcode="M5V 2R4", country="CA")


@contextmanager
def browser_in_zone(browser, live_server, zone: str):
    context = browser.new_context(base_url=live_server.url, timezone_id=zone, viewport={"width": 1280, "height": 900})
    context.add_init_script(script=AXE_SOURCE)
    context.set_default_timeout(15_000)
    try:
        yield Page(context.new_page())
    finally:
        context.close()


def test_a_visitor_in_tokyo_sees_the_event_on_their_own_clock(browser, live_server, toronto_event):
    with browser_in_zone(browser, live_server, "Asia/Tokyo") as page:
        page.goto(toronto_event.url)
        header = page.locator(".event-detail__header")
        assert "Friday 12 March 2027, 12:00–13:00 EST" in header.inner_text()
        assert "UK time: Friday 12 March 2027, 17:00–18:00 GMT" in header.inner_text()
        yours = page.locator("[data-visitor-time]")
        assert yours.is_visible()
        assert yours.inner_text() == "Your time (Asia/Tokyo): Saturday 13 March 2027, 02:00–03:00"
        check_accessibility(page, "event page in Tokyo")


@pytest.mark.parametrize("zone", ["Europe/London", "America/Toronto"])
def test_no_third_time_for_a_visitor_whose_clock_the_page_already_shows(browser, live_server, toronto_event, zone):
    with browser_in_zone(browser, live_server, zone) as page:
        page.goto(toronto_event.url)
        page.wait_for_load_state("load")
        assert page.locator("[data-visitor-time]").is_hidden()
        assert page.csp_violations == []


def test_an_organiser_abroad_prices_a_paid_event_in_their_own_currency(page, toronto_event):
    page.goto("/events/submit/")
    fill_event_form(page, description="A talk with tea.", ends_at_hour=14)
    price = page.get_by_label("Price", exact=True)
    assert price.is_hidden()  # free until said otherwise
    page.get_by_label("This event is free").uncheck()
    assert price.is_visible()
    price.fill("12.50")
    page.get_by_role("button", name="Send for review").click()
    summary = page.locator("#error-summary")
    assert "Choose the currency people pay in." in summary.inner_text()  # never assumed to be pounds
    check_accessibility(page, "event form: currency missing")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_label("I agree to the listing terms").check()
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/events/submit/thanks/**")
    event = EventPage.objects.get(title="Canal walk for Social Prescribing Day")
    assert (str(event.price_amount), event.currency) == ("12.50", "EUR")
