"""Keeping organisers' contact details no longer than needed.

A rejected submission's contact details go 30 days after the rejection (time enough to
reply and resubmit); an event's go EVENTS_CONTACT_RETENTION_DAYS (default 180) after it
ended. Erasing also revokes the management link. The listing itself, being public
information about a past event, stays.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from events.models import EventSubmission

REJECTED_RETENTION_DAYS = 30


def retention_days() -> int:
    return settings.EVENTS_CONTACT_RETENTION_DAYS


def expired_submissions(now: datetime | None = None):
    now = now or timezone.now()
    rejected_before = now - timedelta(days=REJECTED_RETENTION_DAYS)
    ended_before = now - timedelta(days=retention_days())
    return EventSubmission.objects.filter(contact_erased_at__isnull=True).filter(
        Q(rejected_at__lt=rejected_before) | Q(event__end__lt=ended_before)
    )


def purge_expired(now: datetime | None = None) -> int:
    """Erase expired organiser contact details; returns how many submissions were erased."""
    now = now or timezone.now()
    return expired_submissions(now).update(
        contact_name="", contact_email="", secret="", contact_erased_at=now, updated_at=now
    )
