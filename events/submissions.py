"""What happens when organisers list, change or cancel an event, and when moderators decide.

Public submissions become non-live EventPages in Wagtail's moderation workflow; the private
contact details and the management-link secret go in EventSubmission. Emails to organisers
are sent after the database transaction commits, so nobody is told about a record that
was rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from campaign.site_address import absolute_url
from campaign.submissions import images, slugs, tokens
from campaign.submissions.emails import email_after_commit
from campaign.submissions.moderation import is_held, notify_moderators, submit_for_moderation
from campaign.submissions.safeguarding import record_flags
from campaign.submissions.tokens import PrivateLink
from events.choices import RESERVED_SLUGS
from events.models import EventPage, EventSubmission
from events.panels import event_flags
from events.privacy import IMAGE_COLLECTION
from events.queries import edition_for
from events.setup import ensure_event_index

PUBLIC_FIELDS = [
    "title", "event_type", "format", "description", "organisation_name", "organisation_website", "start", "end",
    "time_zone", "venue_name", "address", "postcode", "country", "online_url", "is_free", "price",
    "booking_required", "accessibility",
]


class EventsUnavailable(RuntimeError):
    """There is no events page to put submissions under (no home page yet)."""


MANAGE_LINK = PrivateLink(
    purpose="event-manage", url_name="events:manage", secret_field="secret",
    max_age_setting="EVENTS_MANAGE_LINK_MAX_AGE",
)


def management_token(submission: EventSubmission) -> str:
    return MANAGE_LINK.token(submission)


def management_url(submission: EventSubmission) -> str:
    return MANAGE_LINK.url(submission)


def submission_for_token(token: str) -> EventSubmission | None:
    """The submission a management link opens, or None for a wrong, expired, tampered or revoked link."""
    return MANAGE_LINK.find(EventSubmission.objects.select_related("event"), token)


def unique_slug(parent, title: str) -> str:
    return slugs.unique_slug(parent, title, fallback="event", reserved=RESERVED_SLUGS)


def store_image(content_file):
    """Save a cleaned upload in the event images' collection under a neutral title: the organiser's
    description of it is reviewed on the page (``image_alt_text``), never stored on the image."""
    return images.store_image(content_file, title=images.neutral_title("Event image"), collection=IMAGE_COLLECTION)


def _apply(event: EventPage, data: dict) -> None:
    for name in PUBLIC_FIELDS:
        if name in data:
            value = data[name]
            setattr(event, name, value.strip() if isinstance(value, str) else value)
    if event.is_free:
        event.price = ""


def _admin_edit_url(event: EventPage) -> str:
    return absolute_url(reverse("wagtailadmin_pages:edit", args=[event.pk]))


def _notify_moderators(event: EventPage, what: str) -> None:
    # No submitted text (title, organiser, contact) in moderators' inboxes: only the admin link.
    body = render_to_string("events/email/moderators.txt", {"what": what, "review_url": _admin_edit_url(event)})
    subject = f"An event listing was {what}"
    transaction.on_commit(lambda: notify_moderators.enqueue(subject, body))


# The sender name under which events.tasks composes organisers' emails (see campaign.submissions.emails).
ORGANISER_EMAILS = "events.organiser"


def _email_organiser(submission: EventSubmission, kind: str) -> None:
    """Tell the organiser (``received``, ``approved``, ``rejected``) from a retried task, after commit."""
    if submission.contact_email:
        email_after_commit(ORGANISER_EMAILS, submission.pk, kind)


@transaction.atomic
def submit_event(data: dict) -> EventSubmission:
    """List a new event from the public form: a draft page in the review queue, nothing public yet."""
    index = ensure_event_index()
    if index is None:
        raise EventsUnavailable("The events page does not exist yet.")
    event = EventPage(slug=unique_slug(index, data["title"]), live=False, owner=None)
    _apply(event, data)
    event.edition = edition_for(event.start)
    if data.get("image"):
        event.image = store_image(data["image"])
        event.image_alt_text = data.get("image_alt", "").strip()
    index.add_child(instance=event)
    submission = EventSubmission.objects.create(
        event=event,
        contact_name=data["contact_name"].strip(),
        contact_email=data["contact_email"].strip(),
        secret=tokens.new_secret(),
    )
    record_flags(event, event_flags(event))  # kept after redaction and the decision, until erased
    if submit_for_moderation(event) is not None:  # None: held by the hourly ceiling, moderators alerted once.
        _notify_moderators(event, "submitted")
    _email_organiser(submission, "received")
    return submission


def current_version(event: EventPage) -> EventPage:
    """The newest version of the listing: a pending edit if there is one, else the page itself."""
    return event.get_latest_revision_as_object()


@transaction.atomic
def update_event(submission: EventSubmission, data: dict) -> EventPage:
    """An organiser's edit: a new revision back in the review queue; the live version stays up."""
    event = EventPage.objects.select_for_update().get(pk=submission.event_id)
    draft = current_version(event)
    _apply(draft, data)
    if data.get("remove_image"):
        draft.image = None
    if data.get("image"):
        draft.image = store_image(data["image"])
    if draft.image_id and data.get("image_alt", "").strip():
        draft.image_alt_text = data["image_alt"].strip()
    if not draft.image_id:
        draft.image_alt_text = ""
    queued = submit_for_moderation(draft)
    record_flags(draft, event_flags(draft))
    submission.rejected_at = None
    submission.rejection_reason = ""
    submission.save(update_fields=["rejected_at", "rejection_reason", "updated_at"])
    if queued is not None:
        _notify_moderators(draft, "changed by its organiser" if event.live else "resubmitted")
    return draft


@transaction.atomic
def cancel_event(submission: EventSubmission) -> EventPage:
    """Cancel a listing at once, without moderation: a published event stays up, marked cancelled.

    Any change waiting for review is withdrawn, so approving it later cannot undo the cancellation.
    """
    event = EventPage.objects.select_for_update().get(pk=submission.event_id)
    state = event.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    if event.cancelled:
        return event
    event.cancelled = True
    if event.live:
        revision = event.save_revision(user=None, log_action=True, clean=False)
        revision.publish(user=None)
    else:
        event.save(update_fields=["cancelled"], clean=False)
    event.refresh_from_db()
    _notify_moderators(event, "cancelled by its organiser")
    return event


@dataclass(frozen=True)
class ListingStatus:
    code: str
    label: str
    reason: str = ""


def listing_status(submission: EventSubmission) -> ListingStatus:
    """Where the organiser's listing stands, in their words."""
    event = submission.event
    state = WorkflowState.objects.active().for_instance(event).first()
    pending = (state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS) or is_held(event)
    if event.cancelled:
        return ListingStatus("cancelled", "Cancelled")
    if submission.rejected_at and not pending:
        return ListingStatus("rejected", "Not approved", submission.rejection_reason)
    if event.live and pending:
        return ListingStatus("published-pending", "Published; your latest changes are waiting for review")
    if event.live:
        return ListingStatus("published", "Published")
    if pending:
        return ListingStatus("pending", "Waiting for review")
    return ListingStatus("draft", "Not published")


def record_rejection(event: EventPage, reason: str) -> None:
    """A moderator declined the listing: remember why and tell the organiser."""
    submission = EventSubmission.objects.filter(event=event).first()
    if submission is None:
        return
    submission.rejected_at = timezone.now()
    submission.rejection_reason = reason
    submission.save(update_fields=["rejected_at", "rejection_reason", "updated_at"])
    _email_organiser(submission, "rejected")


def record_approval(event: EventPage) -> None:
    submission = EventSubmission.objects.filter(event=event).first()
    if submission is None:
        return
    if submission.rejected_at:
        submission.rejected_at = None
        submission.rejection_reason = ""
        submission.save(update_fields=["rejected_at", "rejection_reason", "updated_at"])
    _email_organiser(submission, "approved")
