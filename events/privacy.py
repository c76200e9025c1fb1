"""Keeping organisers' contact details, and listings nobody published, no longer than needed.

A rejected submission's contact details go EVENTS_REJECTED_RETENTION_DAYS (30) after the
rejection (time enough to reply and resubmit); an event's go EVENTS_CONTACT_RETENTION_DAYS
(default 180) after it ended. Erasing also revokes the management link. A published
listing, being public information about a past event, stays; a rejected listing that was
never published is deleted with its image after the same 30 days (``purge_rejected_listings``).
Deleting an event, by purge or in the admin, deletes the images only it used.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaign.submissions.images import delete_unused_images
from campaign.submissions.revisions import keep_only_published
from events.models import EventPage, EventSubmission

IMAGE_COLLECTION = "Event images"
UNPUBLISHED_LABEL = "Event listing not published"


def retention_days() -> int:
    return settings.EVENTS_CONTACT_RETENTION_DAYS


def expired_submissions(now: datetime | None = None):
    now = now or timezone.now()
    rejected_before = now - timedelta(days=settings.EVENTS_REJECTED_RETENTION_DAYS)
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


def contacts_due(now: datetime, within: timedelta) -> int:
    """Organisers' details ``purge_expired`` will erase before ``now + within`` (the same rule)."""
    return expired_submissions(now + within).count()


def rejected_listings_due(now: datetime, within: timedelta) -> int:
    """Never-published rejected listings ``purge_rejected_listings`` will delete before ``now + within``."""
    cutoff = now + within - timedelta(days=settings.EVENTS_REJECTED_RETENTION_DAYS)
    return EventPage.objects.filter(
        live=False, first_published_at__isnull=True, submission__rejected_at__lt=cutoff,
    ).count()


def forget_drafts(event: EventPage) -> None:
    """After a moderator's decision: drop unpublished revisions, and images only they used.

    The organiser's unredacted wording does not outlive the decision; a rejected change to a
    live listing leaves the published version alone.
    """
    discarded = keep_only_published(event, unpublished_label=UNPUBLISHED_LABEL)
    delete_unused_images((content.get("image") for content in discarded), collection=IMAGE_COLLECTION)


@transaction.atomic
def purge_rejected_listings(now: datetime) -> dict[str, int]:
    """Delete listings rejected long enough ago and never published, with their private record.

    A listing sent back for changes and resubmitted is pending, not rejected, so it stays.
    """
    rejected_before = now - timedelta(days=settings.EVENTS_REJECTED_RETENTION_DAYS)
    events = EventPage.objects.filter(
        live=False, first_published_at__isnull=True, submission__rejected_at__lt=rejected_before,
    )
    deleted = 0
    for event in events:
        if event.workflow_in_progress:
            continue
        event.delete()
        deleted += 1
    return {"rejected_listings_deleted": deleted}


def images_of(event: EventPage) -> set[int]:
    """Every image the event or any of its revisions used."""
    ids = {event.image_id} if event.image_id else set()
    ids |= {(revision.content or {}).get("image") for revision in event.revisions.all()} - {None}
    return ids


def forget_images_later(event: EventPage) -> None:
    """Once the event's deletion is committed, delete the images nothing else uses."""
    ids = images_of(event)
    if ids:
        transaction.on_commit(lambda: delete_unused_images(ids, collection=IMAGE_COLLECTION))
