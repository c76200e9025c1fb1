"""Admin for the hashtag tracker: settings per edition, hand-entered figures, run history."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaign import page_access, registry
from campaign.editions.models import EditionPage
from campaign.readonly import ReadOnlyPermissionPolicy
from campaign.registry import NavItem, PageSection

from . import demo, focus, handover, results
from .models import (
    ApprovedAccount,
    Author,
    Contributor,
    Cursor,
    Facet,
    HourlyStat,
    IngestRun,
    ManualFigure,
    NetworkVolume,
    Post,
    ScreenHide,
    Tracking,
)


class TrackingViewSet(SnippetViewSet):
    model = Tracking
    icon = "cogs"
    menu_label = "Tracking settings"
    list_display = ["edition", Column("network_status", label="Networks (last error)"), "data_source", "last_stored_at"]
    ordering = ["-edition__year"]


class ManualFigureViewSet(SnippetViewSet):
    model = ManualFigure
    icon = "edit"
    menu_label = "Figures entered by hand"
    list_display = ["edition", "network", "as_of", "posts", "reach", "engagements", "impressions"]
    list_filter = ["network"]


class IngestRunViewSet(SnippetViewSet):
    """Runs are written by the tracker only: a read-only listing, filtered and exported as CSV."""

    model = IngestRun
    icon = "history"
    menu_label = "Tracking runs"
    permission_policy = ReadOnlyPermissionPolicy(IngestRun)
    copy_view_enabled = False
    list_export = ["started_at", "edition", "network", "status", "backfill", "posts_read", "posts_new",
                   "posts_updated", "pages", "errors", "duration"]
    export_filename = "tracking-runs"
    list_display = ["started_at", "edition", "network", "status", "posts_new", "posts_updated", "errors", "duration"]
    list_filter = ["network", "status", "backfill"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "edition", "network", "started_at", "duration", "status", "posts_read", "posts_new", "posts_updated",
        "pages", "errors", "messages", "backfill",
    ]


class ScreenHideViewSet(SnippetViewSet):
    """Posts and accounts kept off the live wall, top posts and top contributors, with the reason."""

    model = ScreenHide
    icon = "no-view"
    menu_label = "Hidden from screens"
    list_display = ["value", "kind", "network", "reason", "created_at"]
    list_filter = ["kind", "network"]
    ordering = ["-created_at"]


class ApprovedAccountViewSet(SnippetViewSet):
    model = ApprovedAccount
    icon = "tick"
    menu_label = "Accounts approved for the wall"
    list_display = ["handle", "network", "note", "created_at"]
    list_filter = ["network"]


class ReachGroup(SnippetViewSetGroup):
    items = (TrackingViewSet, ManualFigureViewSet, IngestRunViewSet, ScreenHideViewSet, ApprovedAccountViewSet)
    menu_icon = "view"
    menu_label = "Hashtag reach"
    menu_name = "hashtag-reach"


register_snippet(ReachGroup)


# --- What reach adds to the site's pages (campaign.registry) -------------------------------


@hooks.register(registry.HOME_SECTION, order=40)
def register_home_section():
    # Figures that change by the minute on the Day.
    return PageSection("reach/sections/home.html", live=True)


@hooks.register(registry.EDITION_SECTION, order=40)
def register_edition_section():
    return PageSection("reach/sections/edition.html", live=True)


@hooks.register(registry.SITE_NAV_ITEM, order=40)
def register_nav_item():
    return NavItem("Live reach", "/stats/")


@hooks.register(registry.PAGE_CACHE_IGNORED_MODELS)
def register_page_cache_ignored_models():
    # The tracker's records and bookkeeping: the stats pages they feed are only kept for
    # PAGE_CACHE_LIVE_SECONDS, so they need not empty the whole cache every pass.
    return [Author, Post, Contributor, HourlyStat, Facet, NetworkVolume, Cursor, IngestRun]


hooks.register(registry.DEMO_LOADER, demo.load, order=40)
hooks.register(registry.RESULTS_SECTION, results.reach_section, order=40)


@hooks.register(registry.SITEMAP_ENTRIES, order=40)
def register_sitemap_entries():
    """The live reach page, and each edition's own (the wall and the widget are noindex)."""
    years = page_access.public(EditionPage.objects.live()).order_by("year").values_list("year", flat=True)
    return [registry.SitemapEntry(reverse("reach:stats"))] + [
        registry.SitemapEntry(reverse("reach:edition_stats", args=[year])) for year in years
    ]


@hooks.register(registry.EDITION_LINKS, order=40)
def register_edition_links(edition):
    """Every live edition has its reach page (empty figures before tracking starts)."""
    return [NavItem("Hashtag reach", reverse("reach:edition_stats", args=[edition.year]))]


hooks.register(registry.DAY_GONE_UNTIL, focus.day_gone_until)
hooks.register(registry.NEXT_EDITION_COPY, handover.copy_tracking, order=40)
hooks.register(registry.EDITION_CHECKLIST, handover.tracking_checklist, order=40)
