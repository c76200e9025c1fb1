"""How long stories keep personal data, and erasing it when that time is up.

- Rejected stories: after the configured days (30 by default) the contact email, the
  moderator's reason and the story itself (text, photo, revisions) are erased. A rejected
  story has no further use, and its text is personal.
- Published stories: the contact email is erased after the configured period (a year by
  default); the story stays, as consented, and can still be withdrawn through the private link.
- Withdrawn stories are erased at once (see services.withdraw_story, which erases the page here).
Rate-limit keys are keyed hashes kept only in the cache and expire with their window.
Nothing here logs an email address or story text: only counts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Site

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
        if page is not None:
            erase_story_page(page)
            submission.page = None
        submission.contact_email = ""
        submission.rejection_reason = ""
        submission.contact_erased_at = submission.contact_erased_at or now
        submission.content_erased_at = now
        submission.save()
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
