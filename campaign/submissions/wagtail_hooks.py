"""What the kernel adds to the admin: its own purge, deletion of submitted pages kept for
superusers, the moderators' dashboard panel, recorded flags and the redactions in the page history."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from campaign import registry
from campaign.submissions import admin_views, history, redaction
from campaign.submissions.admin_forms import CHANGE_REASON
from campaign.submissions.dashboard import arrange_panels
from campaign.submissions.models import HeldSubmission, RecordedFlag, SubmissionWorkflow
from campaign.submissions.moderation import is_submitted_page
from campaign.submissions.purge import PURGE_HOOK
from campaign.submissions.review import is_moderator
from campaign.submissions.tasks import prune_finished_tasks

# The texts of a submitted page before an edit, kept on the request until the edit is saved.
BEFORE_EDIT = "submissions_texts_before_edit"


@hooks.register(PURGE_HOOK)
def register_task_rows_purge():
    return "background tasks", prune_finished_tasks


@hooks.register(registry.PAGE_CACHE_IGNORED_MODELS)
def register_page_cache_ignored_models():
    # The moderators' bookkeeping (held submissions, safeguarding flags, which workflows are
    # for submissions) is only ever seen in the admin.
    return [HeldSubmission, RecordedFlag, SubmissionWorkflow]


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


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    history.register(actions)


@hooks.register("construct_homepage_panels")
def add_moderation_panels(request, panels):
    arrange_panels(request, panels, moderator=is_moderator(request.user))


@hooks.register("register_admin_urls")
def register_acknowledge_url():
    return [
        path("submissions/flags/<int:flag_id>/acknowledge/", admin_views.acknowledge_flag,
             name="submissions_acknowledge_flag"),
    ]


@hooks.register("before_edit_page")
def remember_submitted_texts(request, page):
    """A redaction is an edit of a submission still waiting for a decision (a first submission,
    or an organiser's change to a live listing); an edit of a published page is an ordinary edit."""
    pending = page.workflow_in_progress or not page.live
    if request.method == "POST" and pending and is_submitted_page(page):
        setattr(request, BEFORE_EDIT, (redaction.texts_before(page), timezone.now()))


@hooks.register("after_edit_page")
def log_redaction(request, page):
    before = getattr(request, BEFORE_EDIT, None)
    if before is not None:
        texts, when = before
        redaction.log_if_redacted(page, request.user, texts, request.POST.get(CHANGE_REASON, ""), when)
