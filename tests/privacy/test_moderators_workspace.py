"""Issue 19, moderators: recorded safeguarding flags, the dashboard panel and digest, redactions in the
page history, and who a public submission came from."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from campaign.submissions.models import RecordedFlag
from campaign.submissions.review import queue_summary
from events.privacy import purge_rejected_listings
from stories.models import StorySubmission
from stories.services import withdraw_story
from tests.privacy.conftest import workflow_action
from tests.submissions.editor import approve_in_editor, post_edit

pytestmark = pytest.mark.django_db

RISK_WORDS = "Some weeks I wanted to hurt myself"
SAFE = "Some weeks were hard"
NAME = "Sarah Jones"


@pytest.fixture
def as_role(client):
    def login(role: str):
        user = get_user_model().objects.create_user(role, f"{role}.private@example.org", "pw")
        user.groups.add(Group.objects.get(name=f"{role.title()}s"))
        client.force_login(user)
        return user

    return login


def flagged_story(share_story, **overrides):
    return share_story(
        title=f"Walking with {NAME}",
        what_happened=f"{RISK_WORDS}. My link worker, {NAME}, took me walking.",
        **overrides,
    ).page


# --- Recorded flags ---------------------------------------------------------------------------


def test_a_safeguarding_flag_is_recorded_at_submission_without_the_words(share_story):
    page = flagged_story(share_story)
    flag = RecordedFlag.objects.get(page_id=page.pk)
    assert (flag.kind, flag.category, flag.description) == ("risk", "Self-harm", "Self-harm in what happened")
    assert flag.raised_at and flag.acknowledged_at is None
    held = " ".join([flag.category, flag.description, str(flag)])
    assert "hurt myself" not in held and NAME not in held


def test_an_event_listing_records_its_flags_too(submit_event):
    submission = submit_event(description="A walk for anyone in crisis. Come along and meet people.")
    assert list(RecordedFlag.objects.filter(page_id=submission.event_id).values_list("description", flat=True)) \
        == ["Crisis in description"]


def test_the_flag_outlives_redaction_and_approval_and_the_history_says_why(share_story, as_role, client):
    page = flagged_story(share_story)
    moderator = as_role("moderator")

    response = approve_in_editor(
        client, page, title="Walking with my link worker",
        what_happened=f"{SAFE}. My link worker took me walking.",
        change_reason="Removed a name and words about self-harm",
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and RISK_WORDS not in page.what_happened

    # The text no longer raises it; the record stays, and the edit screen shows it.
    flag = RecordedFlag.objects.get(page_id=page.pk)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Self-harm in what happened" in edit
    assert "Possible risk of harm" not in edit  # today's text raises nothing
    assert reverse("submissions_acknowledge_flag", args=[flag.pk]) in edit

    # The page history: the redaction with its reason and what it cleared, then the approval.
    redaction = PageLogEntry.objects.get(page_id=page.pk, action="submissions.redact")
    assert redaction.user == moderator
    assert redaction.data["parts"] == ["Title", "What happened"]
    assert "Self-harm in what happened" in redaction.data["flags_cleared"]
    assert "Possible name in title" in redaction.data["flags_cleared"]
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.workflow.approve").exists()
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Redacted: title, what happened" in history
    assert "Removed a name and words about self-harm" in history
    assert "Approved at" in history
    assert NAME not in history and "hurt myself" not in history


def test_a_rejection_keeps_the_flag_and_the_history_gives_the_reason(share_story, as_role, client):
    page = flagged_story(share_story)
    as_role("moderator")
    assert workflow_action(client, page, "reject", comment="Please leave out the self-harm").status_code == 302
    assert RecordedFlag.objects.filter(page_id=page.pk).count() == 1
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Changes requested" in history and "Please leave out the self-harm" in history


def test_a_moderator_acknowledges_a_flag_and_the_history_shows_who(share_story, as_role, client):
    page = flagged_story(share_story)
    flag = RecordedFlag.objects.get(page_id=page.pk)
    url = reverse("submissions_acknowledge_flag", args=[flag.pk])
    as_role("editor")  # Wagtail's admin answers a refusal by sending them to the dashboard
    assert client.get(url).url == "/admin/"
    assert client.post(url).url == "/admin/"
    flag.refresh_from_db()
    assert flag.acknowledged_at is None

    moderator = as_role("moderator")
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Self-harm in what happened" in confirm.content.decode()
    assert client.post(url).status_code == 302
    flag.refresh_from_db()
    assert flag.acknowledged_by == moderator and flag.acknowledged_at is not None
    entry = PageLogEntry.objects.get(page_id=page.pk, action="submissions.acknowledge_flag")
    assert entry.user == moderator
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Safeguarding flag acknowledged: Self-harm in what happened" in history
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Acknowledged by moderator" in edit
    client.post(url)  # twice changes nothing
    assert PageLogEntry.objects.filter(page_id=page.pk, action="submissions.acknowledge_flag").count() == 1


def test_flags_go_with_the_submission_when_it_is_erased(share_story, submit_event, superuser, settings):
    story = share_story(what_happened=f"{RISK_WORDS}. The group helped.")
    withdraw_story(StorySubmission.objects.get(pk=story.pk))
    assert not RecordedFlag.objects.filter(page_id=story.page_id).exists()

    event = submit_event(description="A walk for anyone in crisis. Come along and meet people.")
    event.event.current_workflow_task_state.reject(user=superuser, comment="Not for us")
    assert RecordedFlag.objects.filter(page_id=event.event_id).exists()
    purge_rejected_listings(timezone.now() + timedelta(days=settings.EVENTS_REJECTED_RETENTION_DAYS + 1))
    assert not RecordedFlag.objects.filter(page_id=event.event_id).exists()


# --- Dashboard, digest, who it came from ------------------------------------------------------


def test_the_dashboard_panel_lists_the_queue_oldest_first_for_moderators_only(
    share_story, submit_event, as_role, client,
):
    story = flagged_story(share_story, display_choice="chosen_name", name="Mo")
    event = submit_event()
    as_role("moderator")
    html = " ".join(client.get("/admin/").content.decode().split())
    assert "Submissions waiting for moderation" in html
    assert "2 waiting: 1 event listing, 1 story." in html
    assert "1 with safeguarding flags" in html
    panel = html.partition("moderation-queue-content")[2]
    assert panel.index(story.title) < panel.index(event.event.title)  # oldest first
    assert "Public submission (Mo)" in panel
    assert f"Public submission ({event.event.organisation_name})" in panel
    assert event.contact_email not in html and story.submission.contact_email not in html

    client.logout()
    as_role("editor")
    editors = client.get("/admin/").content.decode()
    assert "Submissions waiting for moderation" not in editors
    assert story.title not in editors


def test_wagtails_review_queue_names_public_submissions_without_their_contact(submit_event, as_role, client):
    submission = submit_event()
    as_role("moderator")
    html = client.get("/admin/").content.decode()
    review = html.partition("awaiting-review-content")[2]
    assert f"Public submission ({submission.event.organisation_name})" in review
    assert submission.contact_email not in html and submission.contact_name not in html


def test_due_for_erasure_counts_follow_the_purges_rules(share_story, settings):
    old = share_story()
    then = timezone.now() - timedelta(days=settings.STORIES_UNREVIEWED_RETENTION_DAYS - 3)
    StorySubmission.objects.filter(pk=old.pk).update(submitted_at=then)
    WorkflowState.objects.for_instance(old.page).update(created_at=then)
    share_story()  # new: not due
    summary = queue_summary(timezone.now())
    due = dict(summary.due)
    assert due["Stories never reviewed (erased unread)"] == 1
    assert summary.due_total == 1
    assert [item.age_days for item in summary.waiting] == [settings.STORIES_UNREVIEWED_RETENTION_DAYS - 3, 0]


def test_the_daily_digest_gives_the_same_counts_and_no_submitted_text(share_story, submit_event, as_role, settings):
    settings.MODERATOR_EMAILS = ["lead@example.org"]
    page = flagged_story(share_story)
    submit_event()
    mail.outbox.clear()
    call_command("send_moderator_digest")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "2 submissions are waiting for review: 1 event listing, 1 story." in body
    assert "1 with safeguarding flags" in body
    assert "Due for erasure in the next 14 days: nothing." in body
    assert page.title not in body and NAME not in body and "example.org" not in body


def test_no_digest_when_nothing_waits_or_is_due(sections, settings):
    settings.MODERATOR_EMAILS = ["lead@example.org"]
    call_command("send_moderator_digest")
    assert mail.outbox == []


def test_an_edit_of_a_published_story_is_not_called_a_redaction(share_story, as_role, client):
    page = share_story().page
    as_role("moderator")
    assert approve_in_editor(client, page).status_code == 302
    page.refresh_from_db()
    assert page.live
    assert not PageLogEntry.objects.filter(page_id=page.pk, action="submissions.redact").exists()  # nothing changed
    post_edit(client, page, what_happened="The group meets on Tuesdays now.", change_reason="Updated the day")
    assert not PageLogEntry.objects.filter(page_id=page.pk, action="submissions.redact").exists()


def test_the_queue_counts_follow_each_new_version_and_keep_the_recorded_flag(share_story, superuser):
    page = flagged_story(share_story)
    [item] = queue_summary(timezone.now()).waiting
    assert (item.risk, item.recorded_unacknowledged) == (1, 1) and item.personal >= 1

    draft = page.get_latest_revision_as_object()
    draft.title = "Walking with my link worker"
    draft.what_happened = f"{SAFE}. My link worker took me walking."
    draft.save_revision(user=superuser)
    [item] = queue_summary(timezone.now()).waiting  # the counts are cached per revision: a new one counts anew
    assert (item.risk, item.personal, item.recorded_unacknowledged) == (0, 0, 1)
    assert item.latest.title == "Walking with my link worker"
