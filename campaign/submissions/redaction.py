"""Recognising a moderator's redaction, so the page history can say what was changed and why.

Before Wagtail's edit view saves a submitted page, ``texts_before`` reads the submitter's texts
from the latest version; after the save (and any approval or rejection in the same click),
``log_if_redacted`` compares them with the version now kept and logs ``submissions.redact``:
the parts changed, the flags no longer raised (their labels, never the words) and the reason
typed in the editor.
"""

from __future__ import annotations

from datetime import datetime

from wagtail.models import Page

from campaign.submissions import history
from campaign.submissions.flags import flag_texts
from campaign.submissions.review import submitted_texts
from campaign.submissions.safeguarding import describe

Texts = list[tuple[str, str, str]]


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")).strip()


def texts_before(page: Page) -> Texts:
    return submitted_texts(page.specific.get_latest_revision_as_object())


def changed_parts(before: Texts, after: Texts) -> list[str]:
    now = {label: _normal(text) for label, _, text in after}
    return [label for label, _, text in before if label in now and _normal(text) != now[label]]


def flags_cleared(before: Texts, after: Texts) -> list[str]:
    def raised(texts: Texts) -> list[str]:
        flags = flag_texts([(label, text) for label, _, text in texts])
        return list(dict.fromkeys(describe(flag) for flag in flags.risk + flags.personal))

    still = set(raised(after))
    return [flag for flag in raised(before) if flag not in still]


def log_if_redacted(page: Page, user, before: Texts, reason: str, when: datetime):
    """Log the redaction when the submitted words changed; returns the log entry or None."""
    current = Page.objects.get(pk=page.pk).specific
    after = submitted_texts(current.get_latest_revision_as_object())
    parts = changed_parts(before, after)
    if not parts:
        return None
    return history.log_redaction(current, user, parts, flags_cleared(before, after), reason, when)
