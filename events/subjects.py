"""What event listings hold for an organiser's email address, and erasing it on request.

The listing itself is public information about an event, published at the organiser's
request; what is personal is their name and email. Erasing removes those (and the secret
behind their link, which revokes it); a listing never published is deleted outright.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from campaign.site_address import page_url
from events.models import EventSubmission
from events.submissions import listing_status


def submissions_for(email: str):
    return EventSubmission.objects.filter(contact_email__iexact=email).select_related("event")


def held_for(email: str) -> list[dict[str, Any]]:
    return [
        {
            "submission": submission.pk,
            "status": listing_status(submission).label,
            "contact_name": submission.contact_name,
            "contact_email": submission.contact_email,
            "created_at": submission.created_at,
            "rejected_at": submission.rejected_at,
            "rejection_reason": submission.rejection_reason,
            "event": submission.event.title,
            "public_url": page_url(submission.event) if submission.event.live else "",
        }
        for submission in submissions_for(email)
    ]


@transaction.atomic
def erase_for(email: str) -> int:
    """Erase the organiser's details from each of their listings; delete those never published."""
    erased = 0
    now = timezone.now()
    for submission in submissions_for(email):
        event = submission.event
        if not event.live and event.first_published_at is None:
            event.delete()  # its submission record and images go with it
        else:
            submission.contact_name = submission.contact_email = submission.secret = ""
            submission.rejection_reason = ""
            submission.contact_erased_at = now
            submission.save()
        erased += 1
    return erased
