"""What stories hold for a storyteller's email address, and erasing it on request.

A storyteller is known only by the email they chose to leave; stories shared without one
cannot be tied to anyone, and their private link is the only way to withdraw them.
"""

from __future__ import annotations

from typing import Any

from campaign.site_address import page_url
from stories.models import StorySubmission
from stories.services import story_status, withdraw_story


def submissions_for(email: str):
    return StorySubmission.objects.filter(contact_email__iexact=email).select_related("page")


def held_for(email: str) -> list[dict[str, Any]]:
    """Each story submission under this address, with everything kept about it."""
    records = []
    for submission in submissions_for(email):
        page = submission.page
        version = page.get_latest_revision_as_object() if page is not None else None
        records.append({
            "submission": submission.pk,
            "status": story_status(submission).heading,
            "contact_email": submission.contact_email,
            "submitted_at": submission.submitted_at,
            "consents": {item["key"]: item["given"] for item in submission.consents},
            "consented_at": submission.consented_at,
            "first_published_at": submission.first_published_at,
            "rejected_at": submission.rejected_at,
            "rejection_reason": submission.rejection_reason,
            "title": version.title if version else "",
            "display_name": version.display_name if version else "",
            "story": version.full_text if version else "",
            "has_photo": bool(version and version.photo_id),
            "public_url": page_url(page) if page is not None and page.live else "",
        })
    return records


def erase_for(email: str) -> int:
    """Withdraw every story under this address: page, revisions, photo and details go at once."""
    submissions = list(submissions_for(email))
    for submission in submissions:
        withdraw_story(submission)
    return len(submissions)
