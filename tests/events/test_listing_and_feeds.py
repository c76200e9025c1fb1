import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events import times
from events.models import EventPage
from tests.events.factories import bulk_add_events, make_event


def _titles(response) -> list[str]:
    return [e.title for e in response.context["events"]]


@pytest.mark.django_db
def test_listing_shows_upcoming_events_on_the_day_first_and_past_ones_separately(client, event_index):
    day_event = make_event(event_index, title="On the Day walk",
                           start=times.make_aware_in_zone(datetime(2027, 3, 12, 10), "Europe/London"))
    make_event(event_index, title="Soon talk", start=timezone.now() + timedelta(days=3))
    make_event(event_index, title="Finished fair", start=timezone.now() - timedelta(days=3))
    response = client.get("/events/")
    assert _titles(response) == ["On the Day walk", "Soon talk"]
    html = response.content.decode()
    assert "2 events" in html and "On the Day" in html
    assert "Friday 12 March 2027, 10:00–12:00 GMT" in html
    assert html.count("<h1") == 1
    past = client.get("/events/past/")
    assert _titles(past) == ["Finished fair"]
    assert day_event.title not in past.content.decode()


@pytest.mark.django_db
def test_filters_and_search_combine(client, event_index):
    start = timezone.now() + timedelta(days=5)
    make_event(event_index, title="Leeds walk", event_type="walk", country="GB-ENG", start=start)
    make_event(event_index, title="Glasgow walk", event_type="walk", country="GB-SCT", start=start)
    make_event(event_index, title="Paid Glasgow workshop", event_type="workshop", country="GB-SCT", is_free=False,
               price_amount=Decimal("5"), currency="GBP", start=start)
    make_event(event_index, title="Online webinar", event_type="webinar", format="online",
               online_url="https://x.example.org", venue_name="", address="", postcode="", country="", start=start)
    make_event(event_index, title="Dublin walk", event_type="walk", country="IE", start=start + timedelta(days=40))

    def titles(query):
        return sorted(_titles(client.get("/events/" + query)))

    assert titles("?type=walk") == ["Dublin walk", "Glasgow walk", "Leeds walk"]
    assert titles("?type=walk&country=GB") == ["Glasgow walk", "Leeds walk"]
    assert titles("?country=GB-SCT&free=on") == ["Glasgow walk"]
    assert titles("?format=online") == ["Online webinar"]
    assert titles("?q=glasgow") == ["Glasgow walk", "Paid Glasgow workshop"]
    assert titles("?q=glasgow&type=workshop") == ["Paid Glasgow workshop"]
    assert titles("?when=week") == ["Glasgow walk", "Leeds walk", "Online webinar", "Paid Glasgow workshop"]
    on = times.local_date(start, "Europe/London").isoformat()
    assert titles(f"?date={on}&country=GB-ENG") == ["Leeds walk"]
    assert titles("?type=not-a-type") == titles("")  # a bad value drops that filter only


@pytest.mark.django_db
def test_a_filter_value_that_no_longer_fits_drops_only_that_filter_and_marks_nothing_invalid(client, event_index):
    """An old link or a hand-edited address: the other filters still apply, the form shows what applied."""
    start = timezone.now() + timedelta(days=5)
    make_event(event_index, title="Leeds walk", event_type="walk", country="GB-ENG", start=start)
    make_event(event_index, title="Leeds talk", event_type="talk", country="GB-ENG", start=start)
    response = client.get("/events/?type=walk&format=bogus&date=2027-13-45&region=nowhere")
    assert response.status_code == 200
    assert _titles(response) == ["Leeds walk"]
    html = response.content.decode()
    assert "aria-invalid" not in html and "field--invalid" not in html and "_error" not in html
    assert '<option value="walk" selected>' in html
    assert "bogus" not in html and "2027-13-45" not in html and "nowhere" not in html
    assert response.context["filter_form"].errors == {}


@pytest.mark.django_db
def test_filters_survive_pagination(client, event_index, settings):
    settings.EVENTS_PAGE_SIZE = 5
    bulk_add_events(event_index, 30, event_type="walk")
    bulk_add_events(event_index, 3, event_type="talk")
    response = client.get("/events/?type=walk&q=event")
    html = response.content.decode()
    assert response.context["event_count"] == 30
    assert 'href="?type=walk&amp;q=event&amp;page=2"' in html
    second = client.get("/events/?type=walk&q=event&page=2")
    assert len(second.context["events"]) == 5 and {e.event_type for e in second.context["events"]} == {"walk"}
    assert 'href="/events/feed.ics?type=walk&amp;q=event"' in second.content.decode()


def _queries(client, url) -> int:
    """Queries for one uncached request (the feed would otherwise come from the cache)."""
    from django.core.cache import cache

    from events.calendar import block_memo

    cache.clear()
    block_memo.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/events/", "/events/?type=walk&free=on", "/events/feed.ics", "/events/feed.rss",
                                 "/events/past/"])
def test_listing_and_feeds_run_a_constant_number_of_queries(client, event_index, url):
    bulk_add_events(event_index, 10)
    bulk_add_events(event_index, 10, start=timezone.now() - timedelta(days=20))
    _queries(client, url)  # warm per-process caches (content types)
    few = _queries(client, url)
    bulk_add_events(event_index, 490)
    bulk_add_events(event_index, 490, start=timezone.now() - timedelta(days=200))
    assert _queries(client, url) == few


@pytest.mark.django_db
def test_the_calendar_feed_parses_back_with_stable_uids_and_utc_times(client, event_index):
    sydney = make_event(event_index, title="Morning tea", time_zone="Australia/Sydney", country="AU",
                        start=times.make_aware_in_zone(datetime(2027, 3, 12, 10), "Australia/Sydney"))
    london = make_event(event_index, title="Webinar", format="online", online_url="https://meet.example.org/w",
                        online_link_kind="joining", venue_name="", address="", postcode="", country="",
                        start=times.make_aware_in_zone(datetime(2027, 3, 29, 9, 30), "Europe/London"))
    make_event(event_index, title="Long finished", start=timezone.now() - timedelta(days=90))
    first = client.get("/events/feed.ics")
    assert first["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(first.content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Morning tea", "Webinar"}
    tea = events["Morning tea"]
    assert tea.decoded("DTSTART") == datetime(2027, 3, 11, 23, 0, tzinfo=UTC)  # 10:00 AEDT
    assert events["Webinar"].decoded("DTSTART") == datetime(2027, 3, 29, 8, 30, tzinfo=UTC)  # 09:30 BST
    assert str(tea["UID"]) == f"event-{sydney.pk}@testserver"
    assert str(tea["STATUS"]) == "CONFIRMED"
    assert "meet.example.org" in str(events["Webinar"]["LOCATION"])
    second = Calendar.from_ical(client.get("/events/feed.ics").content)
    assert {str(e["UID"]) for e in second.walk("VEVENT")} == {str(e["UID"]) for e in calendar.walk("VEVENT")}
    for text in ("ada@example.org", "Ada Organiser"):
        assert text not in first.content.decode()
    single = client.get(f"/events/{london.slug}/calendar.ics")
    assert single["Content-Disposition"].startswith("attachment")
    [only] = Calendar.from_ical(single.content).walk("VEVENT")
    assert str(only["UID"]) == f"event-{london.pk}@testserver"


@pytest.mark.django_db
def test_the_filtered_feeds_use_the_listing_filters(client, event_index):
    make_event(event_index, title="A walk", event_type="walk")
    make_event(event_index, title="A talk", event_type="talk")
    calendar = Calendar.from_ical(client.get("/events/feed.ics?type=talk").content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["A talk"]
    rss = client.get("/events/feed.rss?type=walk").content.decode()
    assert "A walk" in rss and "A talk" not in rss
    assert "<guid isPermaLink=\"false\">event-" in rss


@pytest.mark.django_db
def test_detail_page_has_map_calendar_links_and_safe_json_ld(client, event_index):
    event = make_event(
        event_index, title="Walk </script><script>alert(1)</script>", format="hybrid",
        online_url="https://meet.example.org/abc", submission={"email": "secret.person@example.org", "name": "Zed"},
        description="Join us.\n\nMore at https://walks.example.org/info and <b>bold</b>",
    )
    response = client.get(event.url)
    html = response.content.decode()
    assert "https://www.openstreetmap.org/search?query=" in html
    assert "calendar.google.com/calendar/render" in html and "outlook.live.com" in html
    assert f"/events/{event.slug}/calendar.ics" in html
    assert "secret.person@example.org" not in html and "Zed" not in html
    assert "<script>alert(1)</script>" not in html
    assert '<a href="https://walks.example.org/info" rel="nofollow ugc noopener">' in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert "\\u003C/script\\u003E" in match.group(1)
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert {loc["@type"] for loc in data["location"]} == {"Place", "VirtualLocation"}
    assert data["organizer"]["name"] == "Kirkstall Community Walks"
    assert data["offers"]["price"] == 0  # a number, as Google reads it
    assert data["startDate"].endswith(("+00:00", "+01:00"))


@pytest.mark.django_db
def test_unsafe_links_in_descriptions_are_not_linked():
    from events.text import render_plain_text

    html = render_plain_text('javascript:alert(1) and "https://ok.example.org/a?b=1&c=2".')
    assert 'href="javascript' not in html
    assert 'href="https://ok.example.org/a?b=1&amp;c=2"' in html
    assert html.endswith(".</p>")


@pytest.mark.django_db
def test_reserved_slugs_are_refused(event_index):
    from django.core.exceptions import ValidationError

    event = make_event(event_index, title="Past")
    assert event.slug == "past-event"  # submissions steer clear of the listing's own paths
    event.slug = "past"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "slug" in error.value.message_dict
    assert EventPage.objects.filter(slug="past").count() == 0


@pytest.mark.django_db
def test_the_kept_listing_is_keyed_by_the_parameters_it_reads(client, event_index, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    settings.EVENTS_PAGE_SIZE = 5
    client.cookies["sessionid"] = "not-a-real-session"  # the page cache skips visitors with a session
    bulk_add_events(event_index, 12, event_type="walk")
    with CaptureQueriesContext(connection) as built:
        html = client.get("/events/?type=walk&utm_source=newsletter").content.decode()
    assert 'href="?type=walk&amp;page=2"' in html and 'href="/events/feed.ics?type=walk"' in html
    with CaptureQueriesContext(connection) as kept:
        same = client.get("/events/?utm_source=other&free=&type=walk").content.decode()
    assert len(kept.captured_queries) < len(built.captured_queries)
    assert 'href="?type=walk&amp;page=2"' in same and "utm_source" not in same
    assert "0 events match your filters" in client.get("/events/?type=talk").content.decode()


@pytest.mark.django_db
def test_the_kept_listing_counts_once_and_follows_every_change(client, event_index, settings):
    """The listing's count is kept with it (campaign.filtering.ListingPaginator): no count query
    on a warm render, and a new, cancelled-and-unpublished or filtered event shows at once."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    client.cookies["sessionid"] = "not-a-real-session"
    walk = make_event(event_index, title="Canal walk", event_type="walk", start=timezone.now() + timedelta(days=3))
    make_event(event_index, title="Choir", event_type="talk", start=timezone.now() + timedelta(days=4))
    assert "2 events" in client.get("/events/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "2 events" in client.get("/events/").content.decode()
    assert not [q for q in warm.captured_queries if "COUNT(" in q["sql"] and "events_eventpage" in q["sql"]]
    assert "1 event match" in client.get("/events/?type=walk").content.decode()
    make_event(event_index, title="Park walk", event_type="walk", start=timezone.now() + timedelta(days=5))
    assert "3 events" in client.get("/events/").content.decode()
    assert "2 events match" in client.get("/events/?type=walk").content.decode()
    walk.unpublish()
    assert "2 events" in client.get("/events/").content.decode()
    assert "1 event match" in client.get("/events/?type=walk").content.decode()
