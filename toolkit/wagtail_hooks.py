"""The toolkit in the Wagtail admin: toolkits, designs and audiences as snippets, and a downloads report."""

from __future__ import annotations

import django_filters
from django.db.models import Count
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaign import registry
from campaign.editions.models import EditionPage
from campaign.registry import NavItem, PageSection
from toolkit import demo, handover, results
from toolkit.downloads import PERIODS, most_downloaded
from toolkit.models import (
    ArchiveDownloadDay,
    Audience,
    GraphicDesign,
    GraphicMadeDay,
    ResourceDownloadDay,
    Toolkit,
    ToolkitResource,
)
from toolkit.queries import kept_toolkit_for_year, published_toolkits


class ToolkitViewSet(SnippetViewSet):
    model = Toolkit
    icon = "folder-open-inverse"
    menu_label = "Toolkits"
    list_display = [
        "__str__",
        Column("resource_count", label="Resources"),
        "live",
        Column("archive_built_at", label="Zip built"),
    ]
    list_filter = ["live"]

    def get_queryset(self, request):
        return Toolkit.objects.select_related("edition").annotate(resource_count=Count("resources"))


class GraphicDesignViewSet(SnippetViewSet):
    model = GraphicDesign
    icon = "image"
    menu_label = "Graphic designs"
    list_display = ["name", Column("edition", label="Edition"), "live", "updated_at"]
    list_filter = ["live", "edition"]

    def get_queryset(self, request):
        return GraphicDesign.objects.select_related("edition")


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"
    list_display = ["name", "slug", "sort_order"]


class ToolkitViewSetGroup(SnippetViewSetGroup):
    items = (ToolkitViewSet, GraphicDesignViewSet, AudienceViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Toolkit"
    menu_name = "toolkit"
    menu_order = 250


register_snippet(ToolkitViewSetGroup)


# --- Most-downloaded report ------------------------------------------------------------

toolkit_policy = ModelPermissionPolicy(Toolkit)


class DownloadsReportFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label="Period",
        choices=[(key, label) for key, (label, _) in PERIODS.items()],
        empty_label="Last 30 days",
        method="keep_all",
    )
    edition = django_filters.ModelChoiceFilter(
        label="Edition",
        queryset=EditionPage.objects.order_by("-year"),
        method="keep_all",
        empty_label="Every edition",
    )

    class Meta:
        model = ToolkitResource
        fields = []

    def keep_all(self, queryset, name, value):
        # Both choices shape the query in the view (the sum's window, the edition), not a filter.
        return queryset


class ToolkitDownloadsReportView(ReportView):
    page_title = "Toolkit downloads"
    header_icon = "download"
    index_url_name = "toolkit_downloads_report"
    index_results_url_name = "toolkit_downloads_report_results"
    filterset_class = DownloadsReportFilterSet
    permission_policy = toolkit_policy
    any_permission_required = ["add", "change", "delete"]
    paginate_by = 50
    list_export = ["title", "toolkit.edition.year", "category", "downloads"]
    export_headings = {"toolkit.edition.year": "Year", "downloads": "Downloads"}
    columns = [
        TitleColumn(
            "title",
            label="Resource",
            get_url=lambda resource: reverse("wagtailsnippets_toolkit_toolkit:edit", args=[resource.toolkit_id]),
        ),
        Column("year", label="Edition", accessor="toolkit.edition.year"),
        Column("category", label="Category", accessor="get_category_display"),
        NumberColumn("downloads", label="Downloads"),
    ]

    def get_queryset(self):
        period, edition = "30", None
        if self.filters is not None and self.filters.is_valid():
            period = self.filters.form.cleaned_data.get("period") or "30"
            edition = self.filters.form.cleaned_data.get("edition")
        return most_downloaded(period, edition.pk if edition else None)

    def get_filename(self):
        return "toolkit-downloads"


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/toolkit-downloads/", ToolkitDownloadsReportView.as_view(), name="toolkit_downloads_report"),
        path(
            "reports/toolkit-downloads/results/",
            ToolkitDownloadsReportView.as_view(results_only=True),
            name="toolkit_downloads_report_results",
        ),
    ]


class DownloadsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return toolkit_policy.user_has_any_permission(request.user, ["add", "change", "delete"])


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return DownloadsReportMenuItem(
        "Toolkit downloads",
        reverse("toolkit_downloads_report"),
        name="toolkit-downloads",
        icon_name="download",
        order=1300,
    )


# --- What the toolkit adds to the site's pages (campaign.registry) -------------------------


@hooks.register(registry.HOME_SECTION, order=30)
def register_home_section():
    return PageSection("toolkit/sections/home.html")


@hooks.register(registry.EDITION_SECTION, order=30)
def register_edition_section():
    return PageSection("toolkit/sections/edition.html")


@hooks.register(registry.SITE_NAV_ITEM, order=30)
def register_nav_item():
    return NavItem("Toolkit", "/toolkit/")


@hooks.register(registry.ROBOTS_DISALLOW, order=30)
def register_robots_disallow():
    # The graphics maker is a landing page; its results are noindex and their keys unguessable.
    return ["/toolkit/download/"]


@hooks.register(registry.PAGE_CACHE_IGNORED_MODELS)
def register_page_cache_ignored_models():
    # Download counters feed only the stats, which are kept briefly anyway.
    return [ResourceDownloadDay, ArchiveDownloadDay, GraphicMadeDay]


hooks.register(registry.DEMO_LOADER, demo.load, order=30)
hooks.register(registry.RESULTS_SECTION, results.toolkit_section, order=30)


@hooks.register(registry.SITEMAP_ENTRIES, order=30)
def register_sitemap_entries():
    """The toolkit pages, one per edition that has a published toolkit, and the graphics maker."""
    entries = [registry.SitemapEntry(reverse(name)) for name in ("toolkit:current", "toolkit:index", "toolkit:make")]
    for toolkit in published_toolkits().order_by("edition__year"):
        entries.append(registry.SitemapEntry(reverse("toolkit:year", args=[toolkit.edition.year])))
    return entries


@hooks.register(registry.EDITION_LINKS, order=30)
def register_edition_links(edition):
    """The edition's toolkit, when it has one published."""
    if kept_toolkit_for_year(edition.year) is None:
        return []
    return [NavItem("Toolkit", reverse("toolkit:year", args=[edition.year]))]


hooks.register(registry.NEXT_EDITION_COPY, handover.copy_toolkit, order=30)
hooks.register(registry.EDITION_CHECKLIST, handover.toolkit_checklist, order=30)
