"""Mastodon: the public hashtag timeline on a list of servers, walked forward with min_id.

``min_id`` returns the page immediately after the cursor (``since_id`` would return the
newest page and leave a gap). The first walk starts at the tracking window: Mastodon ids
are time-based (milliseconds << 16), so an id can be made from a date. Posts federate to
many servers, so they are keyed by their ``uri`` and the largest metrics seen are kept.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from urllib.parse import parse_qs, quote, urlparse

import httpx
from django.conf import settings

from ..models import MASTODON, Post
from ..records import AuthorRecord, Page, PostRecord, Stream
from ..rules import post_kind
from .base import (
    AuthFailed,
    Malformed,
    Provider,
    ProviderError,
    ServerRefused,
    Transient,
    html_to_text,
    http_get,
    json_of,
    parse_time,
)

PAGE_SIZE = 40
#: How far back each walk starts before where the last one ended: posts federate late and
#: keep ids made from their created_at, so they land behind a cursor already passed.
OVERLAP = timedelta(minutes=30)


def snowflake_for(moment: datetime) -> str:
    """The smallest Mastodon id for a moment: a min_id that starts a walk there."""
    return str(int(moment.timestamp() * 1000) << 16)


def _id_key(value: str) -> tuple[int, str]:
    return (len(value), value)


def link_min_id(link_header: str) -> str | None:
    """The min_id of the rel="prev" link: where the next forward page starts."""
    for part in (link_header or "").split(","):
        if 'rel="prev"' in part and "<" in part:
            url = part[part.index("<") + 1 : part.index(">")]
            values = parse_qs(urlparse(url).query).get("min_id")
            if values:
                return values[0]
    return None


_STATUS_URI = re.compile(r"^https://([^/]+)/users/[^/]+/statuses/(\d+)$")


def status_api_url(uri: str) -> str | None:
    """Where a Mastodon post's origin server serves it, from its ActivityPub uri (None for
    posts from other software, whose uris have another shape)."""
    match = _STATUS_URI.match(uri or "")
    return f"https://{match[1]}/api/v1/statuses/{match[2]}" if match else None


class MastodonProvider(Provider):
    network = MASTODON
    keep_highest = True
    page_size = PAGE_SIZE
    lookup_batch = 20

    def __init__(self, servers: list[str] | None = None, tokens: dict[str, str] | None = None, *,
                 transport: httpx.BaseTransport | None = None, clock=time.time, timeout: float = 20):
        self.servers = servers if servers is not None else settings.REACH_MASTODON_SERVERS
        self.tokens = tokens if tokens is not None else settings.REACH_MASTODON_TOKENS
        self.clock = clock
        self.client = httpx.Client(
            transport=transport, timeout=timeout, headers={"User-Agent": settings.REACH_USER_AGENT},
            follow_redirects=False,
        )

    def streams(self, tracking) -> list[Stream]:
        """Every (server, tag) walk, but none on a server switched off for the edition."""
        tags = [t.lstrip("#").lower() for t in tracking.hashtag_list]
        off = tracking.servers_off()
        return [Stream(MASTODON, server, tag) for server in self.servers if server not in off for tag in tags]

    def fetch(self, tracking, stream: Stream, state: dict, *, limit: int | None = None) -> Page:
        start, end = tracking.window()
        floor = snowflake_for(start) if start else "0"
        min_id = state.get("min_id") or floor
        if state.get("min_id") and not state.get("walking"):
            # A new walk: start OVERLAP back, never before the window (nor the saved cursor if it is).
            back = (int(min_id) >> 16) - int(OVERLAP.total_seconds() * 1000) << 16
            min_id = str(max(back, min(int(floor), int(min_id))))
        headers = {}
        if self.tokens.get(stream.server):
            headers["Authorization"] = f"Bearer {self.tokens[stream.server]}"
        url = f"https://{stream.server}/api/v1/timelines/tag/{quote(stream.hashtag)}"
        try:
            response = http_get(self.client, url, now=self.clock(), params={"min_id": min_id, "limit": self.page_size},
                                headers=headers)
        except AuthFailed as exc:
            # Since Mastodon 4.5 a server may require sign-in for tag timelines: that server
            # alone goes off; the others go on.
            raise ServerRefused(str(exc), stream.server) from exc
        body = json_of(response)
        if not isinstance(body, list):
            raise Malformed(f"{stream.server} tag timeline is not a list")
        page = Page(read=len(body))
        authors = {}
        newest = None
        for status in body:
            try:
                status_id = str(status["id"])
                if newest is None or _id_key(status_id) > _id_key(newest):
                    newest = status_id
                if status.get("visibility", "public") != "public":
                    continue
                post, author = self.parse_status(status)
            except (KeyError, TypeError, AttributeError, ValueError, Malformed):
                page.skipped += 1
                continue
            page.posts.append(post)
            authors[author.external_id] = author
        page.authors = list(authors.values())
        next_min = link_min_id(response.headers.get("link", "")) or newest
        reached_end = bool(end and page.posts and max(p.created_at for p in page.posts) >= end)
        page.done = len(body) < self.page_size or not next_min or reached_end
        page.state = {"min_id": max(filter(None, [next_min, state.get("min_id")]), key=_id_key, default=min_id)}
        if not page.done:
            page.state["walking"] = True
        return page

    def lookup(self, posts: list) -> Page:
        """Each post re-read from its origin server, which holds its authoritative counts.

        A post gone (404) or a server refusing is passed over; a network fault retries the batch.
        """
        page = Page()
        authors = {}
        for post in posts:
            url = status_api_url(post.external_id)
            if url is None:
                continue
            try:
                response = http_get(self.client, url, now=self.clock())
            except Transient:
                raise
            except ProviderError:
                continue
            try:
                record, author = self.parse_status(json_of(response))
            except (KeyError, TypeError, AttributeError, ValueError, Malformed):
                page.skipped += 1
                continue
            page.read += 1
            page.posts.append(record)
            authors[author.external_id] = author
        page.authors = list(authors.values())
        return page

    @staticmethod
    def parse_status(status: dict) -> tuple[PostRecord, AuthorRecord]:
        account = status["account"]
        profile = account["url"]
        host = urlparse(profile).hostname or ""
        author = AuthorRecord(
            network=MASTODON, external_id=profile, handle=f"@{account['username']}@{host}",
            display_name=account.get("display_name", "") or "", profile_url=profile,
            followers=account.get("followers_count"),
        )
        kind = post_kind(reposts=bool(status.get("reblog")), replies=bool(status.get("in_reply_to_id")),
                         quotes=bool(status.get("quote")))
        # A boost carries its original's counts: it adds no engagement of its own.
        counted = {} if kind == Post.REPOST else status
        post = PostRecord(
            network=MASTODON, external_id=status["uri"], author_id=profile,
            created_at=parse_time(status["created_at"]), url=status.get("url") or status["uri"],
            text=html_to_text(status.get("content", "")), kind=kind, lang=status.get("language") or "",
            likes=int(counted.get("favourites_count") or 0), shares=int(counted.get("reblogs_count") or 0),
            comments=int(counted.get("replies_count") or 0), quotations=int(counted.get("quotes_count") or 0),
            sensitive=bool(status.get("sensitive") or status.get("spoiler_text")),
        )
        return post, author

    def close(self) -> None:
        self.client.close()
