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
from ..rules import post_kind
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

TWEET_FIELDS = [
    "created_at", "public_metrics", "lang", "referenced_tweets", "entities", "geo", "edit_history_tweet_ids",
    "possibly_sensitive",
]
USER_FIELDS = ["public_metrics", "location"]
EXPANSIONS = ["author_id", "geo.place_id"]
PLACE_FIELDS = ["country_code"]
RECENT_SEARCH_DAYS = 7
#: X ids are snowflakes: milliseconds since this epoch, shifted left 22 bits.
SNOWFLAKE_EPOCH_MS = 1288834974657


def search_query(hashtags: list[str]) -> str:
    """One query for all the edition's tags, OR-ed (X matches hashtags case-insensitively)."""
    return " OR ".join(hashtags)


def _bigger_id(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b
    return a if int(a) >= int(b) else b


def id_time(tweet_id: str) -> datetime:
    """When an X id was made (snowflake ids carry their own timestamp)."""
    return datetime.fromtimestamp(((int(tweet_id) >> 22) + SNOWFLAKE_EPOCH_MS) / 1000, tz=UTC)


def next_hour(moment: datetime) -> datetime:
    """The first whole hour at or after ``moment``."""
    hour = moment.replace(minute=0, second=0, microsecond=0)
    return hour if hour == moment else hour + timedelta(hours=1)


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
        except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as exc:
            # A connection dropped mid-body is as passing as a timeout.
            raise Transient(f"X did not answer in full: {exc.__class__.__name__}") from exc
        except ValueError as exc:  # requests' JSONDecodeError
            raise Malformed("invalid JSON from X") from exc

    def search_params(self, tracking, stream: Stream, state: dict, limit: int | None) -> dict | None:
        """The search's parameters, or None when there is no time left to search.

        X refuses since_id with start_time or end_time, and answers 400 to a since_id older
        than its 7-day search window: such a cursor falls back to the window's start_time.
        """
        start, end = self._time_bounds(tracking)
        if end is not None and start >= end:
            return None
        params = {
            "query": stream.hashtag,
            "expansions": EXPANSIONS,
            "tweet_fields": TWEET_FIELDS,
            "user_fields": USER_FIELDS,
            "place_fields": PLACE_FIELDS,
            "max_results": max(self.min_page, min(100, limit or 100)),
        }
        since_id = state.get("since_id")
        window_end = tracking.window()[1]
        closed = window_end is not None and end is not None and window_end <= end
        if since_id and id_time(since_id) > start and not closed:
            params["since_id"] = since_id
        else:
            params["start_time"] = iso(start)
            if end is not None:
                params["end_time"] = iso(end)
        if state.get("next_token"):
            params["next_token"] = state["next_token"]
        return params

    def fetch(self, tracking, stream: Stream, state: dict, *, limit: int | None = None) -> Page:
        params = self.search_params(tracking, stream, state, limit)
        if params is None:
            return Page(state=state, done=True)
        body = self._call(self.client.search_recent_tweets, **params)
        return self.parse_search(body, state)

    lookup_batch = 100

    def lookup(self, posts: list) -> Page:
        """X's tweet lookup, 100 ids a request, each post returned counted against the budget.

        A post is looked up by its latest version's id, the one its stored link ends with;
        the answer is keyed by the first id of its edit history, as it was stored.
        """
        ids = [post.url.rsplit("/", 1)[-1] for post in posts]
        ids = [tweet_id for tweet_id in ids if tweet_id.isdigit()]
        if not ids:
            return Page()
        body = self._call(self.client.get_tweets, ids=ids, expansions=EXPANSIONS, tweet_fields=TWEET_FIELDS,
                          user_fields=USER_FIELDS, place_fields=PLACE_FIELDS)
        if not isinstance(body, dict) or not isinstance(body.get("data", []), list):
            raise Malformed("X lookup answer has the wrong shape")
        data = body.get("data") or []
        page = Page(read=len(data))
        page.posts, page.authors, page.skipped, page.missing_authors = self.parse_tweets(data, body.get("includes") or {})
        return page

    def end_walk(self, state: dict) -> dict:
        """A walk stopped early: resume next run after the newest post it saw."""
        return {"since_id": _bigger_id(state.get("since_id"), state.get("pending_newest"))}

    def parse_search(self, body, state: dict) -> Page:
        if not isinstance(body, dict):
            raise Malformed("X search page is not an object")
        data = body.get("data", [])
        meta = body.get("meta", {})
        includes = body.get("includes", {})
        if not isinstance(data, list) or not isinstance(meta, dict) or not isinstance(includes, dict):
            raise Malformed("X search page has the wrong shape")
        page = Page(read=len(data))
        page.posts, page.authors, page.skipped, page.missing_authors = self.parse_tweets(data, includes)
        pending = state.get("pending_newest") or meta.get("newest_id")
        next_token = meta.get("next_token")
        if next_token and data:
            page.state = {"since_id": state.get("since_id"), "pending_newest": pending, "next_token": next_token}
            page.done = False
        else:
            page.state = {"since_id": _bigger_id(state.get("since_id"), pending)}
            page.done = True
        return page

    def parse_tweets(self, data: list, includes: dict) -> tuple[list[PostRecord], list[AuthorRecord], int, int]:
        """Posts, their authors, malformed items and posts whose author X left out.

        Authors are those who posted: includes.users also holds the people replied to and
        mentioned, who are not contributors. A post whose author is missing is kept, under
        its author's id, and counted so the run shows it. Versions of an edited post are one
        post, keyed by its first id, the latest version kept.
        """
        users = {}
        for user in includes.get("users") or []:
            if isinstance(user, dict) and user.get("id"):
                users[str(user["id"])] = user
        places = {
            str(place["id"]): place.get("country_code") or ""
            for place in includes.get("places") or []
            if isinstance(place, dict) and place.get("id")
        }
        posts: dict[str, tuple[int, PostRecord]] = {}
        authors: dict[str, AuthorRecord] = {}
        skipped = missing = 0
        for tweet in data:
            try:
                author_id = str(tweet["author_id"])
                if author_id not in authors:
                    user = users.get(author_id)
                    authors[author_id] = self.parse_user(user) if user else self.unknown_user(author_id)
                    missing += user is None
                post = self.parse_tweet(tweet, authors[author_id].handle.lstrip("@"), places)
                version = int(tweet["id"])
            except (KeyError, TypeError, AttributeError, ValueError, Malformed):
                skipped += 1
                continue
            seen = posts.get(post.external_id)
            if seen is None or version > seen[0]:
                posts[post.external_id] = (version, post)
        posted = {post.author_id for _v, post in posts.values()}
        return ([post for _v, post in posts.values()], [a for key, a in authors.items() if key in posted],
                skipped, missing)

    @staticmethod
    def parse_user(user: dict) -> AuthorRecord:
        metrics = user.get("public_metrics") or {}
        return AuthorRecord(
            network=X, external_id=str(user["id"]), handle="@" + user["username"],
            display_name=user.get("name", ""), profile_url=f"https://x.com/{user['username']}",
            followers=metrics.get("followers_count"), location=user.get("location", "") or "",
        )

    @staticmethod
    def unknown_user(author_id: str) -> AuthorRecord:
        """An author X named but did not describe: kept by id; followers stay as last seen."""
        return AuthorRecord(network=X, external_id=author_id, handle=f"@i/user/{author_id}",
                            profile_url=f"https://x.com/i/user/{author_id}")

    @staticmethod
    def parse_tweet(tweet: dict, username: str, places: dict[str, str] | None = None) -> PostRecord:
        """One post. A retweet's public_metrics are its original's: it counts as a post and a
        share with no metrics of its own, so the original's engagement is never copied."""
        refs = {ref.get("type") for ref in tweet.get("referenced_tweets") or [] if isinstance(ref, dict)}
        kind = post_kind(reposts="retweeted" in refs, replies="replied_to" in refs, quotes="quoted" in refs)
        metrics = {} if kind == Post.REPOST else (tweet.get("public_metrics") or {})
        history = tweet.get("edit_history_tweet_ids") or [tweet["id"]]
        geo = tweet.get("geo") or {}
        country = ""
        if isinstance(geo, dict):
            country = (places or {}).get(str(geo.get("place_id", "")), "") or geo.get("country_code", "") or ""
        return PostRecord(
            network=X, external_id=str(history[0]), author_id=str(tweet["author_id"]),
            created_at=parse_time(tweet["created_at"]),
            url=f"https://x.com/{username}/status/{tweet['id']}" if not username.startswith("i/") else
            f"https://x.com/i/web/status/{tweet['id']}",
            text=tweet.get("text", ""), kind=kind, lang=tweet.get("lang", "") or "", country=country,
            likes=int(metrics.get("like_count", 0)), shares=int(metrics.get("retweet_count", 0)),
            comments=int(metrics.get("reply_count", 0)), quotations=int(metrics.get("quote_count", 0)),
            impressions=int(metrics["impression_count"]) if metrics.get("impression_count") is not None else None,
            sensitive=bool(tweet.get("possibly_sensitive")),
        )

    def volume(self, tracking) -> list[tuple[datetime, int]]:
        """X's own hourly counts, from the first whole hour X still counts, keyed by hour.

        Starting on a whole hour keeps every bucket on its hour: a bucket read again (the
        current, partial hour) replaces the stored one rather than adding a row beside it.
        """
        tags = tracking.hashtag_list
        if not tags:
            return []
        start, end = self._time_bounds(tracking)
        start = next_hour(start)
        if end is not None and start >= end:
            return []
        params = {"query": search_query(tags), "granularity": "hour", "start_time": iso(start)}
        if end is not None:
            params["end_time"] = iso(end)
        body = self._call(self.client.get_recent_tweets_count, **params)
        if not isinstance(body, dict) or not isinstance(body.get("data", []), list):
            raise Malformed("X counts page has the wrong shape")
        hours: dict[datetime, int] = {}
        for bucket in body.get("data", []):
            try:
                moment = parse_time(bucket["start"]).replace(minute=0, second=0, microsecond=0)
                hours[moment] = hours.get(moment, 0) + int(bucket["tweet_count"])
            except (KeyError, TypeError, ValueError, Malformed):
                continue
        return sorted(hours.items())

    def close(self) -> None:
        self.client.session.close()
