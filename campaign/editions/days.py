"""Rules about which annual Day is 'current' and how far away it is.

Exactly one edition is current: the next upcoming one (the Day itself counts as upcoming
until midnight), or the latest past one when none is upcoming. It is computed from dates,
so the site moves on by itself the day after the Day.

Plain functions of dates and editions, with no queries: the page models use them, and
``campaign.editions.current`` feeds them the live editions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from campaign.editions.models import EditionPage

UPCOMING = "upcoming"
TODAY = "today"
PAST = "past"
UNDATED = "undated"


def today() -> date:
    return timezone.localdate()


def day_state(day: date | None, on: date) -> str:
    if day is None:
        return UNDATED
    if day > on:
        return UPCOMING
    if day == on:
        return TODAY
    return PAST


def countdown_text(day: date, on: date) -> str:
    """'in 108 days', 'tomorrow', 'today' or '3 days ago', as the home page says it."""
    days = (day - on).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if days > 1:
        return f"in {days} days"
    return f"{-days} days ago"


def pick_current(editions: Sequence[EditionPage], on: date) -> EditionPage | None:
    """The next dated edition on or after ``on``, else the latest one before it."""
    dated = sorted((e for e in editions if e.day is not None), key=lambda e: e.day)
    upcoming = [e for e in dated if e.day >= on]
    if upcoming:
        return upcoming[0]
    return dated[-1] if dated else None


@dataclass(frozen=True)
class DayStatus:
    """What the home page says about the current edition."""

    edition: EditionPage | None
    state: str
    countdown: str = ""
    days_to_go: int | None = None
    previous: EditionPage | None = None
    next_undated: EditionPage | None = None


def status_among(editions: Sequence[EditionPage], on: date) -> DayStatus:
    """What to say about the current edition, given every live edition at once."""
    edition = pick_current(editions, on)
    if edition is None:
        latest = max(editions, key=lambda e: e.year, default=None)
        return DayStatus(edition=None, state=UNDATED, next_undated=latest)
    state = day_state(edition.day, on)
    if state == PAST:
        later_undated = sorted((e for e in editions if e.day is None and e.year > edition.year), key=lambda e: e.year)
        return DayStatus(edition=edition, state=PAST, countdown=countdown_text(edition.day, on),
                         next_undated=later_undated[0] if later_undated else None)
    earlier = [e for e in editions if e.day is not None and e.day < edition.day]
    previous = max(earlier, key=lambda e: e.day) if state == UPCOMING and earlier else None
    return DayStatus(
        edition=edition,
        state=state,
        countdown=countdown_text(edition.day, on),
        days_to_go=(edition.day - on).days,
        previous=previous,
    )
