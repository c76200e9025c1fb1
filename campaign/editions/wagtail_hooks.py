"""What the editions app adds to the site through campaign.registry: the page tree's demo content first."""

from wagtail import hooks

from campaign import cache, registry
from campaign.editions import demo

# The home page, editions and settings that every other app's demo content hangs from.
hooks.register(registry.DEMO_LOADER, demo.load, order=0)


@hooks.register("before_serve_page")
def note_page_query(page, request, serve_args, serve_kwargs):
    """The page cache learns which query parameters this kind of page reads (campaign.cache)."""
    cache.note_served_page(page, request)
