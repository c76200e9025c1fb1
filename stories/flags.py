"""A story's flags: every part of a story page that will be public once approved, flagged
with the kernel's text flags (``campaign.submissions.flags``)."""

from __future__ import annotations

from campaign.submissions.flags import TextFlags, flag_texts
from stories.choices import STORY_SECTIONS


def story_flags(page) -> TextFlags:
    """Flags for everything on a story page that will be public once approved."""
    parts = [("Title", page.title), ("Name shown", page.display_name), ("Photo description", page.photo_alt_text)]
    parts += [(label, getattr(page, name)) for name, label in STORY_SECTIONS]
    return flag_texts(parts)
