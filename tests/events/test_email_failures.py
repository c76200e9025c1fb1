"""A mail server that is down never turns an organiser's or a moderator's action into an error.

Emails go through the kernel's retried task; these tests take the mail server down, act as
organisers and moderators do, check that every action succeeded, then bring the server back
and check that the emails arrive.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import WorkflowState

from campaign.submissions import emails
from events import submissions
from events.models import EventPage, EventSubmission
from tests.events.helpers import form_data
from tests.submissions.mailserver import mail_server  # noqa: F401 (a fixture)

SUBMIT = "/events/submit/"
ORGANISER = "ada.organiser@example.org"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def moderators(settings):
    settings.MODERATOR_EMAILS = ["moderators@example.org"]


def _workflow_action(admin_client, event, action, comment=""):
    state = WorkflowState.objects.for_instance(event).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, action, state.current_task_state.pk])
    return admin_client.post(url, {"comment": comment})


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.mark.django_db
def test_with_the_mail_server_down_every_action_still_succeeds(
    client, admin_client, event_index, moderators, mail_server, django_capture_on_commit_callbacks  # noqa: F811
):
    mail_server.down = True

    # The organiser submits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT, form_data(title="Canal walk for the Day"))
    assert response.status_code == 302 and response.url == reverse("events:submitted")
    submission = EventSubmission.objects.select_related("event").get()
    assert submission.contact_email == ORGANISER
    event = submission.event
    assert WorkflowState.objects.for_instance(event).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
    # Organiser's and moderators' emails, each tried as often as allowed (no worker: at once).
    assert mail_server.refused.count([ORGANISER]) == emails.MAX_ATTEMPTS
    assert mail_server.refused.count(["moderators@example.org"]) == emails.MAX_ATTEMPTS

    # The moderator asks for changes, with a reason.
    with django_capture_on_commit_callbacks(execute=True):
        response = _workflow_action(admin_client, event, "reject", "Please add the full address.")
    assert response.status_code in (200, 302)
    submission.refresh_from_db()
    assert submission.rejected_at is not None and submission.rejection_reason == "Please add the full address."

    # The organiser changes the listing through the private link.
    edit_url = reverse("events:manage_edit", kwargs={"token": submissions.management_token(submission)})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, form_data(title="Canal walk for the Day, from the abbey"))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.rejected_at is None
    event = EventPage.objects.get(pk=event.pk)
    assert event.get_latest_revision().as_object().title == "Canal walk for the Day, from the abbey"

    # The moderator approves.
    with django_capture_on_commit_callbacks(execute=True):
        response = _workflow_action(admin_client, event, "approve")
    assert response.status_code in (200, 302)
    event = EventPage.objects.get(pk=event.pk)
    assert event.live and event.title == "Canal walk for the Day, from the abbey"
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_title_with_a_line_break_is_saved_and_emailed_with_a_one_line_subject(
    client, event_index, moderators, mail_server, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT, form_data(title="Canal walk\r\nBcc: someone@example.org"))
    assert response.status_code == 302
    assert EventPage.objects.filter(title__startswith="Canal walk").exists()
    [organiser] = _to(ORGANISER)
    [moderator] = _to("moderators@example.org")
    for message in (organiser, moderator):
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.bcc == []
    assert organiser.subject == "We have received your event: Canal walk Bcc: someone@example.org"


def _run_worker():
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload", "-v", "1")


def _email_tasks():
    """Queued emails (Wagtail queues its own search and reference index tasks beside them)."""
    paths = ["campaign.submissions.emails.email_submitter", "campaign.submissions.moderation.notify_moderators"]
    return DBTaskResult.objects.filter(task_path__in=paths)


def _time_passes():
    """The retry delay is over: deferred tasks become due."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db(transaction=True)
def test_emails_wait_for_the_mail_server_and_arrive_when_it_recovers(
    client, admin_client, event_index, moderators, mail_server, settings  # noqa: F811
):
    """With the production task backend and worker: failed sends are retried after a delay."""
    settings.TASKS = DATABASE_TASKS
    mail_server.down = True

    response = client.post(SUBMIT, form_data(title="Canal walk for the Day"))
    assert response.status_code == 302
    submission = EventSubmission.objects.get()
    queued = list(_email_tasks().values_list("args_kwargs", flat=True))
    assert len(queued) == 2
    assert ORGANISER not in str(queued) and "Ada Organiser" not in str(queued)  # ids, never personal data

    _run_worker()
    assert mail.outbox == []
    assert mail_server.refused.count([ORGANISER]) == mail_server.refused.count(["moderators@example.org"]) == 1
    retries = _email_tasks().filter(status="READY")
    assert retries.count() == 2
    assert all(r.run_after > timezone.now() + timedelta(seconds=emails.RETRY_DELAYS[0] - 10) for r in retries)
    assert all(r.args_kwargs["kwargs"] == {"attempt": 2} for r in retries)
    tried = len(mail_server.refused)
    _run_worker()  # not due yet: nothing is tried
    assert len(mail_server.refused) == tried

    mail_server.down = False
    _time_passes()
    _run_worker()
    [received] = _to(ORGANISER)
    assert received.subject == "We have received your event: Canal walk for the Day"
    assert submissions.management_url(submission) in received.body
    assert len(_to("moderators@example.org")) == 1
    assert not _email_tasks().filter(status="READY").exists()

    # The moderator approves while the mail server is down again.
    mail.outbox.clear()
    mail_server.down = True
    response = _workflow_action(admin_client, submission.event, "approve")
    assert response.status_code in (200, 302)
    event = EventPage.objects.get(pk=submission.event_id)
    assert event.live
    _run_worker()
    assert mail.outbox == [] and mail_server.refused[-1] == [ORGANISER]
    mail_server.down = False
    _time_passes()
    _run_worker()
    [listed] = _to(ORGANISER)
    assert listed.subject == "Your event is listed: Canal walk for the Day"
    assert event.url in listed.body


@pytest.mark.django_db
def test_a_late_retry_of_a_rejection_is_dropped_once_the_organiser_has_resent(
    client, event_index, mail_server, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, form_data(title="Canal walk for the Day"))
    submission = EventSubmission.objects.get()
    submission.rejected_at = timezone.now()
    submission.rejection_reason = "Please add the full address."
    submission.save()
    assert emails.email_submitter.call(submissions.ORGANISER_EMAILS, submission.pk, "rejected") == emails.SENT
    submission.rejected_at, submission.rejection_reason = None, ""
    submission.save()
    assert emails.email_submitter.call(submissions.ORGANISER_EMAILS, submission.pk, "rejected") == emails.NOTHING_TO_SEND
