"""The live stats page, its JSON, CSV export and embeddable widget. Thin: stats.py computes."""

from __future__ import annotations

import csv
from datetime import datetime

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from campaign.editions.current import focus_for
from campaign.editions.days import Focus
from campaign.editions.models import EditionPage
from campaign.site_address import site_url

from .stats import CSV_COLUMNS, NOTES, cached_stats, chart_geometry, csv_rows
from .templatetags.reach_tags import num
from .wall import hour_line, site_qr_svg, wall_data

POLL_SECONDS = 45
_DAYS = {-1: "Day before", 0: "The Day", 1: "Day after"}


def _edition(request, year: int | None) -> EditionPage:
    """The edition asked for; the current one is looked up once per request, shared with the
    templates that name it too."""
    if year is None:
        # The Day just gone stays in focus until its tracking window closes (focus.py).
        edition = focus_for(request).edition
    else:
        edition = EditionPage.objects.live().filter(year=year).first()
    if edition is None:
        raise Http404("No such edition.")
    return edition


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _timeline_rows(timeline: dict) -> SafeString:
    """The rows of the posts-by-hour table: 72 hours by up to four editions, most of the page.

    Built as one string rather than in template loops or format_html (a fraction of the cost):
    each piece is a fixed label or a number formatted by ``num``, so there is nothing to escape.
    """
    series = [line["posts"] for line in timeline["series"]]
    rows = []
    for index, hour in enumerate(timeline["hours"]):
        label = f"{_DAYS[hour['offset'] // 24]}, {hour['offset'] % 24:02d}:00"
        cells = "".join(
            f'<td class="num" data-timeline-cell="{index}">{num(posts[index])}</td>' if n == 0
            else f'<td class="num">{num(posts[index])}</td>'
            for n, posts in enumerate(series)
        )
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    return mark_safe("\n".join(rows))


def _context(edition, year: int | None) -> dict:
    stats = cached_stats(edition)
    totals = stats["totals"]
    figures = [
        ("posts", "posts", totals["posts"]),
        ("contributors", "unique contributors", totals["contributors"]),
        ("potential_reach", "potential reach", totals["potential_reach"]),
        ("engagements", "engagements", totals["engagements"]),
        ("impressions", "impressions (where known)", totals["impressions"]),
        ("countries", "countries seen", totals["countries"]),
        ("languages", "languages seen", totals["languages"]),
    ]
    timeline_rows = _timeline_rows(stats["timeline"])
    return {
        "updated_at": _parse(stats["last_updated"]),
        "window_start": _parse(stats["edition"]["window"]["start"]),
        "window_end": _parse(stats["edition"]["window"]["end"]),
        "edition": edition,
        "timeline_rows": timeline_rows,
        "stats": stats,
        "figures": [{"key": k, "label": label, "value": v, "note": NOTES[k]} for k, label, v in figures],
        "chart": chart_geometry(stats["timeline"]),
        "chart_compact": chart_geometry(stats["timeline"], width=360, height=240, compact=True),
        "poll_seconds": POLL_SECONDS,
        "base_path": "/stats/" if year is None else f"/{edition.year}/stats/",
    }


@require_safe
@cache_control(public=True, max_age=30)  # the site's page cache keeps live figures no longer than this
def stats_page(request, year: int | None = None):
    focus = focus_for(request) if year is None else Focus(None)
    edition = _edition(request, year)
    context = _context(edition, year)
    context["focus"] = focus
    context["page_title"] = f"Live reach of {edition.title}"
    return render(request, "reach/stats.html", context)


@require_safe
@cache_control(public=True, max_age=30)
def stats_data(request, year: int | None = None):
    return JsonResponse(cached_stats(_edition(request, year)), json_dumps_params={"ensure_ascii": False})


@require_safe
@cache_control(public=True, max_age=60)
def stats_export(request, year: int | None = None):
    edition = _edition(request, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reach-{edition.year}-hourly.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(edition))
    return response


def _embed_ancestors(view):
    return csp_replace({"frame-ancestors": settings.REACH_EMBED_FRAME_ANCESTORS})(view)


@require_safe
@cache_control(public=True, max_age=30)
@xframe_options_exempt
@_embed_ancestors
def stats_embed(request, year: int | None = None):
    edition = _edition(request, year)
    return render(request, "reach/embed.html", _context(edition, year))


WALL_POLL_SECONDS = 15


@require_safe
@cache_control(public=True, max_age=WALL_POLL_SECONDS)
def wall(request, year: int | None = None):
    """Full screen for a projector: no navigation, no cookie banner, nothing to scroll."""
    edition = _edition(request, year)
    data = wall_data(edition)
    return render(request, "reach/wall.html", {
        "edition": edition, "wall": data, "line": hour_line(data["hours"]), "qr": mark_safe(site_qr_svg()),
        "poll_url": "/stats/wall.json" if year is None else f"/{edition.year}/stats/wall.json",
        "poll_seconds": WALL_POLL_SECONDS, "site_url": site_url(),
    })


@require_safe
@cache_control(public=True, max_age=WALL_POLL_SECONDS)
def wall_json(request, year: int | None = None):
    return JsonResponse(wall_data(_edition(request, year)), json_dumps_params={"ensure_ascii": False})
