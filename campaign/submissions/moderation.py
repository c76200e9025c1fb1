"""Public submissions go through Wagtail's own moderation: a workflow on the pages they create.

Visitors have no account, so a submission is a draft revision with a workflow started by
no user. Moderators see it in the admin's review queue and approve (publish) or reject it.

A site-wide ceiling (``SUBMISSIONS_PER_HOUR``) keeps a script from flooding the queue and the
moderators' inboxes: beyond it a submission is saved but held outside the queue
(``HeldSubmission``), moderators get one alert an hour rather than one email each, and held
submissions enter the queue, oldest first, as the rate falls (on the next submission, and by
the ``release_held_submissions`` task that a timer runs).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from campaign.submissions.emails import NOTHING_TO_SEND, Email, send_or_retry
from campaign.submissions.images import submission_collection
from campaign.submissions.models import HeldSubmission, SubmissionWorkflow
from campaign.submissions.revisions import label_pending

MODERATORS_GROUP = "Moderators"
EDITORS_GROUP = "Editors"
MODERATOR_PAGE_RIGHTS = ("change_page", "publish_page")
MODERATOR_IMAGE_RIGHTS = ("choose_image", "change_image")
CEILING_WINDOW = timedelta(hours=1)
RELEASED_KEPT_FOR = timedelta(days=1)


def moderation_workflow(name: str, task_name: str | None = None) -> Workflow:
    """A one-step workflow in which the Moderators group approves; created once, then reused.

    It is marked as a submission workflow: Wagtail sends no workflow emails for it
    (``notifications``), since they would carry the submitted title.
    """
    workflow, created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        approval, _ = GroupApprovalTask.objects.get_or_create(name=task_name or f"{name}: moderator review")
        approval.groups.add(group)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=approval, defaults={"sort_order": 0})
    SubmissionWorkflow.objects.get_or_create(workflow=workflow)  # no Wagtail emails with submitted titles
    return workflow


def assign_workflow(page: Page, workflow: Workflow) -> None:
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def submit_for_moderation(page: Page) -> WorkflowState | None:
    """Save the page's current fields as a draft revision and put it in the review queue.

    A page that is already live stays live at its published revision until approval.
    Returns the workflow state, or None when the ceiling is reached and the submission is
    held: then the caller sends moderators no notice of its own (they get the hourly alert).
    """
    page.save_revision(user=None, log_action=True)
    workflow = page.get_workflow()
    if workflow is None:
        raise RuntimeError(f"No moderation workflow covers {page!r}; assign one to its parent page.")
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    now = timezone.now()
    was_held = is_held(page)
    release_held_submissions_now(now)  # Those who waited go first.
    if was_held:
        # Still in line, or just released with this newest revision.
        label_pending(page)
        return None if is_held(page) else page.current_workflow_state
    if queue_room(now) <= 0:
        hold(page, now)
        label_pending(page)
        return None
    started = workflow.start(page, user=None)
    label_pending(page)
    return started


def entered_queue_since(since: datetime) -> int:
    """Submissions put in the review queue since ``since``: workflows that no user started."""
    return WorkflowState.objects.filter(requested_by__isnull=True, created_at__gte=since).count()


def queue_room(now: datetime) -> int:
    """How many more submissions may enter the review queue in the hour up to ``now``."""
    return settings.SUBMISSIONS_PER_HOUR - entered_queue_since(now - CEILING_WINDOW)


def is_held(page: Page) -> bool:
    return HeldSubmission.objects.filter(page_id=page.pk, released_at__isnull=True).exists()


def hold(page: Page, now: datetime) -> HeldSubmission:
    """Keep a saved submission out of the queue; alert moderators if it is the first this hour."""
    held = HeldSubmission.objects.create(page_id=page.pk, held_at=now)
    first_this_hour = not HeldSubmission.objects.filter(held_at__gt=now - CEILING_WINDOW).exclude(pk=held.pk).exists()
    if first_this_hour:
        transaction.on_commit(lambda: alert_submissions_held.enqueue())
    return held


def release_held_submissions_now(now: datetime) -> int:
    """Put held submissions into the review queue, oldest first, as far as the ceiling allows."""
    released = 0
    with transaction.atomic():
        room = queue_room(now)
        if room > 0:
            waiting = HeldSubmission.objects.filter(released_at__isnull=True).select_related("page")
            # Another server releasing at the same moment skips the rows this one holds.
            for held in waiting.select_for_update(skip_locked=True, of=("self",))[:room]:
                page = held.page.specific
                workflow = page.get_workflow()
                if workflow is not None and page.current_workflow_state is None:
                    workflow.start(page, user=None)
                    released += 1
                held.released_at = now
                held.save(update_fields=["released_at"])
        HeldSubmission.objects.filter(released_at__lt=now - RELEASED_KEPT_FOR).delete()
    return released


@task()
def release_held_submissions() -> int:
    """The scheduled release of held submissions (the timer runs it every few minutes)."""
    return release_held_submissions_now(timezone.now())


@task()
def alert_submissions_held() -> str:
    """Tell moderators, once an hour at most, that submissions are being held. No submitted text."""
    waiting = HeldSubmission.objects.filter(released_at__isnull=True).count()
    if not waiting:
        return NOTHING_TO_SEND
    subject = "Submissions are arriving faster than usual"
    body = (
        f"More than {settings.SUBMISSIONS_PER_HOUR} submissions have arrived in the last hour, so new ones "
        f"are being held outside the review queue ({waiting} waiting now). Nothing is lost: they enter the "
        "review queue by themselves, oldest first, as the rate falls.\n\n"
        "If this is spam, the rate limits and spam checks are holding the rest. You will get at most one "
        "of these alerts an hour."
    )
    return notify_moderators.call(subject, body)


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


def confine_moderators() -> None:
    """Moderators review submissions and nothing else; Editors run the rest of the site.

    Wagtail's initial migrations give both groups add, edit and publish rights at the root of
    the page tree and every right on the root collection of images and documents, and route
    every page's changes to Moderators through the default workflow. Moderators see
    unredacted submissions, so they keep only what ``grant_moderation_rights`` gives them on
    each submission section; Editors get publishing at the root and the default workflow's
    approvals instead. Idempotent: runs after every migrate.
    """
    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    root = Page.get_first_root_node()
    GroupPagePermission.objects.filter(group=moderators, page__depth=1).delete()
    GroupCollectionPermission.objects.filter(group=moderators, collection__depth=1).delete()
    if root is not None:
        publish = Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Page), codename="publish_page",
        ).first()
        if publish is not None and GroupPagePermission.objects.filter(group=editors, page=root).exists():
            GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)
    for approval in GroupApprovalTask.objects.filter(groups=moderators, workflow_tasks__workflow__workflow_pages__page__depth=1):
        approval.groups.remove(moderators)
        approval.groups.add(editors)


def grant_moderation_rights(section: Page, image_collection: str) -> Group:
    """Moderators may reach the admin, edit (redact), publish and unpublish pages under
    ``section``, and see and swap images in the section's own collection: nothing more."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if admin_access is not None:
        group.permissions.add(admin_access)
    page_type = ContentType.objects.get_for_model(Page)
    for permission in Permission.objects.filter(content_type=page_type, codename__in=MODERATOR_PAGE_RIGHTS):
        GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
    collection: Collection = submission_collection(image_collection)
    for permission in Permission.objects.filter(content_type__app_label="wagtailimages",
                                                codename__in=MODERATOR_IMAGE_RIGHTS):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return group


def is_submitted_page(page: Page) -> bool:
    """Whether the page sits in a section the Moderators review (a story, an event)."""
    return GroupPagePermission.objects.filter(
        group__name=MODERATORS_GROUP, page__in=page.get_ancestors(),
    ).exists()


def on_post_migrate(sender, **kwargs) -> None:
    """Once per migrate: after Wagtail core's, whose initial data grants the root rights."""
    if sender.label == "wagtailcore":
        confine_moderators()
