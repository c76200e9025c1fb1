"""Reading the metrics of tracked posts again, so likes and reposts that come days later count.

Posts under two days old are re-read hourly, older ones daily (rules.refresh_due), with each
network's batch lookup; the new metrics go through store_posts, which moves the aggregates
by the difference. Reposts carry no metrics of their own and are never re-read.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Q

from .models import Post, Tracking
from .rules import OLD_EVERY, YOUNG_EVERY, YOUNG_FOR


def due_posts(tracking: Tracking, network: str, now: datetime, limit: int | None = None) -> list[Post]:
    """The edition's posts on a network whose metrics are due, the longest unread first.

    The same rule as rules.refresh_due, as a query: young posts unread for an hour, older
    ones unread for a day.
    """
    young = now - YOUNG_FOR
    due = Q(created_at__gte=young, seen_at__lte=now - YOUNG_EVERY) | Q(created_at__lt=young, seen_at__lte=now - OLD_EVERY)
    limit = limit if limit is not None else settings.REACH_REFRESH_MAX_POSTS
    return list(
        Post.objects.filter(due, edition_id=tracking.edition_id, network=network)
        .exclude(kind=Post.REPOST).order_by("seen_at", "pk")[:limit]
    )


def mark_read(posts: list[Post], now: datetime) -> None:
    """Asked for, answered or not (a deleted post is not answered): not due again until its next slot."""
    Post.objects.filter(pk__in=[post.pk for post in posts]).update(seen_at=now)
