"""The normalised records every provider produces, whatever the network's payload looks like.

Posts and authors are plain (not frozen) dataclasses: a frozen one's __init__ costs four
times as much, and ingest builds two hundred of them for every page of a hundred posts.
Nothing mutates or hashes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class AuthorRecord:
    network: str
    external_id: str
    handle: str
    display_name: str = ""
    profile_url: str = ""
    followers: int | None = None
    location: str = ""


@dataclass
class PostRecord:
    network: str
    external_id: str
    author_id: str
    created_at: datetime
    url: str = ""
    text: str = ""
    kind: str = "original"
    lang: str = ""
    country: str = ""
    likes: int = 0
    shares: int = 0
    comments: int = 0
    quotations: int = 0
    impressions: int | None = None
    #: Marked sensitive or behind a content warning by its author or the network: never on a screen.
    sensitive: bool = False


@dataclass
class Page:
    """One page read from a network: its posts and authors, and the cursor state after it."""

    posts: list[PostRecord] = field(default_factory=list)
    authors: list[AuthorRecord] = field(default_factory=list)
    state: dict = field(default_factory=dict)
    done: bool = True
    read: int = 0
    skipped: int = 0
    #: Posts kept although the network left their author out of the page (shown on the run).
    missing_authors: int = 0
    total_hint: int | None = None


@dataclass(frozen=True)
class Stream:
    """One walk through a network: a (server, hashtag) pair, as the cursor is keyed."""

    network: str
    server: str = ""
    hashtag: str = ""
