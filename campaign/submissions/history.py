"""Moderators' actions on submissions, in Wagtail's page history (the audit log).

Wagtail logs approvals and rejections itself (``wagtail.workflow.approve`` and ``.reject``,
with the moderator's comment as the reason). What it cannot know is a redaction: a moderator's
edit of the submitted words while the submission waits for review. The kernel logs it as
``submissions.redact``, naming the parts changed and the flags the edit cleared (labels, never
the words), with the reason the moderator gave in the editor; and a safeguarding flag's
acknowledgement as ``submissions.acknowledge_flag``. Both formatters are registered with the
``register_log_actions`` hook (``wagtail_hooks``).
"""

from __future__ import annotations

from datetime import datetime

from wagtail.log_actions import LogFormatter
from wagtail.models import Page, PageLogEntry

REDACT = "submissions.redact"
ACKNOWLEDGE_FLAG = "submissions.acknowledge_flag"


class RedactFormatter(LogFormatter):
    label = "Redact submission"

    def format_message(self, log_entry):
        parts = ", ".join(log_entry.data.get("parts", [])) or "the submitted text"
        message = f"Redacted: {parts.lower()}"
        cleared = log_entry.data.get("flags_cleared", [])
        if cleared:
            message += f". Flags no longer raised: {'; '.join(cleared)}"
        return message

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class AcknowledgeFlagFormatter(LogFormatter):
    label = "Acknowledge safeguarding flag"

    def format_message(self, log_entry):
        return f"Safeguarding flag acknowledged: {log_entry.data.get('flag', '')}"


def register(actions) -> None:
    actions.register_action(REDACT)(RedactFormatter)
    actions.register_action(ACKNOWLEDGE_FLAG)(AcknowledgeFlagFormatter)


def log_redaction(page: Page, user, parts: list[str], flags_cleared: list[str], reason: str,
                  timestamp: datetime) -> PageLogEntry:
    data = {"parts": parts, "flags_cleared": flags_cleared, "reason": reason.strip()[:500]}
    return PageLogEntry.objects.log_action(page, REDACT, user=user, data=data, timestamp=timestamp,
                                           revision=page.latest_revision)


def log_flag_acknowledged(page: Page, user, description: str, timestamp: datetime) -> PageLogEntry:
    return PageLogEntry.objects.log_action(page, ACKNOWLEDGE_FLAG, user=user, data={"flag": description},
                                           timestamp=timestamp)
