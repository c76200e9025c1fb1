"""Emails about submissions: sent by a background task after the request, retried, one-line subjects.

A mail server that hiccups must not turn a saved submission, an organiser's change or a
moderator's decision into an error page. So a request only enqueues a task once its
transaction commits, and the task sends.

Retries: django-tasks retries nothing by itself. When sending fails with an SMTP or network
error, the task enqueues itself again with its attempt number raised, ``RETRY_DELAYS`` later
(``run_after``) on a backend that can defer (the database worker in production and under
``make run``); a backend that cannot defer (the immediate one in tests) runs the retry at
once. After ``MAX_ATTEMPTS`` the task gives up and logs an error. Logs name the kind of
message and a record's id, never an address or any text.

Task arguments hold names and ids only, because queued tasks are stored in the database and
may be logged: the task looks the record up and composes the email itself. An app says how
to compose its emails with a Wagtail hook that returns ``(sender, compose)``::

    @hooks.register(EMAIL_HOOK)
    def register_organiser_emails():
        return "events.organiser", tasks.organiser_email

``compose(record_id, kind)`` returns an ``Email``, or None when there is no longer anything
to send (the record or its contact address is gone).
"""

from __future__ import annotations

import logging
import smtplib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task
from wagtail import hooks

logger = logging.getLogger(__name__)

EMAIL_HOOK = "register_submission_emails"

SUBJECT_LIMIT = 150
# Seconds to wait before the 2nd, 3rd, ... attempt: about a day of retrying in all.
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 16 * 3600)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# What a mail server that is down, slow or refusing for now raises.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)

# Every email opens with the campaign's name, as the site's header does: the emails are plain
# text, so the wordmark is written out and underlined rather than drawn.
EMAIL_HEADER = "Social Prescribing Day · connecting people with their communities"

SENT = "sent"
RETRYING = "retry scheduled"
GAVE_UP = "gave up"
NOTHING_TO_SEND = "nothing to send"


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    to: list[str]


Compose = Callable[[int, str], "Email | None"]


def one_line_subject(*parts: str, limit: int = SUBJECT_LIMIT) -> str:
    """A subject line from its parts (e.g. a prefix and a submitted title), joined by ": ".

    Line breaks, tabs and other control or invisible characters become single spaces, so a
    title typed with a newline cannot make Django refuse the header (``BadHeaderError``).
    Longer than ``limit``, it is cut at a word and ends with an ellipsis.
    """
    cleaned = []
    for part in parts:
        text = " ".join("".join(_one_line_char(char) for char in str(part)).split())
        if text:
            cleaned.append(text)
    subject = ": ".join(cleaned)
    if len(subject) <= limit:
        return subject
    cut = subject[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" :,;-") + "…"


def _one_line_char(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cc" or category.startswith("Z"):
        return " "  # line breaks, tabs and every kind of space
    if category.startswith("C"):
        return ""  # invisible format characters (zero-width spaces, bidi controls)
    return char


def with_header(body: str) -> str:
    """``body`` under the campaign's header line (once, however often it is passed through)."""
    header = f"{EMAIL_HEADER}\n{'=' * len(EMAIL_HEADER)}\n\n"
    return body if body.startswith(header) else header + body


def send_or_retry(retry_task: Task, args: tuple, attempt: int, email: Email, what: str) -> str:
    """Send ``email`` now; on a transient failure enqueue ``retry_task(*args, attempt=attempt + 1)``.

    ``what`` names the message in logs (a kind and an id): never an address or text.
    """
    try:
        send_mail(one_line_subject(email.subject), with_header(email.body), None, email.to, fail_silently=False)
    except TRANSIENT_ERRORS as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("Email %s not sent after %d attempts (%s); giving up.", what, attempt, type(error).__name__)
            return GAVE_UP
        retry, when = retry_task, "now (this task backend cannot defer)"
        if retry_task.get_backend().supports_defer:
            delay = RETRY_DELAYS[attempt - 1]
            retry, when = retry_task.using(run_after=timezone.now() + timedelta(seconds=delay)), f"in {delay}s"
        logger.warning("Email %s failed on attempt %d (%s); retrying %s.", what, attempt, type(error).__name__, when)
        retry.enqueue(*args, attempt=attempt + 1)
        return RETRYING
    if attempt > 1:
        logger.info("Email %s sent on attempt %d.", what, attempt)
    return SENT


def registered_composers() -> dict[str, Compose]:
    return dict(hook() for hook in hooks.get_hooks(EMAIL_HOOK))


def email_after_commit(sender: str, record_id: int, kind: str) -> None:
    """Send the ``kind`` email about a record once the current transaction commits, from a task."""
    transaction.on_commit(lambda: email_submitter.enqueue(sender, record_id, kind))


@task()
def email_submitter(sender: str, record_id: int, kind: str, attempt: int = 1) -> str:
    """Compose with the sender's registered function and send, retrying as the module says."""
    compose = registered_composers().get(sender)
    if compose is None:
        raise LookupError(f"No app registers emails as {sender!r} (see {EMAIL_HOOK}).")
    email = compose(record_id, kind)
    if email is None:
        return NOTHING_TO_SEND
    return send_or_retry(email_submitter, (sender, record_id, kind), attempt, email, f"{sender}:{kind} #{record_id}")
