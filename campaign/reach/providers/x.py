"""X (Twitter) through tweepy's v2 Client: recent search and hourly counts.

X's read access is paid per post read, so every page asks for no more than the budget
allows, and the tracker stops cleanly when it is spent. tweepy's ``wait_on_rate_limit`` is
off: it loops when X leaves out the reset header, so 429s come back here as RateLimited.

Resuming: search pages run newest to oldest. The first page's ``newest_id`` is remembered
as ``pending_newest`` while ``next_token`` walks back; only when the walk ends does it
become the ``since_id`` of the next run. A crash mid-walk resumes with the saved next_token.
"""

from __future__ import annotations

import functools
import time
from datetime import UTC, datetime, timedelta

import requests
import tweepy
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from ..models import IngestRun, Post, X
from ..records import AuthorRecord, Page, PostRecord, Stream
from .base import (
    AuthFailed,
    Malformed,
    Provider,
    ProviderError,
    RateLimited,
    Transient,
    iso,
    parse_time,
)

TWEET_FIELDS = ["created_at", "public_metrics", "lang", "referenced_tweets", "entities", "geo"]
USER_FIELDS = ["public_metrics", "location"]
RECENT_SEARCH_DAYS = 7
KINDS = {"retweeted": Post.REPOST, "quoted": Post.QUOTE, "replied_to": Post.REPLY}


def search_query(hashtags: list[str]) -> str:
    """One query for all the edition's tags, OR-ed (X matches hashtags case-insensitively)."""
    return " OR ".join(hashtags)


def _bigger_id(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b
    return a if int(a) >= int(b) else b


class XProvider(Provider):
    network = X
    min_page = 10

    def __init__(self, bearer_token: str, *, client: tweepy.Client | None = None, clock=time.time,
                 max_per_run: int | None = None, max_per_day: int | None = None, timeout: float = 20):
        self.client = client or tweepy.Client(bearer_token=bearer_token, return_type=dict, wait_on_rate_limit=False)
        self.client.wait_on_rate_limit = False
        self.client.return_type = dict
        self.client.session.request = functools.partial(self.client.session.request, timeout=timeout)
        self.clock = clock
        self.max_per_run = max_per_run if max_per_run is not None else settings.REACH_X_MAX_POSTS_PER_RUN
        self.max_per_day = max_per_day if max_per_day is not None else settings.REACH_X_MAX_POSTS_PER_DAY

    # Budget ------------------------------------------------------------------------------
    def read_today(self) -> int:
        midnight = timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return IngestRun.objects.filter(network=X, started_at__gte=midnight).aggregate(n=Sum("posts_read"))["n"] or 0

    def budget_remaining(self, read_this_run: int) -> int:
        if read_this_run == 0 or not hasattr(self, "_read_before_run"):
            self._read_before_run = self.read_today()  # refreshed at the start of each edition's run
        return max(0, min(self.max_per_run - read_this_run, self.max_per_day - self._read_before_run - read_this_run))

    # Walks -------------------------------------------------------------------------------
    def streams(self, tracking) -> list[Stream]:
        tags = tracking.hashtag_list
        return [Stream(X, "", search_query(tags))] if tags else []

    def _time_bounds(self, tracking) -> tuple[datetime | None, datetime | None]:
        now = datetime.fromtimestamp(self.clock(), tz=UTC)
        start, end = tracking.window()
        earliest = now - timedelta(days=RECENT_SEARCH_DAYS) + timedelta(minutes=1)
        start = max(start, earliest) if start else earliest
        latest = now - timedelta(seconds=15)
        end = min(end, latest) if end else None
        return start, end

    def _call(self, method, **params):
        try:
            return method(**params)
        except tweepy.TooManyRequests as exc:
            reset = exc.response.headers.get("x-rate-limit-reset")
            raise RateLimited("429 from X", float(reset) if reset and reset.isdigit() else None) from exc
        except (tweepy.Unauthorized, tweepy.Forbidden) as exc:
            raise AuthFailed(f"X refused the bearer token ({exc.response.status_code}): {'; '.join(exc.api_messages) or exc.response.reason}") from exc
        except tweepy.TwitterServerError as exc:
            raise Transient(f"{exc.response.status_code} from X") from exc
        except tweepy.HTTPException as exc:
            raise ProviderError(f"X answered {exc.response.status_code}: {'; '.join(exc.api_messages)}") from exc
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise Transient(f"X did not answer: {exc.__class__.__name__}") from exc
        except ValueError as exc:  # requests' JSONDecodeError
            raise Malformed("invalid JSON from X") from exc

    def fetch(self, tracking, stream: Stream, state: dict, *, limit: int | None = None) -> Page:
        start, end = self._time_bounds(tracking)
        if end is not None and start >= end:
            return Page(state=state, done=True)
        params = {
            "query": stream.hashtag,
            "expansions": ["author_id"],
            "tweet_fields": TWEET_FIELDS,
            "user_fields": USER_FIELDS,
            "max_results": max(self.min_page, min(100, limit or 100)),
        }
        since_id = state.get("since_id")
        if since_id:
            params["since_id"] = since_id
        else:
            params["start_time"] = iso(start)
        if end is not None:
            params["end_time"] = iso(end)
        if state.get("next_token"):
            params["next_token"] = state["next_token"]
        body = self._call(self.client.search_recent_tweets, **params)
        return self.parse_search(body, state)

    def parse_search(self, body, state: dict) -> Page:
        if not isinstance(body, dict):
            raise Malformed("X search page is not an object")
        data = body.get("data", [])
        meta = body.get("meta", {})
        includes = body.get("includes", {})
        if not isinstance(data, list) or not isinstance(meta, dict) or not isinstance(includes, dict):
            raise Malformed("X search page has the wrong shape")
        users = includes.get("users", [])
        page = Page(read=len(data))
        for user in users if isinstance(users, list) else []:
            try:
                metrics = user.get("public_metrics") or {}
                page.authors.append(AuthorRecord(
                    network=X, external_id=str(user["id"]), handle="@" + user["username"],
                    display_name=user.get("name", ""), profile_url=f"https://x.com/{user['username']}",
                    followers=metrics.get("followers_count"), location=user.get("location", "") or "",
                ))
            except (KeyError, TypeError, AttributeError):
                page.skipped += 1
        usernames = {a.external_id: a.handle.lstrip("@") for a in page.authors}
        for tweet in data:
            try:
                page.posts.append(self.parse_tweet(tweet, usernames))
            except (KeyError, TypeError, AttributeError, ValueError, Malformed):
                page.skipped += 1
        pending = state.get("pending_newest") or meta.get("newest_id")
        next_token = meta.get("next_token")
        if next_token and data:
            page.state = {"since_id": state.get("since_id"), "pending_newest": pending, "next_token": next_token}
            page.done = False
        else:
            page.state = {"since_id": _bigger_id(state.get("since_id"), pending)}
            page.done = True
        return page

    @staticmethod
    def parse_tweet(tweet: dict, usernames: dict[str, str]) -> PostRecord:
        author_id = str(tweet["author_id"])
        metrics = tweet.get("public_metrics") or {}
        kind = Post.ORIGINAL
        for ref in tweet.get("referenced_tweets") or []:
            kind = KINDS.get(ref.get("type"), kind)
            if kind == Post.REPOST:
                break
        username = usernames.get(author_id, "i")
        geo = tweet.get("geo") or {}
        return PostRecord(
            network=X, external_id=str(tweet["id"]), author_id=author_id,
            created_at=parse_time(tweet["created_at"]),
            url=f"https://x.com/{username}/status/{tweet['id']}",
            text=tweet.get("text", ""), kind=kind, lang=tweet.get("lang", "") or "",
            country=geo.get("country_code", "") if isinstance(geo, dict) else "",
            likes=int(metrics.get("like_count", 0)), shares=int(metrics.get("retweet_count", 0)),
            comments=int(metrics.get("reply_count", 0)), quotations=int(metrics.get("quote_count", 0)),
            impressions=int(metrics["impression_count"]) if metrics.get("impression_count") is not None else None,
        )

    def volume(self, tracking) -> list[tuple[datetime, int]]:
        tags = tracking.hashtag_list
        if not tags:
            return []
        start, end = self._time_bounds(tracking)
        if end is not None and start >= end:
            return []
        params = {"query": search_query(tags), "granularity": "hour", "start_time": iso(start)}
        if end is not None:
            params["end_time"] = iso(end)
        body = self._call(self.client.get_recent_tweets_count, **params)
        if not isinstance(body, dict) or not isinstance(body.get("data", []), list):
            raise Malformed("X counts page has the wrong shape")
        hours = []
        for bucket in body.get("data", []):
            try:
                hours.append((parse_time(bucket["start"]), int(bucket["tweet_count"])))
            except (KeyError, TypeError, ValueError, Malformed):
                continue
        return hours

    def close(self) -> None:
        self.client.session.close()
