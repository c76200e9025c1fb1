"""Rules about which annual Day is 'current' and how far away it is.

Exactly one edition is current: the next upcoming one (the Day itself counts as upcoming
until midnight), or the latest past one when none is upcoming. It is computed from dates,
so the site moves on by itself the day after the Day.

Plain functions of dates and editions, with no queries: the page models use them, and
``campaign.editions.current`` feeds them the live editions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
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


def now() -> datetime:
    return timezone.now()


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


# What editors choose for the days after the Day (SiteSettings.after_the_day).
AUTOMATIC, NEXT_DAY, DAY_GONE = "automatic", "next", "gone"


@dataclass(frozen=True)
class Focus:
    """The edition the site is about now: the home page, /stats/ and the toolkit.

    ``thank_you``: the Day is over and its figures are still coming in; the pages thank
    people, show its results and announce ``next_edition``.
    """

    edition: EditionPage | None
    thank_you: bool = False
    next_edition: EditionPage | None = None


def day_just_gone(editions: Sequence[EditionPage], on: date) -> EditionPage | None:
    """The latest dated edition before ``on``."""
    gone = [e for e in editions if e.day is not None and e.day < on]
    return max(gone, key=lambda e: e.day) if gone else None


def pick_focus(
    editions: Sequence[EditionPage],
    at: datetime,
    mode: Callable[[], str] = lambda: AUTOMATIC,
    gone_until: Callable[[EditionPage], datetime | None] = lambda edition: None,
) -> Focus:
    """The Day just gone while it is held (``gone_until`` it, or always with ``DAY_GONE``),
    else the current edition as ``pick_current`` has it.

    Only once next year's edition exists is there anything to choose: before that the Day
    just gone is the current edition anyway. ``mode`` (the editors' choice) and ``gone_until``
    are asked only when it matters: each may cost a query.
    """
    on = timezone.localdate(at)
    current = pick_current(editions, on)
    gone = day_just_gone(editions, on)
    if gone is None or current is None or gone.pk == current.pk:
        return Focus(current)
    chosen = mode()
    if chosen == NEXT_DAY:
        return Focus(current)
    if chosen == DAY_GONE or ((until := gone_until(gone)) is not None and at < until):
        return Focus(gone, thank_you=True, next_edition=current)
    return Focus(current)
