"""The live wall (/stats/wall/): big figures, the newest posts editors allow, the hourly line.

Shown on a projector at an event, so it is read from across a room and nobody is at the
keyboard: what it shows of posts follows the edition's ``wall_mode`` and the hide list
(``screens``), and everything else comes from the same cached figures as the stats page.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import qrcode
from django.db.models import Max, Sum
from django.utils import timezone
from qrcode.image.svg import SvgPathImage

from campaign.site_address import absolute_url

from .models import NETWORK_LABELS, HourlyStat, Tracking
from .screens import wall_posts
from .stats import cached_stats

WALL_POSTS = 6
LINE_HOURS = 24
POST_CHARS = 280


def wall_data(edition) -> dict:
    """What the wall shows and its script fetches again every ``WALL_POLL_SECONDS``."""
    stats = cached_stats(edition)
    tracking = Tracking.objects.filter(edition=edition).first()
    totals = stats["totals"]
    last_hour, hours = recent_hours(edition)
    return {
        "edition": {"year": edition.year, "title": edition.title},
        "hashtags": stats["edition"]["hashtags"],
        "demo": stats["data_source"] == "demo",
        "mode": tracking.wall_mode if tracking else Tracking.WALL_APPROVED,
        "figures": {
            "posts": totals["posts"],
            "contributors": totals["contributors"],
            "potential_reach": totals["potential_reach"],
        },
        "hours": hours,
        "hours_to": last_hour.isoformat() if last_hour else None,
        "last_updated": stats["last_updated"],
        "posts": [
            {
                "id": post.pk,
                "network": NETWORK_LABELS[post.network],
                "author": post.author.handle,
                "author_name": post.author.display_name,
                "text": post.text[:POST_CHARS],
                "created_at": post.created_at.isoformat(),
            }
            for post in wall_posts(edition, tracking, WALL_POSTS)
        ],
    }


def recent_hours(edition, count: int = LINE_HOURS) -> tuple[datetime | None, list[int]]:
    """Posts per hour over the ``count`` hours up to the latest hour with posts (now, on the Day)."""
    latest = HourlyStat.objects.filter(edition=edition, hour__lte=timezone.now()).aggregate(last=Max("hour"))["last"]
    if latest is None:
        return None, []
    first = latest - timedelta(hours=count - 1)
    counts = dict(
        HourlyStat.objects.filter(edition=edition, hour__gte=first, hour__lte=latest).values("hour")
        .annotate(n=Sum("posts")).values_list("hour", "n")
    )
    return latest, [counts.get(first + timedelta(hours=h), 0) for h in range(count)]


def hour_line(hours: list[int], width: int = 600, height: int = 120) -> str:
    """The polyline points of posts per hour, scaled to the box (the script redraws it the same way)."""
    if not hours:
        return ""
    peak = max(hours) or 1
    step = width / max(len(hours) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - value / peak * height:.1f}" for i, value in enumerate(hours))


def site_qr_svg() -> str:
    """A QR code of the site's public address, for people in the room to open it on their phones."""
    return qrcode.make(absolute_url("/"), image_factory=SvgPathImage, box_size=10, border=2).to_string(
        encoding="unicode"
    )
