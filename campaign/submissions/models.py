"""The one record the kernel keeps: submissions held back while the site-wide ceiling is reached."""

from __future__ import annotations

from django.conf import settings
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


class RecordedFlag(models.Model):
    """A safeguarding flag raised when a submission arrived: a record, not a view of today's text.

    It stays with the submitted page after redaction, approval or rejection, so the next
    moderator learns that the submission needed care, and it says who acknowledged it and when.
    It holds what raised the flag in the kernel's own words (a category such as "Self-harm" and
    which part of the text), never the submitted words themselves. It goes with the page when
    the submission is erased (withdrawal, the purges, an erasure request): ``on_delete=CASCADE``.
    """

    RISK = "risk"
    KIND_CHOICES = [(RISK, "Safeguarding (possible risk of harm)")]

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=RISK)
    category = models.CharField(max_length=60, help_text="What kind of words raised it, e.g. 'Self-harm'.")
    description = models.CharField(
        max_length=200, help_text="Where it was raised, in the kernel's words: never the submitted text.",
    )
    raised_at = models.DateTimeField(db_index=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = "recorded flag"
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "category", "description"], name="submissions_flag_once"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.description}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None
