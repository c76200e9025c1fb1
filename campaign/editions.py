"""Rules about which annual Day is 'current' and how far away it is.

Exactly one edition is current: the next upcoming one (the Day itself counts as upcoming
until midnight), or the latest past one when none is upcoming. It is computed from dates,
so the site moves on by itself the day after the Day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from campaign.models import EditionPage

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


def live_editions():
    from campaign.models import EditionPage

    return EditionPage.objects.live()


def pick_current(editions: list[EditionPage], on: date) -> EditionPage | None:
    """The next dated edition on or after ``on``, else the latest one before it."""
    dated = sorted((e for e in editions if e.day is not None), key=lambda e: e.day)
    upcoming = [e for e in dated if e.day >= on]
    if upcoming:
        return upcoming[0]
    return dated[-1] if dated else None


def _all_live_editions() -> list[EditionPage]:
    """Every live edition, in one small query kept until an editor publishes something.

    There is one edition a year and nearly every page asks which one is current.
    """
    from campaign.cache import public_memo

    return list(public_memo("live-editions", _query_live_editions))


def _query_live_editions() -> list[EditionPage]:
    return list(live_editions().select_related("hero_image").order_by("year"))


def current_edition(on: date | None = None) -> EditionPage | None:
    return pick_current(_all_live_editions(), on or today())


def current_edition_for(request) -> EditionPage | None:
    """The current edition, looked up once per request however many templates ask."""
    if request is None:
        return current_edition()
    if not hasattr(request, "_current_edition"):
        request._current_edition = current_edition()
    return request._current_edition


@dataclass(frozen=True)
class DayStatus:
    """What the home page says about the current edition."""

    edition: EditionPage | None
    state: str
    countdown: str = ""
    days_to_go: int | None = None
    previous: EditionPage | None = None
    next_undated: EditionPage | None = None


def day_status(on: date | None = None, editions: list[EditionPage] | None = None) -> DayStatus:
    """What to say about the current edition, computed from every live edition at once."""
    on = on or today()
    editions = _all_live_editions() if editions is None else editions
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
