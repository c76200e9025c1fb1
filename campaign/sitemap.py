"""``/sitemap.xml``: every public page that exists, each at the public address (SITE_URL).

Wagtail lists its live pages; the pages apps serve from their own views (the toolkit, stats,
results and the landing pages of the forms) come through ``register_sitemap_entries``.
Locations never take the host the request came in on (campaign.site_address).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views

from campaign import registry
from campaign.site_address import absolute_url


def _at_public_address(urls: list[dict]) -> list[dict]:
    for url in urls:
        parts = urlsplit(url["location"])
        url["location"] = absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))
    return urls


class PageSitemap(WagtailSitemap):
    """Wagtail's live, public pages."""

    def get_urls(self, page=1, site=None, protocol=None):
        return _at_public_address(super().get_urls(page=page, site=site, protocol=protocol))


class ViewSitemap(DjangoSitemap):
    """Public pages served by views: the project's own, then what apps register."""

    def __init__(self):
        self._entries: list[registry.SitemapEntry] | None = None

    def items(self) -> list[registry.SitemapEntry]:
        # Read once per request: the sitemap view asks for the items more than once.
        if self._entries is None:
            self._entries = [registry.SitemapEntry(reverse("privacy")), *registry.sitemap_entries()]
        return self._entries

    def location(self, item: registry.SitemapEntry) -> str:
        return item.path

    def lastmod(self, item: registry.SitemapEntry):
        return item.lastmod

    def get_urls(self, page=1, site=None, protocol=None):
        return _at_public_address(super().get_urls(page=page, site=site, protocol=protocol))


def sitemap(request):
    return wagtail_sitemap_views.sitemap(request, sitemaps={"pages": PageSitemap, "views": ViewSitemap()})
