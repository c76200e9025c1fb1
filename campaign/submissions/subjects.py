"""The registry of subject-access and erasure handlers: each app that keeps personal data adds its own.

Someone may ask what the site holds about them, or that it be erased (UK GDPR articles 15
and 17). Submitters have no account: their email address is what ties records to them. An
app registers a Wagtail hook that returns a ``SubjectHandler``::

    @hooks.register(SUBJECT_HOOK)
    def register_stories_subject_handler():
        return SubjectHandler("stories", find=privacy.held_for, erase=privacy.erase_for)

``find(email)`` lists what is held, one dict of plain values per record; ``erase(email)``
erases it and returns how many records it erased. The ``personal_data`` command runs them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wagtail import hooks

SUBJECT_HOOK = "register_personal_data_subject"


@dataclass(frozen=True)
class SubjectHandler:
    name: str
    find: Callable[[str], list[dict[str, Any]]]
    erase: Callable[[str], int]


def subject_handlers() -> list[SubjectHandler]:
    return [hook() for hook in hooks.get_hooks(SUBJECT_HOOK)]


def held_for(email: str) -> dict[str, list[dict[str, Any]]]:
    """What every app holds for this address, under each app's name."""
    return {handler.name: handler.find(email.strip()) for handler in subject_handlers()}


def erase_for(email: str) -> dict[str, int]:
    """Erase what every app holds for this address; how many records each erased."""
    return {handler.name: handler.erase(email.strip()) for handler in subject_handlers()}
