"""The kernel's emails: one-line subjects, and sends that retry later instead of failing a request."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import default_task_backend

from campaign.submissions import emails
from campaign.submissions.moderation import notify_moderators
from tests.submissions.mailserver import mail_server  # noqa: F401 (a fixture)

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.parametrize(
    "parts, expected",
    [
        (("Your event is listed", "Canal walk\r\nBcc: victim@example.org"), "Your event is listed: Canal walk Bcc: victim@example.org"),
        (("Event submitted", "Tea\tand\u2028talk\u0085here\x00"), "Event submitted: Tea and talk here"),
        (("Prefix", "zero\u200bwidth\u202e"), "Prefix: zerowidth"),
        (("Prefix", "  \n "), "Prefix"),
        (("A new story is waiting for review",), "A new story is waiting for review"),
    ],
)
def test_a_subject_is_one_line_of_text(parts, expected):
    assert emails.one_line_subject(*parts) == expected


def test_a_long_subject_is_cut_at_a_word():
    subject = emails.one_line_subject("Your event is listed", "word " * 60)
    assert len(subject) <= emails.SUBJECT_LIMIT
    assert subject.endswith("word…")


@pytest.mark.django_db
def test_a_failed_send_is_enqueued_again_later_with_the_attempt_counted(settings, mail_server):  # noqa: F811
    settings.TASKS = DUMMY_TASKS
    settings.MODERATOR_EMAILS = ["moderators@example.org"]
    mail_server.down = True
    before = timezone.now()
    assert notify_moderators.call("Event submitted: Canal walk", "Review it.") == emails.RETRYING
    [retry] = default_task_backend.results
    assert retry.task.module_path == "campaign.submissions.moderation.notify_moderators"
    assert retry.args == ["Event submitted: Canal walk", "Review it."] and retry.kwargs == {"attempt": 2}
    assert retry.task.run_after >= before + timedelta(seconds=emails.RETRY_DELAYS[0])

    mail_server.down = False
    assert retry.task.call(*retry.args, **retry.kwargs) == emails.SENT
    assert [m.to for m in mail.outbox] == [["moderators@example.org"]]


@pytest.mark.django_db
def test_the_last_attempt_gives_up_and_logs_no_personal_data(settings, mail_server, caplog):  # noqa: F811
    settings.TASKS = DUMMY_TASKS
    settings.MODERATOR_EMAILS = ["moderators@example.org"]
    mail_server.down = True
    outcome = notify_moderators.call("Event submitted: Canal walk", "Review it.", attempt=emails.MAX_ATTEMPTS)
    assert outcome == emails.GAVE_UP
    assert default_task_backend.results == []
    assert "giving up" in caplog.text
    assert "moderators@example.org" not in caplog.text and "Canal walk" not in caplog.text


@pytest.mark.django_db
def test_retries_run_at_once_on_a_backend_that_cannot_defer(settings, mail_server):  # noqa: F811
    """The immediate backend (tests, no worker) retries straight away until the attempts run out."""
    settings.MODERATOR_EMAILS = ["moderators@example.org"]
    mail_server.down = True
    notify_moderators.enqueue("Event submitted", "Review it.")
    assert mail_server.failed_sends == emails.MAX_ATTEMPTS
    assert mail.outbox == []


def test_an_unregistered_sender_is_a_programming_error(db):
    with pytest.raises(LookupError):
        emails.email_submitter.call("nobody.registered", 1, "received")


def test_every_email_opens_with_the_campaign_header(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    email = emails.Email("Your listing", "Hello Sam,\n\nThank you.", ["sam@example.org"])
    assert emails.send_or_retry(notify_moderators, ("s", "b"), 1, email, "test") == emails.SENT
    lines = mail.outbox[0].body.splitlines()
    assert lines[0] == emails.EMAIL_HEADER
    assert "Social Prescribing Day" in lines[0]
    assert set(lines[1]) == {"="} and len(lines[1]) == len(lines[0])
    assert lines[3] == "Hello Sam,"
    assert emails.with_header(emails.with_header("x")) == emails.with_header("x")
