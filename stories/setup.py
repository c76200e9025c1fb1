"""Everything a site needs before stories can be shared: the /stories/ page and its workflow.

Called after migrations (so a real deployment gets it without a manual step), by the demo
loader and, lazily, by the share form. Idempotent: it only creates what is missing.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from campaign.editions.models import HomePage
from campaign.submissions.images import submission_collection
from campaign.submissions.moderation import MODERATORS_GROUP, assign_workflow, moderation_workflow
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
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    private = Permission.objects.filter(
        content_type__app_label="stories", codename="view_private_details"
    ).first()
    if private is not None:
        group.permissions.add(private)
    _grant_page_permissions(group, index)
    _grant_photo_permissions(group)
    return index


def _grant_photo_permissions(group) -> None:
    """Moderators can see and swap story photos (e.g. to remove a face), in that collection only."""
    collection = submission_collection(choices.PHOTO_COLLECTION)
    for codename in ("choose_image", "change_image"):
        permission = Permission.objects.filter(content_type__app_label="wagtailimages", codename=codename).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def _grant_page_permissions(group, index) -> None:
    """Moderators may edit (redact), publish and unpublish stories, nothing else in the tree."""
    page_ct = ContentType.objects.get_for_model(Page)
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if admin_access is not None:
        group.permissions.add(admin_access)
    for codename in ("change_page", "publish_page"):
        permission = Permission.objects.filter(content_type=page_ct, codename=codename).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)


def story_index() -> StoryIndexPage | None:
    """The /stories/ page, creating it (and its workflow) when a home page exists."""
    return StoryIndexPage.objects.first() or ensure_story_section()
