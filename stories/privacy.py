"""How long stories keep personal data, and erasing it when that time is up.

- Rejected stories: after the configured days (30 by default) the contact email, the
  moderator's reason and the story itself (text, photo, revisions) are erased. A rejected
  story has no further use, and its text is personal.
- Never-reviewed stories: a story no moderator approved or rejected within
  STORIES_UNREVIEWED_RETENTION_DAYS (90) is erased like a rejected one. Moderators get one
  email, with a count only, on the day stories reach STORIES_UNREVIEWED_REMINDER_DAYS (14)
  before that (the purge runs daily, so each story is counted once).
- Published stories: the contact email is erased after the configured period (a year by
  default); the story stays, as consented, and can still be withdrawn through the private link.
- Approved or rejected stories keep no revision the public never saw (``forget_drafts``):
  the storyteller's unredacted words do not outlive the moderator's decision.
- Withdrawn stories are erased at once (see services.withdraw_story, which erases the page here).
Rate-limit keys are keyed hashes kept only in the cache and expire with their window.
Nothing here logs an email address or story text: only counts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Site

from campaign.submissions.images import delete_unused_images
from campaign.submissions.moderation import notify_moderators
from campaign.submissions.revisions import keep_only_published
from stories import choices
from stories.models import StoryPage, StorySettings, StorySubmission

logger = logging.getLogger(__name__)


@dataclass
class PurgeReport:
    rejected_erased: int = 0
    published_contacts_erased: int = 0


def retention_settings() -> StorySettings:
    """The StorySettings of the default site (or the model defaults when there is none)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return StorySettings()
    return StorySettings.for_site(site)


@transaction.atomic
def purge_expired(now: datetime) -> PurgeReport:
    """Erase stories' personal data whose retention period ended before ``now``."""
    config = retention_settings()
    report = PurgeReport()
    rejected_before = now - timedelta(days=config.rejected_retention_days)
    rejected = StorySubmission.objects.active().filter(
        rejected_at__lte=rejected_before, content_erased_at__isnull=True
    ).select_related("page")
    for submission in rejected:
        page = submission.page
        if page is not None and (page.live or page.workflow_in_progress):
            continue  # Moderators reconsidered it: it is no longer a rejected story.
        _erase_submission(submission, now)
        report.rejected_erased += 1

    published_before = now - timedelta(days=config.published_contact_retention_days)
    report.published_contacts_erased = (
        StorySubmission.objects.active()
        .filter(first_published_at__lte=published_before)
        .exclude(contact_email="")
        .update(contact_email="", contact_erased_at=now)
    )
    logger.info("Stories purge: %s rejected stories erased, %s contact emails erased.",
                report.rejected_erased, report.published_contacts_erased)
    return report


@transaction.atomic
def purge_unreviewed(now: datetime) -> dict[str, int]:
    """Erase stories no moderator decided on in time, and warn moderators of those soon due."""
    unreviewed = _never_reviewed().filter(
        submitted_at__lte=now - timedelta(days=settings.STORIES_UNREVIEWED_RETENTION_DAYS),
    ).select_related("page")
    erased = 0
    for submission in unreviewed:
        _erase_submission(submission, now)
        erased += 1
    reminded = _remind_moderators(now)
    logger.info("Unreviewed stories purge: %s erased, %s due soon (moderators told).", erased, reminded)
    return {"unreviewed_erased": erased, "unreviewed_reminded": reminded}


def _never_reviewed():
    """Stories still waiting for a first decision: never published, never rejected."""
    return StorySubmission.objects.active().filter(
        page__isnull=False, page__live=False, first_published_at__isnull=True, rejected_at__isnull=True,
        content_erased_at__isnull=True,
    )


def _remind_moderators(now: datetime) -> int:
    """Tell moderators how many stories reached the reminder point in the last day; returns that count."""
    days_left = settings.STORIES_UNREVIEWED_REMINDER_DAYS
    reminder_point = now - timedelta(days=settings.STORIES_UNREVIEWED_RETENTION_DAYS - days_left)
    count = _never_reviewed().filter(
        submitted_at__lte=reminder_point, submitted_at__gt=reminder_point - timedelta(days=1),
    ).count()
    if count:
        subject = "Stories waiting for review will be erased soon"
        body = (
            f"{count} {'story has' if count == 1 else 'stories have'} waited for review for "
            f"{settings.STORIES_UNREVIEWED_RETENTION_DAYS - days_left} days. Unless a moderator approves or "
            f"rejects {'it' if count == 1 else 'them'} within {days_left} days, "
            f"{'it' if count == 1 else 'they'} will be erased.\n\n"
            "See the stories waiting in the admin's review queue."
        )
        transaction.on_commit(lambda: notify_moderators.enqueue(subject, body))
    return count


def _erase_submission(submission: StorySubmission, now: datetime) -> None:
    """Erase the story (page, revisions, photos) and the private details; keep that it existed."""
    if submission.page is not None:
        erase_story_page(submission.page)
        submission.page = None
    submission.contact_email = ""
    submission.rejection_reason = ""
    submission.consent_wording = {}
    submission.contact_erased_at = submission.contact_erased_at or now
    submission.content_erased_at = now
    submission.save()


def erase_story_page(page: StoryPage) -> None:
    """Delete a story page with its revisions and photos, and blank its audit-log labels."""
    page = page.specific
    page_id = page.pk
    images = {page.photo_id} if page.photo_id else set()
    for revision in page.revisions.all():
        photo_id = (revision.content or {}).get("photo")
        if photo_id:
            images.add(photo_id)
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    if page.live:
        page.unpublish(log_action=False)
    # Keep the private record (content-free) but let go of the page before it goes.
    StorySubmission.objects.filter(page_id=page_id).update(page=None)
    page.delete()
    # Audit entries keep the page title as their label; keep the events, drop the words.
    PageLogEntry.objects.filter(page_id=page_id).update(label="Erased story", data={})
    Image = get_image_model()
    for image in Image.objects.filter(pk__in=images, collection__name=choices.PHOTO_COLLECTION):
        image.delete()


def unreviewed_due(now: datetime, within: timedelta) -> int:
    """Stories ``purge_unreviewed`` will erase before ``now + within`` unless a moderator decides."""
    cutoff = now + within - timedelta(days=settings.STORIES_UNREVIEWED_RETENTION_DAYS)
    return _never_reviewed().filter(submitted_at__lte=cutoff).count()


def rejected_due(now: datetime, within: timedelta) -> int:
    """Rejected stories ``purge_expired`` will erase before ``now + within`` (the same rule)."""
    cutoff = now + within - timedelta(days=retention_settings().rejected_retention_days)
    return StorySubmission.objects.active().filter(
        rejected_at__lte=cutoff, content_erased_at__isnull=True, page__live=False,
    ).count()


def contacts_due(now: datetime, within: timedelta) -> int:
    """Storytellers' emails ``purge_expired`` will erase, a period after publication, before ``now + within``."""
    cutoff = now + within - timedelta(days=retention_settings().published_contact_retention_days)
    return StorySubmission.objects.active().filter(first_published_at__lte=cutoff).exclude(contact_email="").count()


UNPUBLISHED_LABEL = "Story not published"


def forget_drafts(page: StoryPage) -> None:
    """After a moderator's decision: drop unpublished revisions, and photos only they used."""
    discarded = keep_only_published(page, unpublished_label=UNPUBLISHED_LABEL)
    delete_unused_images((content.get("photo") for content in discarded), collection=choices.PHOTO_COLLECTION)
