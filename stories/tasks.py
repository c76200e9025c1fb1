"""Background work for stories. Task arguments hold ids only, never an email address or text,
because queued tasks are stored in the database and may be logged."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from campaign.submissions.emails import one_line_subject
from stories.links import absolute_url, manage_url
from stories.models import StorySubmission
from stories.privacy import retention_settings

SUBJECTS = {
    "received": "We have received your story",
    "published": "Your story is now on the Social Prescribing Day website",
    "rejected": "About the story you shared with Social Prescribing Day",
}


@task()
def email_storyteller(submission_id: int, kind: str) -> bool:
    """Email a storyteller about their story (received, published, rejected) with their private link."""
    submission = StorySubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None or not submission.contact_email or submission.is_withdrawn or kind not in SUBJECTS:
        return False
    page = submission.page
    context = {
        "submission": submission,
        "manage_url": manage_url(submission),
        "story_url": absolute_url(page.url) if page is not None and page.live and page.url else "",
        "reason": submission.rejection_reason,
        "story_settings": retention_settings(),
    }
    body = render_to_string(f"stories/emails/{kind}.txt", context)
    send_mail(one_line_subject(SUBJECTS[kind]), body, None, [submission.contact_email], fail_silently=False)
    return True
