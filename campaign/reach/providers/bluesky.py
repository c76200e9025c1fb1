"""Bluesky: app.bsky.feed.searchPosts by tag, newest first, with an app-password session.

Public search needs a session (com.atproto.server.createSession with BLUESKY_HANDLE and
BLUESKY_APP_PASSWORD). Search results carry no follower counts, so authors are looked up
with app.bsky.actor.getProfiles, 25 at a time. Resuming works like X: the newest time of
a walk becomes the next run's ``since`` only when the walk (cursor pages) has finished.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
from django.conf import settings

from ..models import BLUESKY
from ..records import AuthorRecord, Page, PostRecord, Stream
from ..rules import post_kind
from .base import (
    AuthFailed,
    Malformed,
    Provider,
    ProviderError,
    Transient,
    check_http,
    http_get,
    iso,
    json_of,
    parse_time,
)

PAGE_SIZE = 100
#: How far back each walk starts before the newest post the last one saw (late indexing).
OVERLAP = timedelta(minutes=30)
PROFILE_BATCH = 25
QUOTE_EMBEDS = {"app.bsky.embed.record", "app.bsky.embed.recordWithMedia"}


def iso_ms(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def sort_time(view: dict) -> str:
    """The time search's since/until compare with: the earlier of createdAt and indexedAt."""
    created = view["record"]["createdAt"]
    indexed = view.get("indexedAt") or created
    return min((parse_time(created), created), (parse_time(indexed), indexed))[1]


class BlueskyProvider(Provider):
    network = BLUESKY
    page_size = PAGE_SIZE

    def __init__(self, handle: str | None = None, app_password: str | None = None, *, service: str | None = None,
                 transport: httpx.BaseTransport | None = None, clock=time.time, timeout: float = 20):
        self.handle = handle if handle is not None else settings.BLUESKY_HANDLE
        self.app_password = app_password if app_password is not None else settings.BLUESKY_APP_PASSWORD
        self.service = (service or settings.BLUESKY_SERVICE).rstrip("/")
        self.clock = clock
        self.client = httpx.Client(transport=transport, timeout=timeout, headers={"User-Agent": settings.REACH_USER_AGENT})
        self._token: str | None = None

    # Session -----------------------------------------------------------------------------
    def _login(self) -> str:
        try:
            response = self.client.post(
                f"{self.service}/xrpc/com.atproto.server.createSession",
                json={"identifier": self.handle, "password": self.app_password},
            )
        except httpx.RequestError as exc:
            raise Transient(f"Bluesky login did not answer: {exc.__class__.__name__}") from exc
        if response.status_code in (400, 401) and "AuthenticationRequired" in response.text:
            raise AuthFailed("Bluesky refused the handle or app password (AuthenticationRequired)")
        check_http(response, self.clock())
        body = json_of(response)
        if not isinstance(body, dict) or not body.get("accessJwt"):
            raise Malformed("Bluesky session answer has no accessJwt")
        self._token = body["accessJwt"]
        return self._token

    def _get(self, method: str, params) -> dict:
        for attempt in range(2):
            token = self._token or self._login()
            try:
                response = http_get(
                    self.client, f"{self.service}/xrpc/{method}", now=self.clock(), params=params,
                    headers={"Authorization": f"Bearer {token}"},
                )
            except (AuthFailed, ProviderError) as exc:
                # An expired session comes back as 400/401 ExpiredToken: log in again once.
                if attempt == 0 and "ExpiredToken" in str(exc):
                    self._token = None
                    continue
                raise
            body = json_of(response)
            if not isinstance(body, dict):
                raise Malformed(f"{method} answer is not an object")
            return body
        raise AuthFailed("Bluesky session expired again straight after logging in")

    # Walks -------------------------------------------------------------------------------
    def streams(self, tracking) -> list[Stream]:
        return [Stream(BLUESKY, "", t.lstrip("#")) for t in tracking.hashtag_list]

    def fetch(self, tracking, stream: Stream, state: dict, *, limit: int | None = None) -> Page:
        """One page of a walk from the newest post back to ``since``.

        Bluesky indexes posts late, so each walk starts OVERLAP before the newest post the last
        one saw; what it reads again is stored once. Search stops giving cursors after about
        10,000 results: a full last page without a cursor starts a new slice ending
        (``until``) at the oldest post read so far, until the walk reaches ``since``.
        """
        start, end = tracking.window()
        params = {"q": f"#{stream.hashtag}", "tag": stream.hashtag, "sort": "latest", "limit": self.page_size}
        since = state.get("since")
        if since:
            since = iso(parse_time(since) - OVERLAP)
            if start is not None and since < iso(start):
                since = iso(start)
        elif start is not None:
            since = iso(start)
        if since:
            params["since"] = since
        until = state.get("until") or (iso(end) if end is not None else None)
        if until:
            params["until"] = until
        if state.get("cursor"):
            params["cursor"] = state["cursor"]
        body = self._get("app.bsky.feed.searchPosts", params)
        page, newest, oldest = self.parse_views(body)
        page.total_hint = body.get("hitsTotal") if isinstance(body.get("hitsTotal"), int) else None
        pending = max(filter(None, [state.get("pending_since"), newest]), default=None)
        oldest = min(filter(None, [state.get("oldest"), oldest]), key=parse_time, default=None)
        cursor = body.get("cursor")
        walk = {"since": state.get("since"), "pending_since": pending}
        if cursor and page.read:
            page.state = {**walk, "cursor": cursor, "oldest": oldest}
            if state.get("until"):
                page.state["until"] = state["until"]
            page.done = False
        elif page.read >= self.page_size and oldest and (
            not state.get("until") or parse_time(oldest) < parse_time(state["until"])
        ):
            # The search's cap, not the end: the next slice ends just after the oldest post read.
            page.state = {**walk, "until": iso_ms(parse_time(oldest) + timedelta(milliseconds=1))}
            page.done = False
        else:
            page.state = {"since": max(filter(None, [state.get("since"), pending]), default=None)}
            page.done = True
        return page

    def parse_views(self, body: dict) -> tuple[Page, str | None, str | None]:
        """A page of postViews (searchPosts and getPosts answer alike), its newest and oldest sort times."""
        views = body.get("posts")
        if not isinstance(views, list):
            raise Malformed("answer has no posts list")
        page = Page(read=len(views))
        authors: dict[str, dict] = {}
        newest = oldest = None
        for view in views:
            try:
                post = self.parse_post(view)
                sort_at = sort_time(view)
            except (KeyError, TypeError, AttributeError, ValueError, Malformed):
                page.skipped += 1
                continue
            page.posts.append(post)
            authors[post.author_id] = view["author"]
            if newest is None or parse_time(sort_at) > parse_time(newest):
                newest = sort_at
            if oldest is None or parse_time(sort_at) < parse_time(oldest):
                oldest = sort_at
        page.authors = self.profiles(authors)
        return page, newest, oldest

    lookup_batch = 25

    def lookup(self, posts: list) -> Page:
        """app.bsky.feed.getPosts, 25 uris a call; posts deleted since are simply not answered."""
        body = self._get("app.bsky.feed.getPosts", [("uris", post.external_id) for post in posts])
        page, _newest, _oldest = self.parse_views(body)
        return page

    def end_walk(self, state: dict) -> dict:
        """A walk stopped early: resume next run after the newest post it saw."""
        return {"since": max(filter(None, [state.get("since"), state.get("pending_since")]), default=None)}

    def profiles(self, basics: dict[str, dict]) -> list[AuthorRecord]:
        """Authors with follower counts, from getProfiles in batches of 25."""
        dids = list(basics)
        counts: dict[str, int] = {}
        for i in range(0, len(dids), PROFILE_BATCH):
            body = self._get("app.bsky.actor.getProfiles", [("actors", did) for did in dids[i : i + PROFILE_BATCH]])
            for profile in body.get("profiles") or []:
                if isinstance(profile, dict) and "did" in profile:
                    counts[profile["did"]] = profile.get("followersCount")
        return [
            AuthorRecord(
                network=BLUESKY, external_id=did, handle="@" + basic.get("handle", did),
                display_name=basic.get("displayName", "") or "",
                profile_url=f"https://bsky.app/profile/{basic.get('handle', did)}",
                followers=counts.get(did),
            )
            for did, basic in basics.items()
        ]

    @staticmethod
    def parse_post(view: dict) -> PostRecord:
        record = view["record"]
        author = view["author"]
        uri = view["uri"]
        rkey = uri.rsplit("/", 1)[-1]
        kind = post_kind(replies=bool(record.get("reply")),
                         quotes=(record.get("embed") or {}).get("$type") in QUOTE_EMBEDS)
        langs = record.get("langs") or []
        return PostRecord(
            network=BLUESKY, external_id=uri, author_id=author["did"], created_at=parse_time(record["createdAt"]),
            url=f"https://bsky.app/profile/{author.get('handle') or author['did']}/post/{rkey}",
            text=record.get("text", ""), kind=kind, lang=langs[0] if langs else "",
            likes=int(view.get("likeCount") or 0), shares=int(view.get("repostCount") or 0),
            comments=int(view.get("replyCount") or 0), quotations=int(view.get("quoteCount") or 0),
            # Labels from a moderation service on the view, or the author's own self-labels.
            sensitive=bool(view.get("labels") or (record.get("labels") or {}).get("values")),
        )

    def close(self) -> None:
        self.client.close()
