"""Storytellers' emails, composed by the kernel's retried email task (``campaign.submissions.emails``).

The task is given the submission's id and the kind of email only, never an address or text,
because queued tasks are stored in the database and may be logged."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from campaign.site_address import absolute_url
from campaign.submissions.emails import Email
from stories.links import manage_url
from stories.models import StorySubmission
from stories.privacy import retention_settings

SUBJECTS = {
    "received": "We have received your story",
    "published": "Your story is now on the Social Prescribing Day website",
    "rejected": "About the story you shared with Social Prescribing Day",
}


def storyteller_email(submission_id: int, kind: str) -> Email | None:
    """The email of this kind (received, published, rejected) with the private link, or None."""
    submission = StorySubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None or not submission.contact_email or submission.is_withdrawn or kind not in SUBJECTS:
        return None
    page = submission.page
    context = {
        "submission": submission,
        "manage_url": manage_url(submission),
        "story_url": absolute_url(page.url) if page is not None and page.live and page.url else "",
        "reason": submission.rejection_reason,
        "story_settings": retention_settings(),
        "privacy_url": absolute_url(reverse("privacy")),
    }
    body = render_to_string(f"stories/emails/{kind}.txt", context)
    return Email(SUBJECTS[kind], body, [submission.contact_email])
