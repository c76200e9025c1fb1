"""Which edition /stats/ (and the home page's results) are about in the days after the Day.

The site moves to next year's edition the day after the Day (campaign.editions), but the Day
just gone is still tracked for a week and is what everyone is looking at: until its tracking
window closes it stays in focus, in "thank you" mode with the next date announced. Editors
override per edition (Tracking.after_the_day): move on at once, or keep it in focus.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from campaign.editions.current import current_edition
from campaign.editions.models import EditionPage

from .models import Tracking


@dataclass(frozen=True)
class StatsFocus:
    edition: EditionPage | None
    #: The Day is over and its figures still coming in: say thank you, announce ``next_edition``.
    thank_you: bool = False
    next_edition: EditionPage | None = None


def stats_focus(now: datetime | None = None) -> StatsFocus:
    """The edition in focus now: the Day just gone while its window is open (or an editor
    keeps it), else the current edition as campaign.editions picks it."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    current = current_edition(on)
    just_gone = (
        Tracking.objects.select_related("edition")
        .filter(edition__live=True, edition__day__lt=on)
        .exclude(after_the_day=Tracking.MOVE_ON)
        .order_by("-edition__day")
    )
    tracking = just_gone.first()  # only the latest Day gone can still be in focus
    if tracking is not None and (current is None or tracking.edition_id != current.pk):
        end = tracking.window()[1]
        if tracking.after_the_day == Tracking.KEEP or (end is not None and now < end):
            later = current if current is not None and current.day and current.day > tracking.edition.day else None
            return StatsFocus(tracking.edition, thank_you=True, next_edition=later)
    return StatsFocus(current)
