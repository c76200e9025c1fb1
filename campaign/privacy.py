"""The retention periods the public privacy notice states, read from where the purges read them.

Stories' periods are site settings (``stories.privacy.retention_settings``), events' come from
``settings.EVENTS_CONTACT_RETENTION_DAYS`` (``events.privacy``): the notice asks the same
functions the purge commands do, so a changed period changes the promise and the practice together.
"""

from __future__ import annotations

from dataclasses import dataclass

from events import privacy as event_privacy
from stories import privacy as story_privacy


@dataclass(frozen=True)
class RetentionPeriods:
    story_contact_after_publication_days: int
    rejected_story_days: int
    event_contact_after_event_days: int
    rejected_event_contact_days: int


def retention_periods() -> RetentionPeriods:
    stories = story_privacy.retention_settings()
    return RetentionPeriods(
        story_contact_after_publication_days=stories.published_contact_retention_days,
        rejected_story_days=stories.rejected_retention_days,
        event_contact_after_event_days=event_privacy.retention_days(),
        rejected_event_contact_days=event_privacy.REJECTED_RETENTION_DAYS,
    )
