"""Wagtail's workflow emails, kept away from public submissions.

Wagtail emails moderators and superusers when a page is submitted to a workflow, and its
requester when it is approved or rejected, with the page's title in the subject. For a public
submission that title is the submitter's own words, unreviewed: it may name them or others.
Moderators get the kernel's one notice per submission instead (no submitted text), so these
notifiers skip workflows marked ``SubmissionWorkflow`` and behave as Wagtail's for any other.
"""

from __future__ import annotations

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, Workflow, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from campaign.submissions.models import SubmissionWorkflow


def is_submission_workflow(workflow: Workflow | None) -> bool:
    return workflow is not None and SubmissionWorkflow.objects.filter(workflow=workflow).exists()


class SkipSubmissionsMixin:
    def can_handle(self, instance, **kwargs):
        workflow = instance.workflow_state.workflow if isinstance(instance, TaskState) else instance.workflow
        return not is_submission_workflow(workflow) and super().can_handle(instance, **kwargs)


class TaskSubmittedNotifier(SkipSubmissionsMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmittedNotifier(SkipSubmissionsMixin, WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApprovedNotifier(SkipSubmissionsMixin, WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejectedNotifier(SkipSubmissionsMixin, WorkflowStateRejectionEmailNotifier):
    pass


# (signal, sender, Wagtail's dispatch_uid for its own notifier, ours in its place)
NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", TaskSubmittedNotifier()),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification", WorkflowSubmittedNotifier()),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", WorkflowRejectedNotifier()),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification", WorkflowApprovedNotifier()),
]


def replace_wagtail_notifiers() -> None:
    """Put ours in place of Wagtail's, whichever app's ``ready()`` runs first.

    Ours are connected under Wagtail's own dispatch_uid: if Wagtail connects later, Django
    ignores a second receiver with the same uid; if it connected earlier, it is disconnected first.
    """
    for signal, sender, dispatch_uid, notifier in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)
