"""Public submissions go through Wagtail's own moderation: a workflow on the pages they create.

Visitors have no account, so a submission is a draft revision with a workflow started by
no user. Moderators see it in the admin's review queue and approve (publish) or reject it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tasks import task
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from campaign.submissions.emails import NOTHING_TO_SEND, Email, send_or_retry

MODERATORS_GROUP = "Moderators"


def moderation_workflow(name: str, task_name: str | None = None) -> Workflow:
    """A one-step workflow in which the Moderators group approves; created once, then reused."""
    workflow, created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        approval, _ = GroupApprovalTask.objects.get_or_create(name=task_name or f"{name}: moderator review")
        approval.groups.add(group)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=approval, defaults={"sort_order": 0})
    return workflow


def assign_workflow(page: Page, workflow: Workflow) -> None:
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def submit_for_moderation(page: Page) -> WorkflowState:
    """Save the page's current fields as a draft revision and put it in the review queue.

    A page that is already live stays live at its published revision until approval.
    """
    page.save_revision(user=None, log_action=True)
    workflow = page.get_workflow()
    if workflow is None:
        raise RuntimeError(f"No moderation workflow covers {page!r}; assign one to its parent page.")
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    return workflow.start(page, user=None)


def moderator_addresses() -> list[str]:
    """Everyone told of a new submission: MODERATOR_EMAILS plus active members of Moderators."""
    users = get_user_model().objects.filter(
        is_active=True, groups__name=MODERATORS_GROUP
    ).exclude(email="").values_list("email", flat=True)
    return sorted(set(settings.MODERATOR_EMAILS) | set(users))


@task()
def notify_moderators(subject: str, body: str, attempt: int = 1) -> str:
    """Email moderators about a submission, retried as ``emails`` says; a one-line subject.

    The subject and body hold public listing facts only, never a submitter's contact details.
    """
    recipients = moderator_addresses()
    if not recipients:
        return NOTHING_TO_SEND
    return send_or_retry(notify_moderators, (subject, body), attempt, Email(subject, body, recipients), "moderator notice")
