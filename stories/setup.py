"""Everything a site needs before stories can be shared: the /stories/ page and its workflow.

Called after migrations (so a real deployment gets it without a manual step), by the demo
loader and, lazily, by the share form. Idempotent: it only creates what is missing.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission

from campaign.editions.models import HomePage
from campaign.submissions.moderation import (
    assign_workflow,
    confine_moderators,
    grant_moderation_rights,
    moderation_workflow,
)
from stories import choices
from stories.models import StoryActivity, StoryIndexPage

WORKFLOW_NAME = "Stories"
INDEX_SLUG = "stories"

# The activities storytellers tick; also created by migration 0002, and recreated here when a
# database has lost them (e.g. flushed) so the share form never offers an empty list.
DEFAULT_ACTIVITIES = [
    ("walking-group", "Walking group"),
    ("arts-and-crafts", "Arts and crafts"),
    ("gardening", "Gardening or food growing"),
    ("volunteering", "Volunteering"),
    ("support-group", "Support group"),
    ("music-or-choir", "Music or choir"),
    ("sport", "Sport and exercise"),
    ("advice", "Advice on money, housing or work"),
    ("other", "Other"),
]


def ensure_default_activities() -> None:
    if StoryActivity.objects.exists():
        return
    StoryActivity.objects.bulk_create(
        [StoryActivity(slug=slug, name=name, sort_order=order * 10) for order, (slug, name) in enumerate(DEFAULT_ACTIVITIES)]
    )


def ensure_story_section() -> StoryIndexPage | None:
    """The StoryIndexPage under the home page, with the Stories workflow. None if no home page yet."""
    ensure_default_activities()
    index = StoryIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        if home is None:
            return None
        index = StoryIndexPage(title="Stories", slug=INDEX_SLUG, seo_title="Social prescribing stories")
        home.add_child(instance=index)
        index.save_revision().publish()
    workflow = moderation_workflow(WORKFLOW_NAME, task_name="Stories: moderator review")
    if not workflow.workflow_pages.filter(page=index).exists():
        assign_workflow(index, workflow)
    # Moderators edit (redact), publish and unpublish stories and swap their photos (e.g. to
    # remove a face), and see storytellers' private details: nothing else.
    group = grant_moderation_rights(index, choices.PHOTO_COLLECTION)
    private = Permission.objects.filter(
        content_type__app_label="stories", codename="view_private_details"
    ).first()
    if private is not None:
        group.permissions.add(private)
    confine_moderators()
    return index


def story_index() -> StoryIndexPage | None:
    """The /stories/ page, creating it (and its workflow) when a home page exists."""
    return StoryIndexPage.objects.first() or ensure_story_section()
