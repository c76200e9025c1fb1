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

    return EditionPage.objects.live().specific()


def current_edition(on: date | None = None) -> EditionPage | None:
    on = on or today()
    editions = live_editions().filter(day__isnull=False)
    upcoming = editions.filter(day__gte=on).order_by("day").first()
    if upcoming is not None:
        return upcoming
    return editions.filter(day__lt=on).order_by("-day").first()


def next_undated_edition(after: EditionPage) -> EditionPage | None:
    """An edition announced for a later year whose date is not set yet."""
    return live_editions().filter(day__isnull=True, year__gt=after.year).order_by("year").first()


@dataclass(frozen=True)
class DayStatus:
    """What the home page says about the current edition."""

    edition: EditionPage | None
    state: str
    countdown: str = ""
    days_to_go: int | None = None
    previous: EditionPage | None = None
    next_undated: EditionPage | None = None


def day_status(on: date | None = None) -> DayStatus:
    on = on or today()
    edition = current_edition(on)
    if edition is None:
        return DayStatus(edition=None, state=UNDATED, next_undated=live_editions().order_by("-year").first())
    state = day_state(edition.day, on)
    if state == PAST:
        return DayStatus(edition=edition, state=PAST, countdown=countdown_text(edition.day, on),
                         next_undated=next_undated_edition(edition))
    previous = (
        live_editions().filter(day__lt=edition.day).order_by("-day").first() if state == UPCOMING else None
    )
    return DayStatus(
        edition=edition,
        state=state,
        countdown=countdown_text(edition.day, on),
        days_to_go=(edition.day - on).days,
        previous=previous,
    )
