"""Background work for the toolkit (run by `manage.py db_worker`)."""

from django_tasks import task

from toolkit.archive import build_archive


@task()
def build_toolkit_archive(toolkit_id: int) -> str:
    """Rebuild an edition's 'whole toolkit' zip if its resources changed."""
    return build_archive(toolkit_id)
