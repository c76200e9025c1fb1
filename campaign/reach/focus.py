"""How long the site stays on the Day just gone: while its hashtags are still tracked.

The site moves to next year's edition the day after the Day (campaign.editions), but the
Day just gone is still tracked for a week and is what everyone is looking at. Reach tells
campaign.editions until when (``register_day_gone_until``): the end of the Day's tracking
window, or as its Tracking settings say (move on at once, or keep it until changed).
"""

from __future__ import annotations

from datetime import UTC, datetime

from .models import Tracking

#: "Until an editor changes this".
FOREVER = datetime.max.replace(tzinfo=UTC)


def day_gone_until(edition) -> datetime | None:
    tracking = Tracking.objects.filter(edition_id=edition.pk).first()
    if tracking is None or tracking.after_the_day == Tracking.MOVE_ON:
        return None
    if tracking.after_the_day == Tracking.KEEP:
        return FOREVER
    tracking.edition = edition  # the window is computed from its Day: no second look-up
    return tracking.window()[1]
