"""What the editions app adds to the site through campaign.registry, and to the admin.

The page tree's demo content comes first. In the admin: "Start next year's Day" (a form, then
the new edition's checklist) from the editions' page menus and the dashboard, and the
"Running the Day" guide, linked from every dashboard.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaign import cache, page_access, registry
from campaign.editions import admin_views, days, demo, next_edition, results
from campaign.editions.models import EditionIndexPage, EditionPage, Supporter

# The home page, editions and settings that every other app's demo content hangs from.
hooks.register(registry.DEMO_LOADER, demo.load, order=0)


@hooks.register("before_serve_page")
def note_page_query(page, request, serve_args, serve_kwargs):
    """The page cache learns which query parameters this kind of page reads (campaign.cache)."""
    cache.note_served_page(page, request)


@hooks.register(registry.SITEMAP_ENTRIES, order=0)
def register_sitemap_entries():
    """Each edition's results report, from its Day on (before it, the page does not exist)."""
    today = days.today()
    editions = page_access.public(EditionPage.objects.live()).exclude(day=None).order_by("year")
    return [
        registry.SitemapEntry(reverse("results", args=[edition.year]), edition.last_published_at)
        for edition in editions.only("year", "day", "last_published_at")
        if results.results_state(edition.day, today) != results.NOT_YET
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("editions/start-next/", admin_views.start_next_edition, name="start_next_edition"),
        path("editions/<int:page_id>/checklist/", admin_views.edition_checklist, name="edition_checklist"),
        path("running-the-day/", admin_views.running_the_day, name="running_the_day"),
    ]


class RunningTheDayPanel(Component):
    """Links to the guide for everyone; to next year's Day and a draft's checklist for editors."""

    name = "running_the_day"
    template_name = "campaign/admin/running_the_day_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        can_start = admin_views.can_start_next_edition(self.user)
        draft = EditionPage.objects.filter(live=False).order_by("-year").first() if can_start else None
        return {"can_start": can_start, "latest": next_edition.latest_edition(), "draft": draft}


@hooks.register("construct_homepage_panels")
def add_running_the_day_panel(request, panels):
    panels.append(RunningTheDayPanel(request.user))


def _edition_buttons(page, user):
    kind = page.specific_class
    if kind in (EditionPage, EditionIndexPage) and admin_views.can_start_next_edition(user):
        query = f"?from={page.pk}" if kind is EditionPage else ""
        yield Button("Start next year's Day", reverse("start_next_edition") + query, icon_name="date", priority=90)
    if kind is EditionPage and page.permissions_for_user(user).can_edit():
        yield Button("Checklist before publishing", reverse("edition_checklist", args=[page.pk]),
                     icon_name="tasks", priority=91)


@hooks.register("register_page_header_buttons")
def edition_header_buttons(page, user, view_name, next_url=None):
    yield from _edition_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def edition_listing_buttons(page, user, next_url=None):
    yield from _edition_buttons(page, user)


class SupporterViewSet(SnippetViewSet):
    """Editors add supporters and drag them into order (Orderable's sort_order)."""

    model = Supporter
    icon = "group"
    menu_label = "Supporters"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "edition", "url", "is_demo"]
    list_filter = ["edition", "is_demo"]
    search_fields = ["name"]


register_snippet(SupporterViewSet)
