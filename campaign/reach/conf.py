"""The tracker's configuration: Django settings when given, else environment variables.

Kept here rather than in campaign/settings.py so the app carries its own defaults; tests
change any of them with override_settings.
"""

from __future__ import annotations

import os

from django.conf import settings

DEFAULT_MASTODON_SERVERS = "mastodon.social,mastodon.online,mstdn.social,mas.to"


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _tokens(raw: list[str]) -> dict[str, str]:
    pairs = {}
    for item in raw:
        server, _, token = item.partition("=")
        if server.strip() and token.strip():
            pairs[server.strip().lower()] = token.strip()
    return pairs


def get(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    return DEFAULTS[name]()


DEFAULTS = {
    "X_BEARER_TOKEN": lambda: os.environ.get("X_BEARER_TOKEN", ""),
    "REACH_X_MAX_POSTS_PER_RUN": lambda: int(os.environ.get("REACH_X_MAX_POSTS_PER_RUN", "1000")),
    "REACH_X_MAX_POSTS_PER_DAY": lambda: int(os.environ.get("REACH_X_MAX_POSTS_PER_DAY", "10000")),
    "REACH_MASTODON_SERVERS": lambda: [s.lower() for s in _env_list("MASTODON_SERVERS", DEFAULT_MASTODON_SERVERS)],
    "REACH_MASTODON_TOKENS": lambda: _tokens(_env_list("MASTODON_TOKENS")),
    "BLUESKY_HANDLE": lambda: os.environ.get("BLUESKY_HANDLE", ""),
    "BLUESKY_APP_PASSWORD": lambda: os.environ.get("BLUESKY_APP_PASSWORD", ""),
    "BLUESKY_SERVICE": lambda: os.environ.get("BLUESKY_SERVICE", "https://bsky.social"),
    "REACH_USER_AGENT": lambda: os.environ.get(
        "REACH_USER_AGENT", "SocialPrescribingDayReach/1.0 (+https://socialprescribingday.org/stats/)"
    ),
    "REACH_MAX_PAGES_PER_STREAM": lambda: int(os.environ.get("REACH_MAX_PAGES_PER_STREAM", "200")),
    "REACH_EMBED_FRAME_ANCESTORS": lambda: _env_list("REACH_EMBED_FRAME_ANCESTORS", "*"),
    "REACH_STATS_CACHE_SECONDS": lambda: int(os.environ.get("REACH_STATS_CACHE_SECONDS", "30")),
}
