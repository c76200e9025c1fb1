"""A story's flags: every part of a story page that will be public once approved, flagged
with the kernel's text flags (``campaign.submissions.flags``)."""

from __future__ import annotations

from campaign.submissions.flags import TextFlags, flag_texts
from stories.choices import STORY_SECTIONS


def story_texts(page) -> list[tuple[str, str, str]]:
    """(label, field name, text) for everything the storyteller wrote that will be public once approved."""
    parts = [("Title", "title", page.title), ("Name shown", "display_name", page.display_name),
             ("Photo description", "photo_alt_text", page.photo_alt_text)]
    return parts + [(label, name, getattr(page, name)) for name, label in STORY_SECTIONS]


def story_flags(page) -> TextFlags:
    """Flags for everything on a story page that will be public once approved."""
    return flag_texts([(label, text) for label, _, text in story_texts(page)])
