"""What moderators need to see of the review queue: who sent each submission, what waits, what is due.

The kernel does not know stories or events; a submitted page tells it what it needs through
three optional members, as Wagtail pages tell the admin their display title:

- ``submission_kind`` (class attribute): what a moderator calls it, e.g. "Story";
- ``submitted_texts()``: ``[(label, field name, text)]`` for each text the submitter wrote, as
  the apps' review panels flag them;
- ``public_submitter_name()``: the public name it came from (the organisation, the storyteller's
  display name), never a contact detail.

And an app says what its purges will erase soon through the ``register_erasure_due`` hook,
next to its purge: a function returns ``(name, due)``, where ``due(now, within)`` counts what
the app's purge will erase between ``now`` and ``now + within``, from the same settings.

Moderators (and superusers) see this in the dashboard panel and the daily digest; Editors never
do (pending stories' titles are for moderators only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.models import Page, Revision, WorkflowState

from campaign.submissions.flags import flag_texts
from campaign.submissions.models import HeldSubmission, SubmissionWorkflow
from campaign.submissions.moderation import MODERATORS_GROUP
from campaign.submissions.safeguarding import unacknowledged

ERASURE_DUE_HOOK = "register_erasure_due"
PUBLIC_SUBMISSION = "Public submission"


def is_moderator(user) -> bool:
    """Members of the Moderators group, and superusers: those who may read pending submissions."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists()


def submitted_texts(page: Page) -> list[tuple[str, str, str]]:
    texts = getattr(page, "submitted_texts", None)
    return texts() if callable(texts) else []


def submitter_label(page: Page | None) -> str:
    """'Public submission (Age UK Leeds)': who a submission came from, in public terms."""
    if page is None:
        return PUBLIC_SUBMISSION
    specific = page.specific
    name_of = getattr(specific, "public_submitter_name", None)
    name = (name_of() if callable(name_of) else "").strip()
    return f"{PUBLIC_SUBMISSION} ({name})" if name else PUBLIC_SUBMISSION


def kind_of(page: Page) -> str:
    return getattr(page, "submission_kind", "") or page.specific_class._meta.verbose_name.capitalize()


@dataclass
class Waiting:
    page: Page  # the page row (specific); ``latest`` is the version a moderator would approve
    revision_id: int | None
    kind: str
    since: datetime
    held: bool
    personal: int
    risk: int
    recorded_unacknowledged: int
    now: datetime

    @property
    def age_days(self) -> int:
        return max((self.now - self.since).days, 0)

    @cached_property
    def latest(self) -> Page:
        """Built only for the rows shown: a revision is deserialised on demand."""
        return self.page.get_latest_revision_as_object()

    @property
    def submitted_by(self) -> str:
        return submitter_label(self.latest)


@dataclass
class QueueSummary:
    now: datetime
    waiting: list[Waiting]
    due: list[tuple[str, int]]
    within_days: int

    def count(self, kind: str) -> int:
        return sum(1 for item in self.waiting if item.kind == kind)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        seen: dict[str, int] = {}
        for item in self.waiting:
            seen[item.kind] = seen.get(item.kind, 0) + 1
        return sorted(seen.items())

    @property
    def with_personal_data(self) -> int:
        return sum(1 for item in self.waiting if item.personal)

    @property
    def with_safeguarding(self) -> int:
        return sum(1 for item in self.waiting if item.risk or item.recorded_unacknowledged)

    @property
    def oldest_days(self) -> int | None:
        return max((item.age_days for item in self.waiting), default=None)

    @property
    def due_total(self) -> int:
        return sum(count for _, count in self.due)


def _waiting_since() -> dict[int, tuple[datetime, bool]]:
    """Page id -> (waiting since, held) for every submission in the queue or held out of it."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_id__in=SubmissionWorkflow.objects.values("workflow_id"),
    ).values_list("object_id", "created_at")
    since: dict[int, tuple[datetime, bool]] = {int(object_id): (created, False) for object_id, created in states}
    for held in HeldSubmission.objects.filter(released_at__isnull=True).values_list("page_id", "held_at"):
        since.setdefault(held[0], (held[1], True))
    return since


FLAG_COUNTS_KEY = "submissions:flag-counts:{}"
FLAG_COUNTS_SECONDS = 7 * 24 * 3600


def flag_counts(page: Page, revision_saved_at: datetime | None = None) -> tuple[int, int]:
    """(possible personal data, possible risk) in the page's latest version.

    A revision never changes, so the counts (numbers only, nothing of the text) are cached by
    revision (its id and when it was saved): the dashboard does not flag every waiting
    submission's text on every visit.
    """
    key = None
    if page.latest_revision_id and revision_saved_at is not None:
        key = FLAG_COUNTS_KEY.format(f"{page.latest_revision_id}:{revision_saved_at.timestamp()}")
    if key is not None:
        cached = cache.get(key)
        if cached is not None:
            return tuple(cached)
    latest = page.get_latest_revision_as_object()
    flags = flag_texts([(label, text) for label, _, text in submitted_texts(latest)])
    counts = (len(flags.personal), len(flags.risk))
    if key is not None:
        cache.set(key, counts, FLAG_COUNTS_SECONDS)
    return counts


def waiting_submissions(now: datetime) -> list[Waiting]:
    """Every submission waiting for a moderator, oldest first, with its flags and age."""
    since = _waiting_since()
    pages = list(Page.objects.filter(pk__in=since).specific())
    recorded = unacknowledged(since)
    saved_at = dict(Revision.objects.filter(pk__in=[page.latest_revision_id for page in pages])
                    .values_list("pk", "created_at"))
    waiting = []
    for page in pages:
        personal, risk = flag_counts(page, saved_at.get(page.latest_revision_id))
        started, held = since[page.pk]
        waiting.append(Waiting(
            page=page, revision_id=page.latest_revision_id, kind=kind_of(page), since=started, held=held,
            personal=personal, risk=risk, recorded_unacknowledged=recorded.get(page.pk, 0), now=now,
        ))
    waiting.sort(key=lambda item: (item.since, item.page.pk))
    return waiting


def erasure_due(now: datetime, within: timedelta) -> list[tuple[str, int]]:
    """(what, how many) each app's purge will erase before ``now + within``."""
    due = []
    for hook in hooks.get_hooks(ERASURE_DUE_HOOK):
        name, count = hook()
        due.append((name, count(now, within)))
    return due


def queue_summary(now: datetime) -> QueueSummary:
    within = settings.MODERATION_ERASURE_SOON_DAYS
    return QueueSummary(now=now, waiting=waiting_submissions(now), due=erasure_due(now, timedelta(days=within)),
                        within_days=within)
