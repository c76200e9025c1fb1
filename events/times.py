"""Event times: entered as wall-clock times in the event's own zone, stored as aware datetimes.

A time that does not exist (skipped when the clocks go forward) is refused with a clear
message; a time that happens twice (when the clocks go back) means the first of the two,
as people usually intend.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


class NonexistentTime(ValueError):
    """The wall-clock time was skipped in that zone (clocks going forward)."""


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def make_aware_in_zone(naive: datetime, zone_name: str) -> datetime:
    """The instant (in UTC) a person means by ``naive`` on the clocks of ``zone_name``.

    Raises NonexistentTime for times skipped when the clocks go forward.
    """
    tz = ZoneInfo(zone_name)
    aware = naive.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive.replace(tzinfo=None):
        raise NonexistentTime(
            f"{naive:%H:%M} on {naive:%-d %B %Y} does not exist in {zone_name}: the clocks go forward then. "
            "Please choose another time."
        )
    # In UTC, so that arithmetic across a clock change counts real hours.
    return aware.astimezone(UTC)


def in_zone(value: datetime, zone_name: str) -> datetime:
    return value.astimezone(ZoneInfo(zone_name))


def local_date(value: datetime, zone_name: str) -> date:
    return in_zone(value, zone_name).date()


def zone_abbreviation(value: datetime, zone_name: str) -> str:
    """'GMT', 'BST', 'CET'… or the offset ('+0530') where the zone has no abbreviation."""
    name = in_zone(value, zone_name).tzname() or ""
    return name if name and not name.startswith(("+", "-")) else "UTC" + (name or "")


def format_range(start: datetime, end: datetime, zone_name: str) -> str:
    """'Thursday 12 March 2027, 10:00–11:30 GMT' or a range across days, in the event's zone."""
    s, e = in_zone(start, zone_name), in_zone(end, zone_name)
    abbreviation = zone_abbreviation(end, zone_name)
    start_abbreviation = zone_abbreviation(start, zone_name)
    if s.date() == e.date():
        return f"{s:%A} {s.day} {s:%B %Y}, {s:%H:%M}–{e:%H:%M} {abbreviation}"
    first = f"{s:%A} {s.day} {s:%B %Y}, {s:%H:%M}"
    if start_abbreviation != abbreviation:
        first += f" {start_abbreviation}"
    return f"{first} to {e:%A} {e.day} {e:%B %Y}, {e:%H:%M} {abbreviation}"


def duration(start: datetime, end: datetime) -> timedelta:
    return end - start


UK_ZONE = "Europe/London"


def differs_from_uk(start: datetime, end: datetime, zone_name: str) -> bool:
    """Whether UK clocks read differently from the event's own during it (its start or end)."""
    return any(in_zone(value, zone_name).utcoffset() != in_zone(value, UK_ZONE).utcoffset() for value in (start, end))


def datetime_attribute(value: datetime, zone_name: str) -> str:
    """An HTML ``datetime`` value in the zone, to the second (HTML allows at most milliseconds)."""
    return in_zone(value, zone_name).replace(microsecond=0).isoformat()
