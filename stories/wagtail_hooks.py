"""What stories add to the shared registries."""

from django.conf import settings
from wagtail import hooks

from campaign.submissions.emails import EMAIL_HOOK
from campaign.submissions.notice import PRIVACY_PERIODS_HOOK
from campaign.submissions.purge import PURGE_HOOK
from campaign.submissions.subjects import SUBJECT_HOOK, SubjectHandler
from stories import privacy, subjects, tasks
from stories.models import StoryPage, can_review_stories
from stories.services import STORYTELLER_EMAILS


@hooks.register(PURGE_HOOK)
def register_stories_purge():
    return "stories", privacy.purge_expired


@hooks.register(EMAIL_HOOK)
def register_storyteller_emails():
    return STORYTELLER_EMAILS, tasks.storyteller_email


@hooks.register(PURGE_HOOK)
def register_unreviewed_stories_purge():
    return "unreviewed stories", privacy.purge_unreviewed


@hooks.register(SUBJECT_HOOK)
def register_stories_subject_handler():
    return SubjectHandler("stories", find=subjects.held_for, erase=subjects.erase_for)


@hooks.register("construct_explorer_page_queryset")
def hide_unpublished_stories(parent_page, pages, request):
    """Only moderators see stories that are not public in the page explorer (titles included)."""
    if can_review_stories(request.user):
        return pages
    return pages.exclude(pk__in=StoryPage.objects.filter(live=False).values("pk"))


@hooks.register(PRIVACY_PERIODS_HOOK)
def register_stories_privacy_periods():
    config = privacy.retention_settings()
    return {
        "story_contact_after_publication_days": config.published_contact_retention_days,
        "rejected_story_days": config.rejected_retention_days,
        "unreviewed_story_days": settings.STORIES_UNREVIEWED_RETENTION_DAYS,
    }
