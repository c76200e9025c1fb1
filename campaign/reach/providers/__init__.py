"""The networks the tracker reads, each behind the Provider interface (see base.py)."""

from __future__ import annotations

from django.conf import settings

from ..models import BLUESKY, MASTODON, X
from .base import (
    AuthFailed,
    Malformed,
    Provider,
    ProviderError,
    RateLimited,
    ServerRefused,
    Transient,
)
from .bluesky import BlueskyProvider
from .mastodon import MastodonProvider
from .x import XProvider

__all__ = ["AuthFailed", "Malformed", "Provider", "ProviderError", "RateLimited", "ServerRefused", "Transient", "build_providers"]


def build_providers() -> tuple[dict[str, Provider], dict[str, str]]:
    """Providers for the networks whose credentials are configured, and why the others are not."""
    providers: dict[str, Provider] = {}
    missing: dict[str, str] = {}
    if settings.X_BEARER_TOKEN:
        providers[X] = XProvider(settings.X_BEARER_TOKEN)
    else:
        missing[X] = "X_BEARER_TOKEN is not set"
    if settings.REACH_MASTODON_SERVERS:
        providers[MASTODON] = MastodonProvider()
    else:
        missing[MASTODON] = "MASTODON_SERVERS is empty"
    if settings.BLUESKY_HANDLE and settings.BLUESKY_APP_PASSWORD:
        providers[BLUESKY] = BlueskyProvider()
    else:
        missing[BLUESKY] = "BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are not set"
    return providers, missing
