"""Revision history of submitted pages: only what was approved survives a moderator's decision.

Every revision of a submitted page before approval holds the submitter's own words, names and
all, and Wagtail keeps them, with the page's title in audit-log labels, for ever. Once a
moderator decides, the apps call ``keep_only_published``:

- approved (the page is live): every revision but the live one is deleted; workflow task
  states and audit-log entries that pointed at them point at the live revision, and every
  audit-log label shows the published (redacted) title;
- rejected, never published: every revision and the page's workflow history are deleted, and
  the audit log keeps only what happened, under a neutral label. The page row itself, as
  submitted, goes with the rejected-submission purge.

Audit-log data that quotes a discarded title (a rename, say) is emptied. Until the decision,
``label_pending`` keeps the submitted title out of audit-log labels (the site history report).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from wagtail.models import Comment, Page, PageLogEntry, Revision, TaskState, WorkflowState


@transaction.atomic
def keep_only_published(page: Page, *, unpublished_label: str) -> list[dict[str, Any]]:
    """Discard every revision the public never saw; returns the discarded revisions' content.

    The caller uses the content to find files only those revisions used (a swapped photo).
    ``unpublished_label`` is the audit-log label of a page that was never published.
    """
    page = Page.objects.get(pk=page.pk).specific
    live = page.live_revision if page.live else None
    discarded = page.revisions.exclude(pk=live.pk) if live is not None else page.revisions.all()
    contents = [revision.content or {} for revision in discarded]
    kept_label = page.title if live is not None else unpublished_label
    old_titles = {content.get("title", "") for content in contents} | {page.draft_title}
    if live is None:
        old_titles.add(page.title)
    old_titles.discard("")
    old_titles.discard(kept_label)

    discarded_ids = list(discarded.values_list("pk", flat=True))
    if live is not None:
        # The approved revision was saved from the draft, so it still carries the old draft title.
        live.content["draft_title"] = live.content.get("title", page.title)
        live.save(update_fields=["content"])
        TaskState.objects.filter(revision_id__in=discarded_ids).update(revision=live)
        Comment.objects.filter(revision_created_id__in=discarded_ids).update(revision_created=live)
    else:
        WorkflowState.objects.for_instance(page).delete()
    PageLogEntry.objects.filter(page_id=page.pk, revision_id__in=discarded_ids).update(revision=live)
    _relabel_log(page, kept_label, old_titles)
    Revision.objects.filter(pk__in=discarded_ids).delete()
    Page.objects.filter(pk=page.pk).update(
        latest_revision=live, draft_title=page.title if live is not None else kept_label,
    )
    return contents


PENDING_LABEL = "Submission awaiting review"


def label_pending(page: Page) -> None:
    """Audit-log entries of a page under review show a neutral label, not the submitted title.

    A live page's entries keep its published title; ``keep_only_published`` relabels them all
    once a moderator decides.
    """
    row = Page.objects.filter(pk=page.pk).values("live", "title").first()
    entries = PageLogEntry.objects.filter(page_id=page.pk)
    if row and row["live"]:
        entries = entries.exclude(label=row["title"])
    entries.update(label=PENDING_LABEL)


def _relabel_log(page: Page, label: str, old_titles: set[str]) -> None:
    """Every audit-log entry of the page shows ``label``; data quoting an old title is emptied."""
    entries = PageLogEntry.objects.filter(page_id=page.pk)
    entries.update(label=label)
    if not old_titles:
        return
    for entry in entries.exclude(data={}):
        text = json.dumps(entry.data, ensure_ascii=False)
        if any(title in text for title in old_titles):
            entry.data = {}
            entry.save(update_fields=["data"])
