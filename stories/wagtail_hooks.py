"""What stories add to the shared registries: the site's pages (campaign.registry, in the
pages' order) and the personal-data purges (campaign.submissions.purge)."""

from django.conf import settings
from django.urls import reverse
from wagtail import hooks

from campaign import registry
from campaign.registry import NavItem, PageSection
from campaign.submissions.emails import EMAIL_HOOK
from campaign.submissions.notice import PRIVACY_PERIODS_HOOK
from campaign.submissions.purge import PURGE_HOOK
from campaign.submissions.review import ERASURE_DUE_HOOK
from campaign.submissions.subjects import SUBJECT_HOOK, SubjectHandler
from stories import demo, privacy, results, subjects, tasks
from stories.models import StoryPage, StorySubmission, can_review_stories
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


@hooks.register(ERASURE_DUE_HOOK)
def register_unreviewed_stories_due():
    return "Stories never reviewed (erased unread)", privacy.unreviewed_due


@hooks.register(ERASURE_DUE_HOOK)
def register_rejected_stories_due():
    return "Rejected stories", privacy.rejected_due


@hooks.register(ERASURE_DUE_HOOK)
def register_storyteller_contacts_due():
    return "Storytellers' emails (a period after publication)", privacy.contacts_due


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


@hooks.register(registry.PAGE_CACHE_IGNORED_MODELS)
def register_page_cache_ignored_models():
    # A story's private side (contact, consents, link secret) is never on a public page: sharing
    # one changes nothing visitors see until a moderator publishes it, which empties the cache.
    return [StorySubmission]


@hooks.register(registry.HOME_SECTION, order=20)
def register_home_section():
    return PageSection("stories/sections/home.html")


@hooks.register(registry.EDITION_SECTION, order=20)
def register_edition_section():
    return PageSection("stories/sections/edition.html")


@hooks.register(registry.SITE_NAV_ITEM, order=20)
def register_nav_item():
    return NavItem("Stories", "/stories/")


@hooks.register(registry.ROBOTS_DISALLOW, order=20)
def register_robots_disallow():
    return ["/stories/manage/"]


hooks.register(registry.DEMO_LOADER, demo.load, order=20)
hooks.register(registry.RESULTS_SECTION, results.stories_section, order=20)


@hooks.register(registry.SITEMAP_ENTRIES, order=20)
def register_sitemap_entries():
    return [registry.SitemapEntry(reverse("stories:share"))]


@hooks.register(registry.EDITION_LINKS, order=20)
def register_edition_links(edition):
    """The edition's stories, when any are published."""
    if not StoryPage.objects.published().filter(edition_id=edition.pk).exists():
        return []
    return [NavItem("Stories", f"/stories/?year={edition.year}")]
