"""Organisers' emails, composed by the kernel's retried email task (``campaign.submissions.emails``).

The task is given the submission's id and the kind of email only, never an address or text:
it looks the submission up when it runs and renders the email from what is there then.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from campaign.site_address import page_url, site_url
from campaign.submissions.emails import Email, one_line_subject
from events.models import EventSubmission
from events.submissions import management_url

SUBJECTS = {
    "received": "We have received your event",
    "approved": "Your event is listed",
    "rejected": "Your event listing was not approved",
}


def organiser_email(submission_id: int, kind: str) -> Email | None:
    """The email of this kind for the submission's organiser, or None if there is no one to tell."""
    submission = EventSubmission.objects.select_related("event").filter(pk=submission_id).first()
    if submission is None or not submission.contact_email or kind not in SUBJECTS:
        return None
    if kind == "rejected" and submission.rejected_at is None:
        return None  # a retry that comes after the organiser has already changed and resent it
    event = submission.event
    context = {
        "submission": submission,
        "event": event,
        "manage_url": management_url(submission),
        "site_url": site_url(),
        "reason": submission.rejection_reason,
        "event_url": page_url(event) if kind == "approved" else "",
    }
    body = render_to_string(f"events/email/{kind}.txt", context)
    return Email(one_line_subject(SUBJECTS[kind], event.title), body, [submission.contact_email])
