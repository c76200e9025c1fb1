"""What the kernel itself adds to the purge registry: its own background-task rows."""

from wagtail import hooks

from campaign.submissions.purge import PURGE_HOOK
from campaign.submissions.tasks import prune_finished_tasks


@hooks.register(PURGE_HOOK)
def register_task_rows_purge():
    return "background tasks", prune_finished_tasks
