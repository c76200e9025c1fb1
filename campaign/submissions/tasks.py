"""Background work for every kind of submission. Arguments hold no personal data.

Finished task rows keep their arguments, results and tracebacks, so they are pruned too
(``prune_finished_tasks``, registered as a purge): emails' subjects and bodies pass through
``notify_moderators`` and must not stay in the database.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from campaign.submissions.purge import purge_everything


@task()
def purge_expired_personal_data() -> dict:
    """The scheduled clean-up: every app's expired personal data (see ``purge``)."""
    return purge_everything(timezone.now())


def prune_finished_tasks(now: datetime) -> dict[str, int]:
    """Delete task rows that finished more than TASK_RESULTS_RETENTION_DAYS ago."""
    finished_before = now - timedelta(days=settings.TASK_RESULTS_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=finished_before).delete()
    return {"task_rows_deleted": deleted}
