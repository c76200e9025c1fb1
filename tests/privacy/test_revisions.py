"""A moderator's decision leaves no revision, log label or workflow row with the submitter's own words."""

import json

import pytest
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from tests.events.helpers import upload
from tests.privacy.conftest import workflow_action

pytestmark = pytest.mark.django_db

NAME = "Sarah Jones"


def history_text(page) -> str:
    """Everything Wagtail keeps about a page's past: revisions, audit log, workflow rows."""
    parts = [json.dumps(r.content) for r in Revision.objects.filter(object_id=str(page.pk))]
    for entry in PageLogEntry.objects.filter(page_id=page.pk):
        parts += [entry.label, json.dumps(entry.data)]
    states = TaskState.objects.filter(workflow_state__object_id=str(page.pk)).select_related("revision")
    parts += [json.dumps(state.revision.content) + state.comment for state in states]
    return "\n".join(parts)


def redact(page, user, **fields):
    draft = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision(user=user, log_action=True)


def test_an_approved_story_keeps_only_its_redacted_revision(share_story, admin_client, superuser):
    page = share_story(title=f"How {NAME} got me walking",
                       what_happened=f"My link worker {NAME} took me to a walking group.").page
    assert NAME in history_text(page)
    labels = set(PageLogEntry.objects.filter(page_id=page.pk).values_list("label", flat=True))
    assert labels == {"Submission awaiting review"}  # the site history report shows no submitted title
    redact(page, superuser, title="How my link worker got me walking",
           what_happened="My link worker took me to a walking group.")

    assert workflow_action(admin_client, page, "approve").status_code == 302

    page.refresh_from_db()
    assert page.live and page.title == "How my link worker got me walking"
    assert list(Revision.objects.filter(object_id=str(page.pk)).values_list("pk", flat=True)) == [page.live_revision_id]
    assert NAME not in history_text(page)
    assert set(PageLogEntry.objects.filter(page_id=page.pk).values_list("label", flat=True)) == {page.title}
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.workflow.approve").exists()
    assert set(TaskState.objects.filter(workflow_state__object_id=str(page.pk)).values_list("revision", flat=True)) \
        == {page.live_revision_id}
    assert page.draft_title == page.title


def test_a_rejected_story_leaves_no_revision_and_no_title_in_the_log(share_story, admin_client):
    page = share_story(title=f"{NAME} and the walking group").page

    assert workflow_action(admin_client, page, "reject", comment="Too identifying").status_code == 302

    assert not Revision.objects.filter(object_id=str(page.pk)).exists()
    assert not WorkflowState.objects.for_instance(page).exists()
    assert NAME not in history_text(page)
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.workflow.reject").exists()
    page.refresh_from_db()
    assert NAME not in page.draft_title


def test_a_swapped_photo_goes_when_the_story_is_approved(share_story, admin_client, superuser, django_capture_on_commit_callbacks):
    submission = share_story(photo=upload("photo.jpg"), photo_alt_text=f"{NAME} at the allotment")
    page = submission.page
    original = page.photo
    replacement = get_image_model().objects.create(
        title="Story photo replacement", file=original.file.name, collection=original.collection,
    )
    redact(page, None, photo=replacement, photo_alt_text="Two people at an allotment")

    workflow_action(admin_client, page, "approve")

    images = get_image_model().objects
    assert not images.filter(pk=original.pk).exists()
    assert images.filter(pk=replacement.pk).exists()


def test_an_approved_event_keeps_only_its_redacted_revision(submit_event, admin_client, superuser):
    event = submit_event(title=f"Walk with {NAME}", description=f"{NAME} leads a walk by the canal.").event
    redact(event, superuser, title="Wellbeing walk by the canal", description="A walk by the canal.")

    workflow_action(admin_client, event, "approve")

    event.refresh_from_db()
    assert event.live
    assert list(Revision.objects.filter(object_id=str(event.pk)).values_list("pk", flat=True)) == [event.live_revision_id]
    assert NAME not in history_text(event)
    assert not PageLogEntry.objects.filter(Q(page_id=event.pk) & ~Q(label=event.title)).exists()


def test_a_rejected_event_leaves_no_revision(submit_event, admin_client):
    event = submit_event(title=f"Walk with {NAME}").event

    workflow_action(admin_client, event, "reject", comment="Please remove the name")

    assert not Revision.objects.filter(object_id=str(event.pk)).exists()
    assert NAME not in history_text(event)


def test_a_rejected_change_to_a_live_event_keeps_the_live_version(submit_event, admin_client, client, superuser):
    submission = submit_event()
    event = submission.event
    workflow_action(admin_client, event, "approve")
    event.refresh_from_db()
    live_revision = event.live_revision_id
    redact(event, superuser, title=f"Walk with {NAME}")
    event.refresh_from_db()
    event.get_workflow().start(event, user=None)

    workflow_action(admin_client, event, "reject", comment="No names")

    event.refresh_from_db()
    assert event.live and event.title == "Wellbeing walk by the canal"
    assert list(Revision.objects.filter(object_id=str(event.pk)).values_list("pk", flat=True)) == [live_revision]
    assert NAME not in history_text(event)
