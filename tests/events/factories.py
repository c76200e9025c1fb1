"""Events for tests: one at a time through Wagtail, or many at once (events.demo)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from events.demo import bulk_add_events
from events.models import EventPage, EventSubmission

__all__ = ["bulk_add_events", "event_values", "make_event"]


def event_values(**overrides) -> dict:
    start = overrides.pop("start", None) or (timezone.now() + timedelta(days=30)).replace(microsecond=0)
    values = {
        "title": "Wellbeing walk",
        "event_type": "walk",
        "format": "in_person",
        "organisation_name": "Kirkstall Community Walks",
        "organisation_website": "https://walks.example.org/",
        "description": "A gentle walk along the canal.",
        "start": start,
        "end": start + timedelta(hours=2),
        "time_zone": "Europe/London",
        "venue_name": "Kirkstall Abbey",
        "address": "Abbey Road",
        "town": "Leeds",
        "postcode": "LS5 3EH",
        "country": "GB-ENG",
        "is_free": True,
    }
    values.update(overrides)
    return values


def make_event(index, *, live: bool = True, submission: dict | None = None, **overrides) -> EventPage:
    """An event added through Wagtail; live ones are published through a revision."""
    values = event_values(**overrides)
    values.setdefault("slug", None)
    if not values["slug"]:
        from events.submissions import unique_slug

        values["slug"] = unique_slug(index, values["title"])
    event = EventPage(live=False, **values)
    index.add_child(instance=event)
    if live:
        event.save_revision().publish()
        event.refresh_from_db()
    if submission is not None:
        from campaign.submissions.tokens import new_secret

        EventSubmission.objects.create(
            event=event, contact_name=submission.get("name", "Ada Organiser"),
            contact_email=submission.get("email", "ada@example.org"), secret=new_secret(),
        )
    return event
