"""Hooks into Wagtail's moderation: approvals and rejections reach the storyteller."""

from __future__ import annotations

from wagtail.signals import page_published, task_rejected

from stories.models import StoryPage
from stories.services import record_publication, record_rejection
from stories.setup import ensure_story_section


def on_page_published(sender, instance, **kwargs):
    record_publication(instance)


def on_task_rejected(sender, instance, user=None, **kwargs):
    """A moderator rejected a task on a story: their comment is the reason given."""
    content = instance.workflow_state.content_object
    page = getattr(content, "specific", content)
    if isinstance(page, StoryPage):
        record_rejection(page, instance.get_comment() or "")


def on_post_migrate(sender, **kwargs):
    """Create /stories/ and its workflow on a site that has a home page (real deployments)."""
    ensure_story_section()


def connect() -> None:
    page_published.connect(on_page_published, sender=StoryPage, dispatch_uid="stories.published")
    task_rejected.connect(on_task_rejected, dispatch_uid="stories.task_rejected")
