"""The counting rules every network shares, as plain functions the providers and tests call.

Kept apart from the providers so the rule the stats page states ("a reply that quotes counts
as a reply") is written once, not once per payload shape.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .models import Post


def post_kind(*, reposts: bool = False, replies: bool = False, quotes: bool = False) -> str:
    """The one kind a post counts as, whatever order the network lists its references in.

    A repost wins: it is someone else's post shared, and carries that post's metrics. Then a
    reply: it takes part in a conversation, whatever it embeds, so a reply that quotes is a
    reply. Then a quote. Anything else is an original.
    """
    if reposts:
        return Post.REPOST
    if replies:
        return Post.REPLY
    if quotes:
        return Post.QUOTE
    return Post.ORIGINAL


#: Metrics keep coming for days: re-read hourly while a post is young, then daily.
YOUNG_FOR = timedelta(hours=48)
YOUNG_EVERY = timedelta(hours=1)
OLD_EVERY = timedelta(days=1)


def refresh_due(created_at: datetime, last_read: datetime, now: datetime) -> bool:
    """Whether a post's metrics are due to be read again (the window's end is the tracker's
    business: closed editions are not tracked)."""
    every = YOUNG_EVERY if now - created_at < YOUNG_FOR else OLD_EVERY
    return now - last_read >= every
