"""The networks the tracker reads, each behind the Provider interface (see base.py)."""

from __future__ import annotations

from .. import conf
from ..models import BLUESKY, MASTODON, X
from .base import AuthFailed, Malformed, Provider, ProviderError, RateLimited, Transient

__all__ = ["AuthFailed", "Malformed", "Provider", "ProviderError", "RateLimited", "Transient", "build_providers"]


def build_providers() -> tuple[dict[str, Provider], dict[str, str]]:
    """Providers for the networks whose credentials are configured, and why the others are not."""
    providers: dict[str, Provider] = {}
    missing: dict[str, str] = {}
    if conf.get("X_BEARER_TOKEN"):
        from .x import XProvider

        providers[X] = XProvider(conf.get("X_BEARER_TOKEN"))
    else:
        missing[X] = "X_BEARER_TOKEN is not set"
    if conf.get("REACH_MASTODON_SERVERS"):
        from .mastodon import MastodonProvider

        providers[MASTODON] = MastodonProvider()
    else:
        missing[MASTODON] = "MASTODON_SERVERS is empty"
    if conf.get("BLUESKY_HANDLE") and conf.get("BLUESKY_APP_PASSWORD"):
        from .bluesky import BlueskyProvider

        providers[BLUESKY] = BlueskyProvider()
    else:
        missing[BLUESKY] = "BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are not set"
    return providers, missing
