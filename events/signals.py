"""Wagtail signals that keep feeds and organisers up to date with moderators' decisions."""

from __future__ import annotations

from django.db.models.signals import pre_delete
from wagtail.signals import page_published, task_rejected, workflow_approved

from events.models import EventPage
from events.privacy import forget_drafts, forget_images_later
from events.submissions import record_approval, record_rejection


def _event_of(workflow_state) -> EventPage | None:
    page = workflow_state.content_object
    specific = getattr(page, "specific", page)
    return specific if isinstance(specific, EventPage) else None


def bump_sequence(sender, instance, **kwargs) -> None:
    """Every published change raises SEQUENCE so subscribed calendars replace their copy."""
    instance.increment_sequence()


def email_approval(sender, instance, user=None, **kwargs) -> None:
    event = _event_of(instance)
    if event is not None:
        event.refresh_from_db()
        record_approval(event)
        forget_drafts(event)


def email_rejection(sender, instance, user=None, **kwargs) -> None:
    """The reviewer's comment on 'Request changes' is the reason the organiser is sent."""
    event = _event_of(instance.workflow_state)
    if event is not None:
        record_rejection(event, (instance.get_comment() or "").strip())
        forget_drafts(event)


def delete_images(sender, instance, **kwargs) -> None:
    """A deleted event's image is the organiser's upload: it goes too, unless another page uses it."""
    forget_images_later(instance)


def connect() -> None:
    page_published.connect(bump_sequence, sender=EventPage, dispatch_uid="events.bump_sequence")
    workflow_approved.connect(email_approval, dispatch_uid="events.email_approval")
    task_rejected.connect(email_rejection, dispatch_uid="events.email_rejection")
    pre_delete.connect(delete_images, sender=EventPage, dispatch_uid="events.delete_images")
