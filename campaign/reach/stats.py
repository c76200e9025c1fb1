"""The figures the stats page, its JSON, CSV and embed show, from aggregates only.

Why aggregates: every figure here comes from hourly rows, facet rows, contributor rows and
two ordered index reads (top posts, top contributors), so each endpoint costs the same
small, constant number of queries whether 10 thousand or 10 million posts are stored.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q, Subquery, Sum
from django.utils import timezone

from campaign.editions.models import EditionPage

from . import screens
from .models import (
    API_NETWORKS,
    MANUAL_NETWORKS,
    NETWORK_LABELS,
    Contributor,
    Facet,
    HourlyStat,
    IngestRun,
    ManualFigure,
    NetworkVolume,
    Tracking,
)
from .places import country_name
from .store import stats_cache_key

HOURS_BEFORE_DAY = 24
HOURS_AFTER_DAY_START = 48
TIMELINE_HOURS = HOURS_BEFORE_DAY + HOURS_AFTER_DAY_START
PREVIOUS_EDITIONS = 3
TOP = 10
SUMMED = ["posts", "originals", "reposts", "replies", "quotes", "likes", "shares", "comments", "quotations",
          "new_contributors", "reach", "impressions", "impression_posts"]

NOTES = {
    "posts": "Public posts with a tracked hashtag read from X, Mastodon and Bluesky during the tracking "
             "window (originals, replies, quotes and reposts), each counted once however often it is seen "
             "and however often it is edited, plus the totals editors entered by hand for other networks. "
             "A post that replies counts as a reply even when it also quotes.",
    "contributors": "Distinct public accounts that posted with a tracked hashtag, per network (an account on "
                    "two networks counts twice; people only replied to or mentioned do not count), plus "
                    "hand-entered totals.",
    "potential_reach": "The sum of the followers of every unique contributor, as last seen, plus hand-entered "
                       "reach. It is the most people who could have seen a post, not how many did.",
    "engagements": "Likes, reposts or boosts, replies and quotes that the tracked original posts, replies and "
                   "quotes received, as last read; a repost counts as a post and a share but adds none of the "
                   "engagement its original received. Plus hand-entered engagements.",
    "impressions": "Views as reported by the networks that give them (X, for some posts) plus hand-entered "
                   "impressions; networks that do not report views add nothing.",
    "countries": "Countries from a post's place (X's place country code) or, failing that, the author's public "
                 "profile location when the post was first read, where it names a country, nation or "
                 "well-known city. Most posts cannot be placed, so this is a lower bound.",
    "languages": "Languages the networks detect or the author sets on each post.",
}


def day_start(edition) -> datetime | None:
    """Midnight at the start of the Day, in the site's time zone, as UTC."""
    if edition.day is None:
        return None
    return datetime.combine(edition.day, time.min, tzinfo=timezone.get_default_timezone()).astimezone(UTC)


def cached_stats(edition) -> dict:
    """The stats for an edition, cached briefly; storing new posts clears the cache."""
    key = stats_cache_key(edition.pk)
    stats = cache.get(key)
    if stats is None:
        stats = build_stats(edition)
        cache.set(key, stats, settings.REACH_STATS_CACHE_SECONDS)
    return stats


def build_stats(edition) -> dict:
    tracking = (
        Tracking.objects.filter(edition=edition)
        .annotate(
            x_volume=Subquery(
                NetworkVolume.objects.filter(edition=edition).values("edition").annotate(total=Sum("count"))
                .values("total")
            ),
            last_run=Subquery(
                IngestRun.objects.filter(edition=edition).order_by("-started_at").values("started_at")[:1]
            ),
        )
        .first()
    )
    if tracking is not None:
        tracking.edition = edition  # already loaded: the window and hashtags need no second query
        x_volume, last_run = tracking.x_volume, tracking.last_run
    else:
        x_volume = NetworkVolume.objects.filter(edition=edition).aggregate(total=Sum("count"))["total"]
        last_run = IngestRun.objects.filter(edition=edition).aggregate(at=Max("started_at"))["at"]
    is_demo = bool(tracking and tracking.is_demo)
    window = tracking.window() if tracking else (None, None)
    hashtags = tracking.hashtag_list if tracking else edition.hashtag_list

    per_network = {
        row["network"]: row
        for row in HourlyStat.objects.filter(edition=edition).values("network").annotate(
            **{name: Sum(name) for name in SUMMED}
        )
    }
    manual = _latest_manual(edition)
    facets = list(
        Facet.objects.filter(edition=edition).values("kind", "value").annotate(posts=Sum("posts")).order_by("-posts")
    )

    networks = []
    for code, label in API_NETWORKS:
        row = per_network.get(code)
        if not row:
            continue
        networks.append({
            "network": code, "label": label, "source": "api",
            "posts": row["posts"], "originals": row["originals"], "reposts": row["reposts"],
            "replies": row["replies"], "quotes": row["quotes"],
            "contributors": row["new_contributors"], "potential_reach": row["reach"],
            "engagements": row["likes"] + row["shares"] + row["comments"] + row["quotations"],
            "likes": row["likes"], "shares": row["shares"], "comments": row["comments"], "quotations": row["quotations"],
            "impressions": row["impressions"] if row["impression_posts"] else None,
            "as_of": None,
        })
    for figure in manual:
        networks.append({
            "network": figure.network, "label": NETWORK_LABELS[figure.network], "source": "manual",
            "posts": figure.posts, "originals": None, "reposts": None, "replies": None, "quotes": None,
            "contributors": figure.contributors, "potential_reach": figure.reach, "engagements": figure.engagements,
            "likes": None, "shares": None, "comments": None, "quotations": None,
            "impressions": figure.impressions, "as_of": figure.as_of.isoformat(), "note": figure.source,
        })

    def total(field):
        return sum(n[field] or 0 for n in networks)

    countries = [{"code": f["value"], "name": country_name(f["value"]), "posts": f["posts"]}
                 for f in facets if f["kind"] == Facet.COUNTRY]
    languages = [{"code": f["value"], "posts": f["posts"]} for f in facets if f["kind"] == Facet.LANGUAGE]
    impressions_known = any(n["impressions"] is not None for n in networks)
    totals = {
        "posts": total("posts"),
        "originals": total("originals"), "reposts": total("reposts"), "replies": total("replies"),
        "quotes": total("quotes"),
        "contributors": total("contributors"),
        "potential_reach": total("potential_reach"),
        "engagements": total("engagements"),
        "likes": total("likes"), "shares": total("shares"), "comments": total("comments"),
        "quotations": total("quotations"),
        "impressions": total("impressions") if impressions_known else None,
        "countries": len(countries),
        "languages": len(languages),
    }
    updated = max(filter(None, [tracking.last_stored_at if tracking else None, last_run]), default=None)
    return {
        "edition": {
            "year": edition.year,
            "title": edition.title,
            "day": edition.day.isoformat() if edition.day else None,
            "hashtags": hashtags,
            "window": {"start": _iso(window[0]), "end": _iso(window[1])},
            "is_demo": is_demo,
        },
        "data_source": "demo" if is_demo else "real",
        "generated_at": _iso(timezone.now()),
        "last_updated": _iso(updated),
        "totals": totals,
        "notes": NOTES,
        "networks": networks,
        "x_volume": x_volume,
        "countries": countries[:50],
        "languages": languages[:50],
        "timeline": _timeline(edition),
        "top_posts": _top_posts(edition),
        "top_contributors": _top_contributors(edition),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _latest_manual(edition) -> list[ManualFigure]:
    latest: dict[str, ManualFigure] = {}
    for figure in ManualFigure.objects.filter(edition=edition).order_by("network", "-as_of"):
        latest.setdefault(figure.network, figure)
    order = [code for code, _ in MANUAL_NETWORKS]
    return sorted(latest.values(), key=lambda f: order.index(f.network))


def _timeline(edition) -> dict:
    """Posts per hour from the day before the Day to the day after, with up to three earlier
    editions at the same offset from their own Day."""
    start = day_start(edition)
    if start is None:
        return {"hours": [], "series": []}
    previous = list(
        EditionPage.objects.live().filter(year__lt=edition.year, day__isnull=False)
        .order_by("-year").values_list("pk", "year", "day")[:PREVIOUS_EDITIONS]
    )
    tz = timezone.get_default_timezone()
    editions = [(edition.pk, edition.year, start)] + [
        (pk, year, datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)) for pk, year, day in previous
    ]
    where = Q()
    for pk, _year, ds in editions:
        where |= Q(edition_id=pk, hour__gte=ds - timedelta(hours=HOURS_BEFORE_DAY),
                   hour__lt=ds + timedelta(hours=HOURS_AFTER_DAY_START))
    counts: dict[int, dict[datetime, int]] = {pk: {} for pk, _, _ in editions}
    for row in HourlyStat.objects.filter(where).values("edition_id", "hour").annotate(n=Sum("posts")):
        counts[row["edition_id"]][row["hour"]] = row["n"]
    series = []
    for index, (pk, year, ds) in enumerate(editions):
        first = ds - timedelta(hours=HOURS_BEFORE_DAY)
        values = [counts[pk].get(first + timedelta(hours=h), 0) for h in range(TIMELINE_HOURS)]
        if index and not any(values):
            continue
        series.append({"year": year, "current": index == 0, "posts": values})
    hours = [
        {"offset": h - HOURS_BEFORE_DAY, "start": _iso(start + timedelta(hours=h - HOURS_BEFORE_DAY))}
        for h in range(TIMELINE_HOURS)
    ]
    return {"hours": hours, "series": series}


def _top_posts(edition) -> list[dict]:
    posts = (
        screens.showable_posts(edition).order_by("-engagements", "-pk")
        .values("network", "url", "text", "created_at", "engagements", "likes", "shares", "comments", "quotations",
                "author__handle", "author__profile_url", "author__display_name")[:TOP]
    )
    return [
        {
            "network": p["network"], "network_label": NETWORK_LABELS[p["network"]], "url": p["url"],
            "text": p["text"][:280], "created_at": _iso(p["created_at"]),
            "author": p["author__handle"], "author_name": p["author__display_name"],
            "author_url": p["author__profile_url"],
            "engagements": p["engagements"], "likes": p["likes"], "shares": p["shares"], "comments": p["comments"],
            "quotations": p["quotations"],
        }
        for p in posts
    ]


def _top_contributors(edition) -> list[dict]:
    rows = (
        Contributor.objects.filter(edition=edition).exclude(screens.hidden_accounts()).order_by("-engagements", "-pk")
        .values("network", "posts", "engagements", "author__handle", "author__display_name",
                "author__profile_url", "author__followers")[:TOP]
    )
    return [
        {
            "network": c["network"], "network_label": NETWORK_LABELS[c["network"]], "handle": c["author__handle"],
            "name": c["author__display_name"], "url": c["author__profile_url"], "posts": c["posts"],
            "engagements": c["engagements"], "followers": c["author__followers"],
        }
        for c in rows
    ]


TICK_FRACTIONS = (0, 0.25, 0.5, 0.75, 1)
COMPACT_TICK_FRACTIONS = (0, 0.5, 1)
COMPACT_DAY_LABELS = {-1: "Before", 0: "The Day", 1: "After"}


def chart_geometry(timeline: dict, width: int = 720, height: int = 260, compact: bool = False) -> dict:
    """Coordinates for the inline SVG chart (reach.js redraws it the same way from the JSON).

    ``compact`` is the phone's chart: drawn narrower, so its text is nearly full size on a
    small screen, with three ticks and a label only where each day starts.
    """
    left, right, top, bottom = (44, 16, 12, 34) if compact else (48, 12, 12, 36)
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((max(s["posts"]) for s in timeline["series"] if s["posts"]), default=0)
    scale_max = _nice_ceiling(peak)
    n = max(len(timeline["hours"]) - 1, 1)
    lines = []
    for index, series in enumerate(timeline["series"]):
        points = " ".join(
            f"{left + i * plot_w / n:.1f},{top + plot_h - (v / scale_max * plot_h if scale_max else 0):.1f}"
            for i, v in enumerate(series["posts"])
        )
        lines.append({"year": series["year"], "current": series["current"], "points": points, "index": index})
    ticks = [
        {"value": int(scale_max * f), "y": round(top + plot_h - f * plot_h, 1), "index": TICK_FRACTIONS.index(f)}
        for f in (COMPACT_TICK_FRACTIONS if compact else TICK_FRACTIONS)
    ]
    labels = []
    for i, hour in enumerate(timeline["hours"]):
        if compact and hour["offset"] % 24 == 0 and i < len(timeline["hours"]) - 1:
            text = COMPACT_DAY_LABELS.get(hour["offset"] // 24, f"Day {hour['offset'] // 24:+d}")
            labels.append({"x": round(left + i * plot_w / n, 1), "text": text})
        elif not compact and hour["offset"] % 12 == 0:
            day = hour["offset"] // 24
            text = {-1: "Day before", 0: "The Day", 1: "Day after"}.get(day, f"Day {day:+d}")
            labels.append({"x": round(left + i * plot_w / n, 1), "text": text if hour["offset"] % 24 == 0 else "12:00"})
    return {"width": width, "height": height, "left": left, "top": top, "plot_w": plot_w, "plot_h": plot_h,
            "bottom": top + plot_h, "right": left + plot_w, "lines": lines, "ticks": ticks, "labels": labels,
            "max": scale_max}


def _nice_ceiling(value: int) -> int:
    if value <= 0:
        return 0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)


CSV_COLUMNS = ["hour_utc", "network", "source"] + SUMMED + ["engagements"]


def csv_rows(edition) -> list[list]:
    """Hourly rows per network, then the hand-entered totals (their date in the hour column)."""
    rows = []
    for row in HourlyStat.objects.filter(edition=edition).order_by("hour", "network").values("hour", "network", *SUMMED):
        engagements = row["likes"] + row["shares"] + row["comments"] + row["quotations"]
        rows.append([_iso(row["hour"]), row["network"], "api"] + [row[name] for name in SUMMED] + [engagements])
    for figure in _latest_manual(edition):
        values = {"posts": figure.posts, "new_contributors": figure.contributors, "reach": figure.reach,
                  "impressions": figure.impressions}
        rows.append([figure.as_of.isoformat(), figure.network, "entered by hand"]
                    + [values.get(name, "") if values.get(name) is not None else "" for name in SUMMED]
                    + [figure.engagements if figure.engagements is not None else ""])
    return rows
