"""Background-task rows hold ids, never personal data, in their arguments or results.

django-tasks' database backend keeps each task's arguments and return value in a table that
backups copy and that outlives the submission it was about. A story and an event are sent
through the public forms, approved by a moderator in the admin, the story withdrawn by its
storyteller; every task that queued is then run by the real worker, and every row is read back.
"""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from stories.links import manage_path
from tests.privacy.conftest import workflow_action

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PERSONAL = {
    "storyteller's name": "Philippa Quenby",
    "storyteller's email": "philippa.quenby@example.org",
    "story title": "Quenby family allotment",
    "story text": "Mrs Quenby at 14 Larkspur Close",
    "phone number": "07700 900461",
    "organiser's name": "Ottoline Farrant",
    "organiser's email": "ottoline.farrant@example.org",
    "event title": "Farrant lantern walk",
    "event address": "9 Wisteria Row",
}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def run_worker() -> None:
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)


def rows_text() -> list[str]:
    return [
        json.dumps([row.task_path, row.args_kwargs, row.return_value, row.exception_class_path, row.traceback])
        for row in DBTaskResult.objects.all()
    ]


# The worker closes the database connection between batches, as in production; inside a
# test's transaction that would leave the connection closed for every later test.
@pytest.mark.django_db(transaction=True)
def test_no_task_row_holds_what_a_storyteller_or_organiser_wrote(
    database_tasks, share_story, submit_event, admin_client, django_capture_on_commit_callbacks,
):
    story = share_story(
        name=PERSONAL["storyteller's name"], contact_email=PERSONAL["storyteller's email"],
        title=PERSONAL["story title"],
        what_happened=f"{PERSONAL['story text']} rang me on {PERSONAL['phone number']} every week.",
    )
    event = submit_event(
        title=PERSONAL["event title"], contact_name=PERSONAL["organiser's name"],
        contact_email=PERSONAL["organiser's email"], address=PERSONAL["event address"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(admin_client, story.page, "approve").status_code == 302
        assert workflow_action(admin_client, event.event, "approve").status_code == 302
    run_worker()
    sent = " ".join(message.to[0] for message in mail.outbox)
    assert PERSONAL["storyteller's email"] in sent and PERSONAL["organiser's email"] in sent  # they did run
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post(manage_path(story), {"confirm": "withdraw"}).status_code == 302
    run_worker()

    # Search-index updates for the withdrawn story may fail (it is gone) and are kept: they are read too.
    emails = DBTaskResult.objects.filter(task_path__endswith="email_submitter") | DBTaskResult.objects.filter(
        task_path__endswith="notify_moderators")
    assert emails.count() >= 4  # moderators' notices and the submitters' emails, at least
    assert set(emails.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}

    for text in rows_text():
        for what, value in PERSONAL.items():
            assert value.lower() not in text.lower(), f"a task row holds the {what}: {text[:300]}"
