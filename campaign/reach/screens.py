"""Which posts and accounts may appear on a public screen: the live wall, top posts, top contributors.

Editors hide a post or a whole account (``ScreenHide``), and the wall can be limited to
accounts they have approved (``ApprovedAccount``) or to figures only. Reposts, and posts
their authors or the networks marked sensitive or put behind a content warning, are never
shown. Every list of posts or accounts the public sees is filtered here, in one place.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import ApprovedAccount, Post, ScreenHide, Tracking


def _accounts(pairs) -> Q:
    """Posts (or contributors) by any of these (network, handle) accounts, handles compared case-insensitively."""
    q = Q(pk__in=[])
    for network, handle in pairs:
        q |= Q(network=network, author__handle__iexact=handle)
    return q


def hidden_accounts() -> Q:
    return _accounts(ScreenHide.objects.filter(kind=ScreenHide.ACCOUNT).values_list("network", "value"))


def hidden_posts() -> Q:
    """Posts editors hid one by one (by address or id), or by a hidden account."""
    q = hidden_accounts()
    for network, value in ScreenHide.objects.filter(kind=ScreenHide.POST).values_list("network", "value"):
        q |= Q(network=network, url=value) | Q(network=network, external_id=value)
    return q


def showable_posts(edition) -> QuerySet[Post]:
    """An edition's posts that may be shown: no reposts, nothing sensitive, nothing hidden."""
    return (
        Post.objects.filter(edition=edition, sensitive=False).exclude(kind=Post.REPOST).exclude(hidden_posts())
    )


def wall_posts(edition, tracking: Tracking | None, limit: int) -> list[Post]:
    """The newest posts the wall may show, as the edition's tracking settings allow."""
    mode = tracking.wall_mode if tracking else Tracking.WALL_APPROVED
    if mode == Tracking.WALL_FIGURES:
        return []
    posts = showable_posts(edition)
    if mode == Tracking.WALL_APPROVED:
        posts = posts.filter(_accounts(ApprovedAccount.objects.values_list("network", "handle")))
    return list(posts.select_related("author").order_by("-created_at", "-pk")[:limit])
