"""Events in people's calendars: RFC 5545 files built with icalendar, and Google/Outlook links.

Times are written in UTC (unambiguous in every calendar app); UIDs are stable for the life
of an event; SEQUENCE comes from the page's counter, raised on each published change, so
subscribed calendars replace their copy; cancelled events stay in with STATUS:CANCELLED.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from events import places
from events.models import EventPage
from events.text import plain_summary

PRODID = "-//Social Prescribing Day//Events//EN"


def uid_domain() -> str:
    return getattr(settings, "EVENTS_UID_DOMAIN", "") or urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event: EventPage) -> str:
    return f"event-{event.pk}@{uid_domain()}"


def location_text(event: EventPage) -> str:
    if not event.has_venue:
        return event.online_url
    parts = [event.venue_name, event.address.replace("\n", ", ").strip(), event.postcode,
             places.country_name(event.country)]
    return ", ".join(p for p in parts if p)


def description_text(event: EventPage, url: str) -> str:
    lines = [f"Organised by {event.organisation_name}."]
    if event.cancelled:
        lines.insert(0, "CANCELLED.")
    lines += ["", event.description.strip(), ""]
    if event.is_online and event.online_url:
        lines.append(f"Join or register: {event.online_url}")
    lines.append(f"Cost: {event.cost_text}. {'Booking required.' if event.booking_required else ''}".strip())
    lines.append(f"Details: {url}")
    return "\n".join(lines)


def _vevent(event: EventPage, url: str, stamp: datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.start.astimezone(UTC))
    vevent.add("dtend", event.end.astimezone(UTC))
    vevent.add("summary", ("Cancelled: " if event.cancelled else "") + event.title)
    vevent.add("description", description_text(event, url))
    location = location_text(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("sequence", event.sequence)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("categories", [event.get_event_type_display()])
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    vevent.add("transp", "OPAQUE")
    return vevent


def build_calendar(events: Iterable[EventPage], url_for, *, name: str = "Social Prescribing Day events") -> bytes:
    """An iCalendar file for the events; ``url_for(event)`` gives each event's absolute URL."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))
    cal.add("x-published-ttl", "PT6H")
    stamp = timezone.now()
    for event in events:
        cal.add_component(_vevent(event, url_for(event), stamp))
    return cal.to_ical()


def _utc_compact(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def add_to_calendar_links(event: EventPage, request=None) -> dict[str, str]:
    """Links to add the event to Google Calendar and Outlook, plus the .ics download."""
    from django.urls import reverse

    url = event.get_full_url(request)
    details = plain_summary(event.description, 600) + (f"\n\n{url}" if url else "")
    location = location_text(event)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{_utc_compact(event.start)}/{_utc_compact(event.end)}",
            "details": details,
            "location": location,
            "ctz": event.time_zone,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": event.start.astimezone(UTC).isoformat(),
            "enddt": event.end.astimezone(UTC).isoformat(),
            "body": details,
            "location": location,
        }
    )
    return {
        "ics": reverse("events:event_ics", kwargs={"slug": event.slug}),
        "google": google,
        "outlook": outlook,
    }
