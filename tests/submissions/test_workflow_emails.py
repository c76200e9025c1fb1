"""Wagtail's own workflow emails carry the page title in their subject; for a public submission
that is the submitter's unreviewed words. Moderators get the kernel's one notice per submission,
with no submitted text; Wagtail's emails still go out for the site's other workflows."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from campaign.submissions.moderation import MODERATORS_GROUP
from events.models import EventSubmission
from events.setup import ensure_event_index
from stories.models import StorySubmission
from stories.setup import ensure_story_section
from tests.events.helpers import form_data
from tests.factories import ContentPageFactory, EditionPageFactory, UserFactory
from tests.stories.conftest import story_data
from tests.submissions.editor import approve_in_editor, post_edit

pytestmark = pytest.mark.django_db

EVENT_TITLE = "Walk with Sarah Jones from Flat 4"
STORY_TITLE = "How Sarah Jones at Riverside got me walking"


@pytest.fixture
def people(home_page, superuser, settings):
    """A moderator and a superuser with addresses: both are on Wagtail's notification lists."""
    settings.MODERATOR_EMAILS = []
    settings.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = True
    superuser.email = "admin@example.org"
    superuser.save()
    moderator = UserFactory(username="mod", email="mod@example.org", is_staff=True)
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    ensure_event_index(), ensure_story_section()
    return moderator


def staff_mail() -> list:
    return [m for m in mail.outbox if {"mod@example.org", "admin@example.org"} & set(m.to + m.bcc + m.cc)]


def text_of(message) -> str:
    alternatives = " ".join(str(content) for content, _ in getattr(message, "alternatives", []))
    return f"{message.subject}\n{message.body}\n{alternatives}".lower()


def test_a_submission_and_its_approval_send_staff_one_notice_without_the_title(
    client, admin_client, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/events/submit/", form_data(title=EVENT_TITLE)).status_code == 302
        assert client.post("/stories/share/", story_data(title=STORY_TITLE)).status_code == 302
    notices = staff_mail()
    assert len(notices) == 2 and all(m.to == ["mod@example.org"] for m in notices)  # one each, the kernel's
    event = EventSubmission.objects.get().event
    story = StorySubmission.objects.get().page
    with django_capture_on_commit_callbacks(execute=True):
        assert post_edit(admin_client, event, title="Walk with a neighbour").status_code == 302
        assert approve_in_editor(admin_client, event, title="Walk with a neighbour").status_code == 302
        assert approve_in_editor(admin_client, story, title="How my GP got me walking").status_code == 302
    event.refresh_from_db(), story.refresh_from_db()
    assert event.live and story.live
    assert len(staff_mail()) == 2  # approval sent staff nothing more
    for message in mail.outbox:
        text = text_of(message)
        if "sarah jones" in text:
            # Only the submitter's own receipt may repeat their own words, and only to them.
            assert message.to in (["ada.organiser@example.org"], ["maureen.private@example.org"]), message.subject
        assert "flat 4" not in text or message.to == ["ada.organiser@example.org"]
    for message in staff_mail():
        assert "sarah" not in text_of(message) and "riverside" not in text_of(message)


def test_a_rejected_submission_sends_staff_no_title(client, admin_client, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/stories/share/", story_data(title=STORY_TITLE))
    story = StorySubmission.objects.get().page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(admin_client, story, **{"action-workflow-action": "true", "workflow-action-name": "reject"})
    assert not any("sarah" in text_of(m) for m in staff_mail())


def test_wagtails_emails_still_go_out_for_the_sites_own_workflows(home_page, people, django_capture_on_commit_callbacks):
    editor = UserFactory(username="editor", email="editor@example.org", is_staff=True)
    workflow = Workflow.objects.create(name="Editors' pages", active=True)
    task = GroupApprovalTask.objects.create(name="Editorial review")
    task.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page = ContentPageFactory(parent=home_page, title="Volunteers' week plans", live=False)
    page.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(page, user=editor)
    assert any("volunteers' week plans" in text_of(m) and "mod@example.org" in m.to for m in mail.outbox)
