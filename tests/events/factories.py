"""Events for tests and the bench script: one at a time through Wagtail, or many at once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from events import times
from events.models import EventPage, EventSubmission


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
        "address": "Abbey Road, Leeds",
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


@transaction.atomic
def bulk_add_events(index, count: int, *, start: datetime | None = None, **overrides) -> None:
    """Add ``count`` live events under ``index`` quickly: tree paths computed here, no revisions.

    Wagtail's add_child locks and re-reads the parent for every page, which takes minutes for
    thousands of events; this writes the same rows directly.
    """
    index = Page.objects.get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(EventPage)
    locale = Locale.get_default()
    last = index.get_last_child()
    next_step = (Page._str2int(last.path[-Page.steplen:]) + 1) if last else 1
    start = start or (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    now = timezone.now()
    types = ["webinar", "workshop", "talk", "walk", "open_day", "coffee_morning", "fair", "other"]
    formats = ["in_person", "online", "hybrid"]
    places = ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "IE", "CA", "AU"]
    for n in range(count):
        begins = start + timedelta(hours=7 * n)
        values = event_values(
            title=f"Event number {n}", event_type=types[n % len(types)], format=formats[n % 3],
            country=places[n % len(places)], online_url="https://meet.example.org/x", start=begins,
            end=begins + timedelta(hours=2), is_free=n % 4 != 0, price="" if n % 4 else "£5",
        )
        values.update(overrides)
        slug = f"bulk-event-{next_step + n}"
        event = EventPage(
            **values,
            slug=slug,
            draft_title=values["title"],
            path=index.path + Page._int2str(next_step + n).rjust(Page.steplen, "0"),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            content_type=content_type,
            locale=locale,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            start_date=times.local_date(values["start"], values["time_zone"]),
            end_date=times.local_date(values["end"], values["time_zone"]),
        )
        models.Model.save_base(event)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
