"""The hashtag's part of an edition's results report, from the same figures as the stats page.

The report shows the stats page's totals with the stats page's own notes, so a figure
quoted from either means the same thing.
"""

from __future__ import annotations

from campaign.editions.results import (
    Breakdown,
    Figure,
    Listing,
    ResultsSection,
    Series,
    Timeline,
    counted,
)

from .stats import HOURS_BEFORE_DAY, NOTES, cached_stats

# The report's timeline sums each edition's hours into blocks of three: 24 points over the
# three days, few enough for a table beside the chart on an A4 page.
BLOCK_HOURS = 3
_DAY_NAMES = {-1: "Day before", 0: "The Day", 1: "Day after"}

FIGURES = (
    ("posts", "Posts"),
    ("contributors", "Unique contributors"),
    ("potential_reach", "Potential reach"),
    ("engagements", "Engagements"),
    ("impressions", "Impressions (where known)"),
    ("countries", "Countries seen"),
)


def reach_section(edition) -> ResultsSection:
    stats = cached_stats(edition)
    totals = stats["totals"]
    hashtags = ", ".join(stats["edition"]["hashtags"])
    return ResultsSection(
        key="reach",
        title="Reach of the hashtag",
        intro=f"Public posts with {hashtags} on X, Mastodon and Bluesky, and figures editors entered for other networks.",
        figures=tuple(Figure(key, label, totals[key], NOTES[key]) for key, label in FIGURES),
        timelines=(timeline_of(stats["timeline"]),) if stats["timeline"]["series"] else (),
        breakdowns=(
            Breakdown(
                "networks", "Posts by network",
                counted((n["label"], n["posts"] or 0) for n in stats["networks"]),
                "Each network's posts, counted as in the headline figure.", "No posts were found.",
            ),
            Breakdown(
                "countries", "Posts by country",
                counted((c["name"], c["posts"]) for c in stats["countries"]),
                NOTES["countries"], "No post could be placed in a country.",
            ),
        ),
        listings=(
            Listing(
                "top_posts", "Top posts",
                ("Account", "Network", "Post", "Engagements"),
                tuple((p["author"], p["network_label"], p["text"], str(p["engagements"])) for p in stats["top_posts"]),
                "Original posts, replies and quotes with the most engagements, as last read; reposts never appear.",
                links=tuple(p["url"] for p in stats["top_posts"]),
                empty="No posts yet.",
            ),
            Listing(
                "top_contributors", "Top contributors",
                ("Account", "Network", "Posts", "Engagements"),
                tuple(
                    (c["handle"], c["network_label"], str(c["posts"]), str(c["engagements"]))
                    for c in stats["top_contributors"]
                ),
                "Public accounts whose posts received the most engagements.",
                links=tuple(c["url"] or "" for c in stats["top_contributors"]),
                empty="No contributors yet.",
            ),
        ),
        demo=stats["data_source"] == "demo",
    )


def timeline_of(timeline: dict) -> Timeline:
    """The stats page's hourly timeline in blocks of ``BLOCK_HOURS``, every edition on one scale."""
    hours = timeline["hours"]
    labels = tuple(
        f"{_DAY_NAMES.get(hour['offset'] // 24, 'Day')} {hour['offset'] % 24:02d}:00"
        for hour in hours[::BLOCK_HOURS]
    )
    series = tuple(
        Series(
            str(line["year"]),
            tuple(sum(line["posts"][i:i + BLOCK_HOURS]) for i in range(0, len(line["posts"]), BLOCK_HOURS)),
            current=line["current"],
        )
        for line in timeline["series"]
    )
    return Timeline(
        "posts_by_time", "Posts over the three days, against earlier years", labels, series,
        f"Posts per {BLOCK_HOURS} hours (UK time), from {HOURS_BEFORE_DAY} hours before each year's Day to the end "
        "of the day after, each year at the same distance from its own Day.",
    )
