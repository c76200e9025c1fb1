"""The one interface every network sits behind, and the faults a provider may raise.

A provider turns a network's pages into normalised records and cursor states; it never
touches the database. The tracker (campaign/reach/tracker.py) decides about retries,
budgets and storing, so adding a network means writing one class like these.
"""

from __future__ import annotations

import html
import re
from abc import ABC, abstractmethod
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from ..records import Page, Stream


class ProviderError(Exception):
    """A fault that ends this stream's walk for the run (the cursor stays where it was)."""


class RateLimited(ProviderError):
    def __init__(self, message: str, reset_at: float | None = None):
        super().__init__(message)
        self.reset_at = reset_at


class Transient(ProviderError):
    """5xx, timeouts, dropped connections: worth retrying after a pause."""


class AuthFailed(ProviderError):
    """401/403: the credentials are wrong or revoked; the network is switched off for the edition."""


class ServerRefused(ProviderError):
    """401/403 from one server of a network (a Mastodon server that requires sign-in):
    that server alone is switched off for the edition."""

    def __init__(self, message: str, server: str):
        super().__init__(message)
        self.server = server


class Malformed(ProviderError):
    """The payload is not what the network documents: log it, skip it, keep the cursor."""


class Provider(ABC):
    network: str = ""
    #: Smallest page the network lets us ask for (X: 10); the budget stops below it.
    min_page: int = 1
    #: Keep the largest metric seen rather than the last (Mastodon's per-server copies).
    keep_highest: bool = False
    #: Posts one metrics lookup asks for (0: the network has no lookup).
    lookup_batch: int = 0

    @abstractmethod
    def streams(self, tracking) -> list[Stream]:
        """The (server, hashtag) walks for this edition."""

    @abstractmethod
    def fetch(self, tracking, stream: Stream, state: dict, *, limit: int | None = None) -> Page:
        """Read the page after ``state``; return its records and the state after it."""

    def lookup(self, posts: list) -> Page:
        """The current version of stored posts (``Post`` rows), to read their metrics again.

        The tracker calls it only for providers that set ``lookup_batch``; one that sets it
        must override this."""
        raise TypeError(f"{type(self).__name__} sets lookup_batch but has no lookup().")

    def end_walk(self, state: dict) -> dict:
        """The cursor to save when a walk is stopped early (e.g. a page token came back
        twice): by default the state as it stands."""
        return state

    def budget_remaining(self, read_this_run: int) -> int | None:
        """Posts that may still be read in this run, or None when the network does not charge."""
        return None

    def volume(self, tracking) -> list[tuple[datetime, int]] | None:
        """Hourly post counts as the network itself reports them, if it offers that."""
        return None

    def close(self) -> None:
        return None


def parse_time(value) -> datetime:
    """An ISO 8601 timestamp from a payload, as an aware UTC datetime (raises Malformed)."""
    if not isinstance(value, str) or not value:
        raise Malformed(f"missing timestamp: {value!r}")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise Malformed(f"bad timestamp: {value!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_TAG = re.compile(r"<br\s*/?>|</p>", re.I)
_ANY_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Mastodon's post HTML as plain text (line breaks kept), for display with autoescaping."""
    text = _TAG.sub("\n", markup or "")
    text = _ANY_TAG.sub("", text)
    return html.unescape(text).strip()


def reset_from_headers(headers, now: float) -> float | None:
    """The epoch second a rate limit resets, from whichever header the network sends."""
    for name in ("x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset"):
        value = headers.get(name)
        if not value:
            continue
        value = value.strip()
        try:
            number = float(value)
        except ValueError:
            try:
                return parse_time(value).timestamp()
            except Malformed:
                continue
        # Some networks send seconds to wait rather than an epoch time.
        return now + number if number < 10**9 else number
    retry_after = headers.get("retry-after")
    if retry_after:
        try:
            return now + float(retry_after)
        except ValueError:
            try:
                return parsedate_to_datetime(retry_after).timestamp()
            except (TypeError, ValueError):
                return None
    return None


def check_http(response: httpx.Response, now: float) -> None:
    """Map an httpx response's status to the provider faults."""
    status = response.status_code
    if status == 429:
        raise RateLimited(f"429 from {response.request.url.host}", reset_from_headers(response.headers, now))
    if status in (401, 403):
        raise AuthFailed(f"{status} from {response.request.url.host}: {_error_text(response)}")
    if status >= 500:
        raise Transient(f"{status} from {response.request.url.host}")
    if status >= 400:
        raise ProviderError(f"{status} from {response.request.url.host}: {_error_text(response)}")


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict):
        parts = [str(body[k]) for k in ("error", "message", "detail", "title") if body.get(k)]
        return (": ".join(parts) or str(body))[:200]
    return str(body)[:200]


def json_of(response: httpx.Response):
    try:
        return response.json()
    except ValueError as exc:
        raise Malformed(f"invalid JSON from {response.request.url.host}") from exc


def http_get(client: httpx.Client, url: str, *, now: float, **kwargs) -> httpx.Response:
    try:
        response = client.get(url, **kwargs)
    except httpx.TimeoutException as exc:
        raise Transient(f"timeout: {url}") from exc
    except httpx.RequestError as exc:
        # Refused, reset, or dropped mid-body (RemoteProtocolError): worth another try.
        raise Transient(f"connection failed: {url}: {exc.__class__.__name__}: {exc}") from exc
    check_http(response, now)
    return response
