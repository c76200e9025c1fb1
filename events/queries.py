"""Published events as the feeds, the past-events page and other pages read them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from campaign import page_access
from campaign.cache import public_memo
from campaign.editions.current import current_edition
from campaign.editions.models import EditionPage
from events.choices import FEED_RECENT_DAYS
from events.filters import EventFilterForm, apply_filters, for_cards, order_upcoming, upcoming
from events.models import EventPage


def published_events() -> QuerySet[EventPage]:
    return page_access.public(EventPage.objects.live())


def upcoming_for_cards(count: int, day: date | None = None) -> list[EventPage]:
    """The next few events that go ahead, Day events first (the current edition's ``day``,
    looked up when not given), as cards show them."""
    events = order_upcoming(upcoming(published_events().filter(cancelled=False)), day)
    return list(for_cards(events)[:count])


def edition_event_count(edition_id: int) -> int:
    """The edition's published events, counted once per worker until public content changes:
    an edition page asks twice (its link to the events, and its events section)."""
    return public_memo(
        f"edition-event-count:{edition_id}", lambda: published_events().filter(edition_id=edition_id).count()
    )


def feed_events(request, *, since=None, limit: int | None = None) -> QuerySet[EventPage]:
    """Published upcoming and recent events for the feeds, filtered like the listing."""
    form = EventFilterForm(request.GET or None)
    since = since or timezone.now() - timedelta(days=FEED_RECENT_DAYS)
    events = apply_filters(published_events(), form.filters()).filter(end__gte=since).order_by("start", "pk")
    return events[:limit] if limit else events


def edition_for(start: datetime | None) -> EditionPage | None:
    """The edition an event belongs to: the one of its year if there is one, else the current one."""
    if start is not None:
        edition = EditionPage.objects.live().filter(year=timezone.localtime(start).year).first()
        if edition is not None:
            return edition
    return current_edition()
