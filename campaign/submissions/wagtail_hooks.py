"""What the kernel adds to the admin: its own purge, and deletion of submitted pages kept for superusers."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

from campaign.submissions.moderation import is_submitted_page
from campaign.submissions.purge import PURGE_HOOK
from campaign.submissions.tasks import prune_finished_tasks


@hooks.register(PURGE_HOOK)
def register_task_rows_purge():
    return "background tasks", prune_finished_tasks


@hooks.register("before_delete_page")
def keep_submitted_pages_from_deletion(request, page):
    """Wagtail lets anyone who may edit and publish a page delete it; a submitted page is erased
    by withdrawal, rejection and the purges (photos, revisions and private record included)."""
    if is_submitted_page(page) and not request.user.is_superuser:
        messages.error(request, "Submitted pages are not deleted here: reject them, or ask an administrator.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_submitted_pages_from_bulk_deletion(request, action_type, objects, action_class_instance):
    """The same rule for the explorer's bulk delete."""
    if action_type != "delete" or request.user.is_superuser:
        return None
    if any(isinstance(obj, Page) and is_submitted_page(obj) for obj in objects):
        messages.error(request, "Submitted pages are not deleted here: reject them, or ask an administrator.")
        return redirect("wagtailadmin_explore_root")
    return None
