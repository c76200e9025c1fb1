"""The business rules of a story's life: shared, reviewed, published or rejected, withdrawn.

Views, signal handlers and commands call these functions; they hold the rules. Emails go
through ``stories.tasks``, which this module enqueues and which never calls back here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaign.editions.current import current_edition
from campaign.site_address import absolute_url
from campaign.submissions import emails, tokens
from campaign.submissions.images import neutral_title, store_image
from campaign.submissions.moderation import notify_moderators, submit_for_moderation
from campaign.submissions.safeguarding import record_flags
from campaign.submissions.slugs import unique_slug
from stories import choices, consent
from stories.flags import story_flags
from stories.links import MANAGE_LINK
from stories.models import PAGE_RENDITION, StoryActivity, StoryPage, StorySubmission
from stories.privacy import erase_story_page
from stories.setup import story_index

logger = logging.getLogger(__name__)

# The sender name under which stories.tasks composes storytellers' emails (see campaign.submissions.emails).
STORYTELLER_EMAILS = "stories.storyteller"

PENDING = "pending"
PUBLISHED = "published"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
ERASED = "erased"


class StoriesUnavailable(Exception):
    """No /stories/ page exists yet (the site has no home page)."""


def display_name_for(choice: str, name: str) -> str:
    """The public name: what they typed for a first or chosen name; nothing when anonymous."""
    if choice == choices.ANONYMOUS:
        return ""
    return " ".join((name or "").split())[:40]


def save_photo(clean_file):
    """A Wagtail image from a cleaned upload. Its title and description hold nothing the storyteller
    wrote: their description of the photo is reviewed on the page (``photo_alt_text``)."""
    return store_image(clean_file, title=neutral_title("Story photo"), collection=choices.PHOTO_COLLECTION)


def submission_for_token(token: str) -> StorySubmission | None:
    """The submission a private link names, or None when the link is tampered or revoked."""
    return MANAGE_LINK.find(StorySubmission.objects.select_related("page"), token)


@transaction.atomic
def submit_story(data: dict, photo_file=None) -> StorySubmission:
    """Create the draft story page, its private record, and put it in the moderators' queue.

    The page is never live here: only a moderator's approval publishes it.
    """
    index = story_index()
    if index is None:
        raise StoriesUnavailable
    now = timezone.now()
    photo = save_photo(photo_file) if photo_file else None
    page = StoryPage(
        title=data["title"],
        slug=unique_slug(index, data["title"], fallback="story"),
        display_name=display_name_for(data["display_choice"], data.get("name", "")),
        role=data["role"],
        referral_route=data["referral_route"],
        region=data["region"],
        what_was_going_on=data.get("what_was_going_on", ""),
        what_happened=data["what_happened"],
        what_changed=data.get("what_changed", ""),
        what_was_hard=data.get("what_was_hard", ""),
        photo=photo,
        photo_alt_text=data.get("photo_alt_text", "") if photo else "",
        edition=current_edition(),
        live=False,
    )
    page.activities = list(StoryActivity.objects.filter(slug__in=data.get("activities", [])))
    index.add_child(instance=page)
    submission = StorySubmission.objects.create(
        page=page,
        contact_email=data.get("contact_email", ""),
        display_choice=data["display_choice"],
        consent_publish=bool(data.get("consent_publish")),
        consent_campaign_use=bool(data.get("consent_campaign_use")),
        consent_age=bool(data.get("consent_age")),
        consent_own_story=bool(data.get("consent_own_story")),
        consent_wording=dict(consent.WORDING),
        consented_at=now,
        manage_secret=tokens.new_secret(),
        submitted_at=now,
    )
    queued = submit_for_moderation(page)
    flags = story_flags(page)
    record_flags(page, flags)  # kept after redaction, approval or rejection, until the story is erased
    admin_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    subject = ("[Safeguarding check] " if flags.risk else "") + "A new story is waiting for review"
    body = (
        "A new story has been shared and is waiting for review.\n\n"
        f"Flags: {flags.summary()}.\n"
        f"Review it here: {absolute_url(admin_url)}\n\n"
        "The story and any contact details are only in the admin; please do not forward this email."
    )
    if queued is not None:  # None: held by the hourly ceiling, moderators alerted once.
        transaction.on_commit(lambda: notify_moderators.enqueue(subject, body))
    if submission.contact_email:
        transaction.on_commit(lambda: _email(submission.pk, "received"))
    logger.info("Story submission %s received (flags: %s).", submission.pk, flags.summary())
    return submission


def _email(submission_id: int, kind: str) -> None:
    emails.email_submitter.enqueue(STORYTELLER_EMAILS, submission_id, kind)


@dataclass(frozen=True)
class StoryStatus:
    code: str
    heading: str
    explanation: str


def story_status(submission: StorySubmission) -> StoryStatus:
    """Where a story is now, in words for its storyteller."""
    page = submission.page
    if submission.is_withdrawn:
        return StoryStatus(WITHDRAWN, "Withdrawn", "You withdrew this story. Its text, photo and your "
                           "details have been erased.")
    if page is None:
        return StoryStatus(ERASED, "No longer held", "This story is no longer held on our site.")
    if page.live:
        return StoryStatus(PUBLISHED, "Published", "Your story is on the website. You can withdraw it "
                           "at any time.")
    if submission.rejected_at and not page.workflow_in_progress:
        return StoryStatus(REJECTED, "Not published", "Our moderators decided not to publish this story.")
    return StoryStatus(PENDING, "Waiting for review", "A moderator will read your story, remove anything "
                       "that could identify you or others, and then publish it. This usually takes a few "
                       "working days.")


def version_to_publish(submission: StorySubmission) -> StoryPage | None:
    """The version moderators intend to publish: the page's latest revision, with their edits."""
    page = submission.page
    if page is None:
        return None
    return page.get_latest_revision_as_object()


def preview_photo(submission: StorySubmission):
    """The rendition of the photo the version to be published shows, exactly as its page will,
    or None. Served to the storyteller through their private link (``views.manage_photo``),
    never by a public address before approval."""
    version = version_to_publish(submission)
    if version is None or version.photo is None:
        return None
    return version.photo.get_rendition(PAGE_RENDITION)


@transaction.atomic
def withdraw_story(submission: StorySubmission) -> None:
    """Take the story down at once and erase its text, photo and the storyteller's details.

    Deleting the page deletes every revision, so no copy of the text survives in the history;
    deleting the image deletes its file and renditions. The record keeps only the fact and
    time of withdrawal.
    """
    if submission.is_withdrawn:
        return
    page = submission.page
    if page is not None:
        erase_story_page(page)
        submission.page = None
    now = timezone.now()
    submission.withdrawn_at = now
    submission.content_erased_at = now
    _erase_private_fields(submission, now)
    submission.save()
    logger.info("Story submission %s withdrawn by its storyteller.", submission.pk)


def _erase_private_fields(submission: StorySubmission, now) -> None:
    submission.contact_email = ""
    submission.rejection_reason = ""
    submission.consent_wording = {}
    if not submission.contact_erased_at:
        submission.contact_erased_at = now


def record_publication(page: StoryPage) -> None:
    """When a story goes live for the first time, note it and tell the storyteller."""
    submission = StorySubmission.objects.filter(page_id=page.pk).first()
    if submission is None or submission.first_published_at:
        return
    submission.first_published_at = timezone.now()
    submission.save(update_fields=["first_published_at"])
    if submission.contact_email:
        transaction.on_commit(lambda: _email(submission.pk, "published"))


def record_rejection(page: StoryPage, reason: str) -> None:
    """A moderator rejected the story: keep their reason for the storyteller and tell them."""
    submission = StorySubmission.objects.filter(page_id=page.pk).first()
    if submission is None:
        return
    submission.rejected_at = timezone.now()
    submission.rejection_reason = (reason or "").strip()[:2000]
    submission.save(update_fields=["rejected_at", "rejection_reason"])
    if submission.contact_email:
        transaction.on_commit(lambda: _email(submission.pk, "rejected"))
