"""The site's one public address: every absolute URL is built here from ``SITE_URL``.

Requests may arrive on another host name (a load balancer's, ``localhost`` behind a proxy),
and emails, calendar files, feeds and structured data are read far from any request, so
absolute URLs never come from the request or from the Wagtail Site record: they come from
``settings.SITE_URL``, which the Site record is made to follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings

if TYPE_CHECKING:
    from wagtail.models import Page


def site_url() -> str:
    """The public address without a trailing slash, e.g. ``https://socialprescribingday.org.uk``."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path_or_url: str) -> str:
    """A site path (``/events/``) as a full address; full addresses are returned as they are."""
    if not path_or_url:
        return ""
    if urlsplit(path_or_url).scheme in ("http", "https"):
        return path_or_url
    return site_url() + ("" if path_or_url.startswith("/") else "/") + path_or_url


def page_url(page: Page) -> str:
    """A page's full public address, whatever host the current request came in on
    ("" for a page that is not routable, e.g. outside every site)."""
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return ""
    return absolute_url(parts[2])
