"""The moderators' daily digest: the dashboard panel's counts by email, with no submitted text.

``manage.py send_moderator_digest`` (daily, ``spd-digest.timer``) or the task of the same name
sends it to everyone ``moderation.moderator_addresses`` names, only when something waits for
review or is due for erasure. Counts only: no title, name or contact detail, since an inbox is
less safe than the admin.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from campaign.site_address import absolute_url
from campaign.submissions.emails import NOTHING_TO_SEND
from campaign.submissions.moderation import notify_moderators
from campaign.submissions.review import QueueSummary, queue_summary


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def compose(summary: QueueSummary) -> tuple[str, str] | None:
    """(subject, body) of the digest, or None when nothing waits and nothing is due."""
    if not summary.waiting and not summary.due_total:
        return None
    lines = []
    if summary.waiting:
        kinds = ", ".join(_plural(count, kind.lower()) for kind, count in summary.kinds)
        lines += [
            f"{_plural(len(summary.waiting), 'submission')} {'is' if len(summary.waiting) == 1 else 'are'} "
            f"waiting for review: {kinds}.",
            f"{summary.with_safeguarding} with safeguarding flags, {summary.with_personal_data} with possible "
            f"personal data. The oldest has waited {_plural(summary.oldest_days, 'day')}.",
        ]
    else:
        lines.append("Nothing is waiting for review.")
    due = [f"- {what}: {count}" for what, count in summary.due if count]
    if due:
        lines += ["", f"Due for erasure in the next {summary.within_days} days:", *due]
    else:
        lines.append(f"Due for erasure in the next {summary.within_days} days: nothing.")
    lines += [
        "",
        f"See them on the admin dashboard: {absolute_url('/admin/')}",
        "This email holds counts only; the submissions are in the admin.",
    ]
    flagged = summary.with_safeguarding
    subject = ("[Safeguarding check] " if flagged else "") + (
        f"Moderation: {_plural(len(summary.waiting), 'submission')} waiting"
    )
    return subject, "\n".join(lines)


@task()
def send_moderator_digest() -> str:
    message = compose(queue_summary(timezone.now()))
    if message is None:
        return NOTHING_TO_SEND
    return notify_moderators.call(*message)
