from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from campaign.colours import DARK_TEXT, contrast_ratio, text_colour_on
from campaign.models import EditionPage
from campaign.search import search_terms

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
PAPER = "#fffaf3"  # the page background in site.css: links on it must keep 4.5:1


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    terms = search_terms(query)
    if terms:
        results = Page.objects.live().public().specific().search(terms)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaign/search.html", {"query": query, "results": page, "page_title": f"Search: {query}" if query else "Search"})


@require_GET
@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /events/manage/",
        "Disallow: /stories/manage/",
        "Disallow: /toolkit/download/",
        "Disallow: /toolkit/make/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=31536000, immutable=True)
def edition_theme_css(request, year: int):
    """The edition's colours as CSS custom properties: a stylesheet, so pages need no inline style."""
    edition = get_object_or_404(EditionPage.objects.live(), year=year)
    primary = edition.primary_colour
    link = primary if contrast_ratio(primary, PAPER) >= 4.5 else DARK_TEXT
    css = (
        ":root{"
        f"--brand:{primary};--on-brand:{text_colour_on(primary)};--link:{link};"
        f"--accent:{edition.accent_colour};--on-accent:{text_colour_on(edition.accent_colour)};"
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", {"page_title": "Page not found"}, status=404)


def server_error(request):
    """Rendered without context processors that touch the database: the fault may be there.

    While the database restarts or fails over (a refused or dropped connection), visitors
    get a 503 saying to retry in a minute, with ``Retry-After`` for proxies and CDNs, rather
    than a 500. Connections are health-checked (CONN_HEALTH_CHECKS), so the first request
    after the database is back reconnects by itself.
    """
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.render_to_string("production/database_unavailable.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


def raise_404(request):
    raise Http404
