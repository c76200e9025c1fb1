"""Hashtag tracking's part in starting next year's Day (``campaign.registry.NEXT_EDITION_COPY``).

Next year is tracked as this year was: the same hashtags (with the year moved on in the ones
that carry it), the same networks, wall and "after the Day" choices, and the same window around
the new Day. Errors, demo data and what was stored stay with last year.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import formats

from campaign.editions.models import EditionPage
from campaign.editions.next_edition import carry_hashtags
from campaign.reach.models import REAL, Tracking
from campaign.registry import ChecklistItem

CARRIED_FIELDS = ("x_enabled", "mastodon_enabled", "bluesky_enabled", "mastodon_servers_off", "after_the_day", "wall_mode")


def shifted(moment: datetime | None, source: EditionPage, edition: EditionPage) -> datetime | None:
    """A set start or end of tracking, moved by as many days as the new Day is after the old one.

    Without both dates there is nothing to shift by: the window is left to follow the new Day.
    """
    if moment is None or source.day is None or edition.day is None:
        return None
    return moment + timedelta(days=(edition.day - source.day).days)


def copy_tracking(source: EditionPage, edition: EditionPage) -> Tracking | None:
    previous = Tracking.objects.filter(edition=source).first()
    if previous is None:
        return None
    return Tracking.objects.create(
        edition=edition,
        hashtags=carry_hashtags(previous.hashtags, source.year, edition.year),
        starts_at=shifted(previous.starts_at, source, edition),
        ends_at=shifted(previous.ends_at, source, edition),
        data_source=REAL,
        **{field: getattr(previous, field) for field in CARRIED_FIELDS},
    )


def _when(moment: datetime | None) -> str:
    return formats.date_format(moment, "j F Y") if moment else "when the Day is set"


def tracking_checklist(edition: EditionPage) -> list[ChecklistItem]:
    tracking = Tracking.objects.filter(edition=edition).first()
    if tracking is None:
        return [ChecklistItem("Set up hashtag tracking", False, reverse("wagtailsnippets_reach_tracking:add"))]
    start, end = tracking.window()
    return [ChecklistItem(
        "Check the hashtags and when they are tracked",
        start is not None and end is not None,
        reverse("wagtailsnippets_reach_tracking:edit", args=[tracking.pk]),
        f"{' '.join(tracking.hashtag_list)}, from {_when(start)} to {_when(end)}.",
    )]
