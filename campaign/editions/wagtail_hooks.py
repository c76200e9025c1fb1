"""What the editions app adds to the site through campaign.registry: the page tree's demo content first."""

from django.urls import reverse
from wagtail import hooks

from campaign import cache, registry
from campaign.editions import days, demo, results
from campaign.editions.models import EditionPage

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
    editions = EditionPage.objects.live().public().exclude(day=None).order_by("year")
    return [
        registry.SitemapEntry(reverse("results", args=[edition.year]), edition.last_published_at)
        for edition in editions.only("year", "day", "last_published_at")
        if results.results_state(edition.day, today) != results.NOT_YET
    ]
