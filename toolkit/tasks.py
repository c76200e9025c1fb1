"""Background work for the toolkit (run by `manage.py db_worker`), and how it is scheduled.

Imports run one way: signals schedule work here, and the work itself is ``toolkit.archive``.
"""

from django.db import connection, transaction
from django_tasks import task

from toolkit.archive import build_archive


@task()
def build_toolkit_archive(toolkit_id: int) -> str:
    """Rebuild an edition's 'whole toolkit' zip if its resources changed."""
    return build_archive(toolkit_id)


def schedule_rebuild(toolkit_id: int) -> None:
    """Enqueue a rebuild once the current transaction commits, at most once per transaction."""

    def enqueue():
        build_toolkit_archive.enqueue(toolkit_id)

    enqueue.toolkit_archive_id = toolkit_id  # type: ignore[attr-defined]
    pending = getattr(connection, "run_on_commit", None) or []
    if connection.in_atomic_block and any(
        getattr(entry[1], "toolkit_archive_id", None) == toolkit_id for entry in pending
    ):
        return
    transaction.on_commit(enqueue)
