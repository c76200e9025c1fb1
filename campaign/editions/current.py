"""Which edition is current now: the rules of ``days`` applied to the live editions.

Kept apart from the rules so that the page models use the rules without importing this
module, which imports them.
"""

from __future__ import annotations

from datetime import date, datetime

from campaign.editions import days
from campaign.editions.models.pages import (
    CURRENT_EDITION_ATTRIBUTE,
    EditionPage,
    all_live_editions,
    day_gone_until,
    focus_for,
)

__all__ = ["current_edition", "current_edition_for", "day_status", "focus", "focus_for", "live_edition"]


def current_edition(on: date | None = None) -> EditionPage | None:
    return days.pick_current(all_live_editions(), on or days.today())


def live_edition(pk: int | None) -> EditionPage | None:
    """The live edition with this id, from the kept list of live editions: no query per page
    that names its edition. None for no id, or for an edition that is not live."""
    if pk is None:
        return None
    return next((edition for edition in all_live_editions() if edition.pk == pk), None)


def current_edition_for(request) -> EditionPage | None:
    """The current edition, looked up once per request however many templates ask."""
    if request is None:
        return current_edition()
    if not hasattr(request, CURRENT_EDITION_ATTRIBUTE):
        setattr(request, CURRENT_EDITION_ATTRIBUTE, current_edition())
    return getattr(request, CURRENT_EDITION_ATTRIBUTE)


def day_status(on: date | None = None) -> days.DayStatus:
    """What to say about the current edition, computed from every live edition at once."""
    return days.status_among(all_live_editions(), on or days.today())


def focus(at: datetime | None = None, mode: str = days.AUTOMATIC) -> days.Focus:
    """The edition the home page, /stats/ and the toolkit are about at ``at`` (default now),
    for code without a request (with one, ``focus_for`` follows the site's settings)."""
    return days.pick_focus(all_live_editions(), at or days.now(), lambda: mode, day_gone_until)
