"""Admin for the private side of event submissions.

Organisers' contact details are kept out of the page (and its revisions), so moderators
who need to reach an organiser look them up here. Only users given the EventSubmission
view permission (superusers by default) see this menu item; nobody adds or edits them here.
"""

from django.conf import settings
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from campaign import registry
from campaign.readonly import ReadOnlyPermissionPolicy
from campaign.registry import NavItem, PageSection
from campaign.submissions.emails import EMAIL_HOOK
from campaign.submissions.notice import PRIVACY_PERIODS_HOOK
from campaign.submissions.purge import PURGE_HOOK
from campaign.submissions.review import ERASURE_DUE_HOOK
from campaign.submissions.subjects import SUBJECT_HOOK, SubjectHandler
from events import demo, privacy, queries, results, subjects, tasks
from events.models import EventSubmission
from events.submissions import ORGANISER_EMAILS


class EventSubmissionViewSet(ModelViewSet):
    """Written by the public form, the organiser's private link and the purges only: read-only here.

    No CSV export: it would carry organisers' contact details out of the system.
    """

    model = EventSubmission
    permission_policy = ReadOnlyPermissionPolicy(EventSubmission)
    menu_label = "Event organisers"
    icon = "mail"
    add_to_admin_menu = True
    menu_order = 350
    name = "event_submissions"
    list_display = ["event", "contact_name", "contact_email", "created_at", "rejected_at", "contact_erased_at"]
    list_filter = ["rejected_at", "contact_erased_at"]
    search_fields = ["event__title", "contact_name", "contact_email"]
    form_fields = ["contact_name", "contact_email"]  # the form is never offered: the policy refuses add and change
    inspect_view_enabled = True
    inspect_view_fields = ["event", "contact_name", "contact_email", "created_at", "updated_at", "rejected_at",
                           "rejection_reason", "contact_erased_at"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return EventSubmission.objects.select_related("event")


@hooks.register(registry.PAGE_CACHE_IGNORED_MODELS)
def register_page_cache_ignored_models():
    # Who listed an event and their link's secret are never on a public page: a listing changes
    # nothing visitors see until a moderator publishes it, which empties the cache.
    return [EventSubmission]


@hooks.register(PURGE_HOOK)
def register_events_purge():
    return "events", privacy.purge_expired


@hooks.register(PURGE_HOOK)
def register_rejected_listings_purge():
    return "event listings", privacy.purge_rejected_listings


@hooks.register(ERASURE_DUE_HOOK)
def register_rejected_listings_due():
    return "Rejected event listings", privacy.rejected_listings_due


@hooks.register(ERASURE_DUE_HOOK)
def register_organiser_contacts_due():
    return "Event organisers' contact details", privacy.contacts_due


@hooks.register("register_admin_viewset")
def register_event_submission_viewset():
    return EventSubmissionViewSet()


@hooks.register(EMAIL_HOOK)
def register_organiser_emails():
    return ORGANISER_EMAILS, tasks.organiser_email


@hooks.register(SUBJECT_HOOK)
def register_events_subject_handler():
    return SubjectHandler("events", find=subjects.held_for, erase=subjects.erase_for)


@hooks.register(PRIVACY_PERIODS_HOOK)
def register_events_privacy_periods():
    return {
        "event_contact_after_event_days": settings.EVENTS_CONTACT_RETENTION_DAYS,
        "rejected_event_contact_days": settings.EVENTS_REJECTED_RETENTION_DAYS,
    }


# What events add to the site's pages (campaign.registry); the order is the pages' order.


@hooks.register(registry.HOME_SECTION, order=10)
def register_home_section():
    return PageSection("events/sections/home.html")


@hooks.register(registry.EDITION_SECTION, order=10)
def register_edition_section():
    return PageSection("events/sections/edition.html")


@hooks.register(registry.SITE_NAV_ITEM, order=10)
def register_nav_item():
    return NavItem("Events", "/events/")


@hooks.register(registry.ROBOTS_DISALLOW, order=10)
def register_robots_disallow():
    return ["/events/manage/"]


hooks.register(registry.DEMO_LOADER, demo.load, order=10)
hooks.register(registry.RESULTS_SECTION, results.events_section, order=10)


@hooks.register(registry.SITEMAP_ENTRIES, order=10)
def register_sitemap_entries():
    # The events listing and event pages are Wagtail pages; past events are noindex.
    return [registry.SitemapEntry(reverse("events:submit")), registry.SitemapEntry(reverse("events:embed_builder"))]


@hooks.register(registry.EDITION_LINKS, order=10)
def register_edition_links(edition):
    """The edition's events, when any were listed (past ones are under /events/past/)."""
    if not queries.edition_event_count(edition.pk):
        return []
    listing = reverse("events:past") if edition.state == "past" else "/events/"
    return [NavItem("Events", f"{listing}?edition={edition.year}")]
