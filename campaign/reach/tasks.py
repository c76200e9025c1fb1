"""The tracking pass as a django-tasks task, so a deployment can schedule it from its worker."""

from __future__ import annotations

from django_tasks import task

from .tracker import run_pass


@task()
def track_hashtags_pass(backfill: bool = False) -> dict:
    """One pass for every active edition and network; returns a summary for the task result."""
    runs = run_pass(backfill=backfill)
    return {
        "runs": len(runs),
        "new": sum(r.posts_new for r in runs),
        "updated": sum(r.posts_updated for r in runs),
        "errors": sum(r.errors for r in runs),
    }
