"""Safeguarding flags kept as a record: raised when a submission arrives, kept until it is erased.

The review panels compute flags from today's text, so once a moderator redacts the words that
raised one, the live flag is gone. ``record_flags`` keeps a ``RecordedFlag`` for each risk
flag raised at submission: its category and where it was raised (the kernel's own labels, never
the submitted words). A moderator acknowledges one (``acknowledge``), which the page history
shows. Records go with the page when the submission is erased (the foreign key cascades), so
withdrawal, the purges and erasure requests need no step of their own.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Page

from campaign.submissions import history
from campaign.submissions.flags import Flag, TextFlags
from campaign.submissions.models import RecordedFlag


def describe(flag: Flag) -> str:
    """Where a flag was raised, in the kernel's words: "Self-harm in what happened"."""
    where = flag.where.lower() if flag.where else "the text"
    return f"{flag.label} in {where}"[:200]


@transaction.atomic
def record_flags(page: Page, flags: TextFlags, now: datetime | None = None) -> list[RecordedFlag]:
    """Keep a record of each risk flag raised by a submission (once per category and place).

    A resubmission that raises the same flag again keeps the first record, with its
    acknowledgement; a new category or place adds a record.
    """
    now = now or timezone.now()
    recorded = []
    for flag in flags.risk:
        record, _ = RecordedFlag.objects.get_or_create(
            page_id=page.pk, kind=RecordedFlag.RISK, category=flag.label[:60], description=describe(flag),
            defaults={"raised_at": now},
        )
        recorded.append(record)
    return recorded


def recorded_flags(page: Page) -> QuerySet[RecordedFlag]:
    return RecordedFlag.objects.filter(page_id=page.pk).select_related("acknowledged_by")


def unacknowledged(page_ids) -> dict[int, int]:
    """How many recorded flags wait for acknowledgement, per page id."""
    counts: dict[int, int] = {}
    for page_id in RecordedFlag.objects.filter(page_id__in=page_ids, acknowledged_at__isnull=True).values_list(
        "page_id", flat=True,
    ):
        counts[page_id] = counts.get(page_id, 0) + 1
    return counts


@transaction.atomic
def acknowledge(flag: RecordedFlag, user, now: datetime | None = None) -> bool:
    """A moderator has read the flag and acted on it; False when someone already had."""
    if flag.is_acknowledged:
        return False
    flag.acknowledged_by = user
    flag.acknowledged_at = now or timezone.now()
    flag.save(update_fields=["acknowledged_by", "acknowledged_at"])
    history.log_flag_acknowledged(flag.page.specific, user, flag.description, flag.acknowledged_at)
    return True
