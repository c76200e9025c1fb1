from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from events import rules, times

LONDON = "Europe/London"


def test_a_time_skipped_when_the_clocks_go_forward_is_refused():
    # 29 March 2026: clocks in the UK go from 01:00 GMT straight to 02:00 BST.
    with pytest.raises(times.NonexistentTime, match="clocks go forward"):
        times.make_aware_in_zone(datetime(2026, 3, 29, 1, 30), LONDON)


def test_times_either_side_of_the_spring_change_have_the_right_offsets():
    before = times.make_aware_in_zone(datetime(2026, 3, 29, 0, 30), LONDON)
    after = times.make_aware_in_zone(datetime(2026, 3, 29, 2, 30), LONDON)
    assert before.astimezone(UTC) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert after.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert after - before == timedelta(hours=1)  # two hours on the clock, one really


def test_a_repeated_time_when_the_clocks_go_back_means_the_first_one():
    # 25 October 2026: 01:00–02:00 happens twice, first in BST then in GMT.
    aware = times.make_aware_in_zone(datetime(2026, 10, 25, 1, 30), LONDON)
    assert aware.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert times.zone_abbreviation(aware, LONDON) == "BST"


def test_an_event_across_the_autumn_change_shows_both_zones():
    start = times.make_aware_in_zone(datetime(2026, 10, 24, 22, 0), LONDON)
    end = times.make_aware_in_zone(datetime(2026, 10, 25, 9, 0), LONDON)
    assert end - start == timedelta(hours=12)
    text = times.format_range(start, end, LONDON)
    assert text == "Saturday 24 October 2026, 22:00 BST to Sunday 25 October 2026, 09:00 GMT"


def test_the_same_instant_is_shown_in_the_event_zone():
    start = times.make_aware_in_zone(datetime(2027, 3, 12, 19, 0), "Pacific/Auckland")
    end = start + timedelta(hours=1)
    assert times.format_range(start, end, "Pacific/Auckland") == "Friday 12 March 2027, 19:00–20:00 NZDT"
    assert start.astimezone(UTC) == datetime(2027, 3, 12, 6, 0, tzinfo=UTC)
    assert times.local_date(start, "Pacific/Auckland").day == 12
    assert times.local_date(start, "America/Los_Angeles").day == 11


@pytest.mark.parametrize(
    ("zone", "naive", "utc_hour"),
    [
        ("America/New_York", datetime(2026, 3, 8, 3, 30), 7),  # just after the US change (EDT)
        ("America/New_York", datetime(2026, 3, 7, 3, 30), 8),  # the day before (EST)
        ("Australia/Sydney", datetime(2026, 4, 5, 3, 30), 17),  # after clocks go back (AEST)
        ("Asia/Kolkata", datetime(2027, 3, 12, 10, 0), 4),  # no daylight saving, half-hour offset
    ],
)
def test_other_zones_and_their_changes(zone, naive, utc_hour):
    assert times.make_aware_in_zone(naive, zone).astimezone(UTC).hour == utc_hour


def test_new_york_skipped_hour_is_refused():
    with pytest.raises(times.NonexistentTime):
        times.make_aware_in_zone(datetime(2026, 3, 8, 2, 30), "America/New_York")


def _event(**kw):
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    values = dict(
        start=now + timedelta(days=10), end=now + timedelta(days=10, hours=2), time_zone=LONDON,
        format="in_person", online_url="", venue_name="Hall", postcode="LS1", address="", town="Leeds",
        country="GB-ENG", is_free=True, price="", price_amount=None, currency="",
    )
    values.update(kw)
    return SimpleNamespace(**values), now


def _errors(**kw):
    event, now = _event(**kw)
    return rules.event_errors(event, now=now)


def test_a_good_event_has_no_errors():
    assert _errors() == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"end": datetime(2026, 12, 2, 11, 0, tzinfo=UTC)}, "end", "after the start"),
        ({"end": datetime(2026, 12, 20, 11, 0, tzinfo=UTC)}, "end", "at most 14 days"),
        ({"start": datetime(2026, 11, 21, 12, 0, tzinfo=UTC), "end": datetime(2026, 11, 21, 13, 0, tzinfo=UTC)},
         "start", "in the past"),
        ({"start": datetime(2029, 1, 1, 12, 0, tzinfo=UTC), "end": datetime(2029, 1, 1, 13, 0, tzinfo=UTC)},
         "start", "2 years ahead"),
        ({"format": "online"}, "online_url", "joining or registration link"),
        ({"format": "hybrid", "online_url": "https://x.example.org", "venue_name": ""}, "venue_name", "venue"),
        ({"postcode": ""}, "postcode", "postcode or area"),
        ({"country": ""}, "country", "country"),
        ({"town": ""}, "town", "town or city"),
        ({"is_free": False}, "price_amount", "price of a place in numbers"),
        ({"is_free": False, "price_amount": Decimal("0")}, "price_amount", "more than 0"),
        ({"is_free": False, "price_amount": Decimal("5")}, "currency", "currency"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "time zone"),
    ],
)
def test_rules_refuse_bad_events_with_a_message_on_the_field(changes, field, words):
    errors = _errors(**changes)
    assert field in errors
    assert words in errors[field]


def test_exactly_fourteen_days_is_allowed():
    event, now = _event()
    event.end = event.start + timedelta(days=14)
    assert "end" not in rules.event_errors(event, now=now)


def test_admin_edits_may_keep_past_dates():
    event, now = _event(start=datetime(2020, 3, 12, 10, tzinfo=UTC), end=datetime(2020, 3, 12, 11, tzinfo=UTC))
    assert rules.event_errors(event, now=now, check_dates_against_now=False) == {}
