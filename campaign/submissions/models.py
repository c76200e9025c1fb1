"""The one record the kernel keeps: submissions held back while the site-wide ceiling is reached."""

from __future__ import annotations

from django.db import models
from wagtail.models import Page, Workflow


class HeldSubmission(models.Model):
    """A submitted page saved as a draft but not yet in the review queue.

    Beyond ``SUBMISSIONS_PER_HOUR`` new submissions wait here, oldest first, and enter the
    queue as the rate falls. The row holds no submitted text, only which page waits and since
    when; released rows are kept a day so moderators are alerted at most once an hour.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    held_at = models.DateTimeField(db_index=True)
    released_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["held_at", "pk"]
        verbose_name = "held submission"

    def __str__(self) -> str:
        return f"Submission held since {self.held_at:%Y-%m-%d %H:%M}"


class SubmissionWorkflow(models.Model):
    """Marks a workflow as one for public submissions (made by ``moderation.moderation_workflow``).

    Wagtail's own workflow emails are not sent for these workflows: they put the submitted title
    in the subject. Moderators get the kernel's one notice per submission instead.
    """

    workflow = models.OneToOneField(Workflow, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"Public submissions: {self.workflow}"
