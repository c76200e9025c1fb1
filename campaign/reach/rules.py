"""The counting rules every network shares, as plain functions the providers and tests call.

Kept apart from the providers so the rule the stats page states ("a reply that quotes counts
as a reply") is written once, not once per payload shape.
"""

from __future__ import annotations

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
