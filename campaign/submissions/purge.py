"""The registry of personal-data purges: each app that keeps personal data adds its own.

An app registers a Wagtail hook that returns ``(name, purge)``, where ``purge(now)`` erases
what has been kept long enough and returns its figures (counts only, never personal data)::

    @hooks.register(PURGE_HOOK)
    def register_stories_purge():
        return "stories", privacy.purge_expired

One command (``purge_expired_submissions``) and one task run them all, so the schedule does
not need to know which apps there are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

from wagtail import hooks

PURGE_HOOK = "register_personal_data_purge"

Purge = Callable[[datetime], Any]


def registered_purges() -> list[tuple[str, Purge]]:
    return [hook() for hook in hooks.get_hooks(PURGE_HOOK)]


def purge_everything(now: datetime) -> dict[str, Any]:
    """Run every registered purge; each app's figures under its name."""
    results: dict[str, Any] = {}
    for name, purge in registered_purges():
        outcome = purge(now)
        results[name] = dataclasses.asdict(outcome) if dataclasses.is_dataclass(outcome) else outcome
    return results
