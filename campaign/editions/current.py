"""Which edition is current now: the rules of ``days`` applied to the live editions.

Kept apart from the rules so that the page models can use the rules without importing
the queries that import them.
"""

from __future__ import annotations

from datetime import date

from campaign.cache import public_memo
from campaign.editions import days
from campaign.editions.models.pages import EditionPage

# Where a request keeps its current edition, so every template asking gets the same one.
REQUEST_ATTRIBUTE = "_current_edition"


def live_editions():
    return EditionPage.objects.live()


def all_live_editions() -> list[EditionPage]:
    """Every live edition, in one small query kept until an editor publishes something.

    There is one edition a year and nearly every page asks which one is current.
    """
    return list(public_memo("live-editions", _query_live_editions))


def _query_live_editions() -> list[EditionPage]:
    return list(live_editions().select_related("hero_image").order_by("year"))


def current_edition(on: date | None = None) -> EditionPage | None:
    return days.pick_current(all_live_editions(), on or days.today())


def current_edition_for(request) -> EditionPage | None:
    """The current edition, looked up once per request however many templates ask."""
    if request is None:
        return current_edition()
    if not hasattr(request, REQUEST_ATTRIBUTE):
        setattr(request, REQUEST_ATTRIBUTE, current_edition())
    return getattr(request, REQUEST_ATTRIBUTE)


def day_status(on: date | None = None) -> days.DayStatus:
    """What to say about the current edition, computed from every live edition at once."""
    return days.status_among(all_live_editions(), on or days.today())


def day_status_for(request) -> days.DayStatus:
    """Today's status, remembering its edition as the request's current one."""
    status = day_status()
    setattr(request, REQUEST_ATTRIBUTE, status.edition)
    return status
