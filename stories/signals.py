"""Hooks into Wagtail's moderation: approvals and rejections reach the storyteller."""

from __future__ import annotations

from wagtail.signals import page_published, task_rejected, workflow_approved

from stories.models import StoryPage
from stories.privacy import forget_drafts
from stories.services import record_publication, record_rejection
from stories.setup import ensure_story_section


def on_page_published(sender, instance, **kwargs):
    record_publication(instance)


def _story_of(workflow_state) -> StoryPage | None:
    content = workflow_state.content_object
    page = getattr(content, "specific", content)
    return page if isinstance(page, StoryPage) else None


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """The approved story is live: the versions before the moderator's redactions go."""
    page = _story_of(instance)
    if page is not None:
        forget_drafts(page)


def on_task_rejected(sender, instance, user=None, **kwargs):
    """A moderator rejected a task on a story: their comment is the reason given, and no draft stays."""
    page = _story_of(instance.workflow_state)
    if page is not None:
        record_rejection(page, instance.get_comment() or "")
        forget_drafts(page)


def on_post_migrate(sender, **kwargs):
    """Create /stories/ and its workflow on a site that has a home page (real deployments)."""
    ensure_story_section()


def connect() -> None:
    page_published.connect(on_page_published, sender=StoryPage, dispatch_uid="stories.published")
    task_rejected.connect(on_task_rejected, dispatch_uid="stories.task_rejected")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="stories.workflow_approved")
