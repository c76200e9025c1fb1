"""Events in people's calendars: RFC 5545 files built with icalendar, and Google/Outlook links.

Times are written in UTC (unambiguous in every calendar app); UIDs are stable for the life
of an event; SEQUENCE comes from the page's counter, raised on each published change, so
subscribed calendars replace their copy; cancelled events stay in with STATUS:CANCELLED.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vText, vUri

from campaign.site_address import page_url, site_url
from events import places
from events.models import EventPage
from events.text import plain_summary

PRODID = "-//Social Prescribing Day//Events//EN"
CACHE_SECONDS = 24 * 3600


def uid_domain() -> str:
    return settings.EVENTS_UID_DOMAIN or urlsplit(site_url()).hostname or "localhost"


def event_uid(event: EventPage) -> str:
    return f"event-{event.pk}@{uid_domain()}"


def location_text(event: EventPage) -> str:
    """The venue's address; for an online event its joining link if public, else "Online"."""
    if not event.has_venue:
        return event.online_url if event.has_joining_link else "Online"
    parts = [event.venue_name, event.address.replace("\n", ", ").strip(), event.town, event.postcode,
             places.country_name(event.country)]
    return ", ".join(p for p in parts if p)


def online_line(event: EventPage) -> str:
    """How to take part online: the joining link if the organiser made it public, else where to register."""
    if not (event.is_online and event.online_url):
        return ""
    if event.has_joining_link:
        return f"Join online: {event.online_url}"
    return f"Register to get the joining link: {event.online_url}"


def description_text(event: EventPage, url: str) -> str:
    lines = [f"Organised by {event.organisation_name}."]
    if event.cancelled:
        lines.insert(0, "CANCELLED.")
    lines += ["", event.description.strip(), ""]
    if online_line(event):
        lines.append(online_line(event))
    lines.append(f"Cost: {event.cost_text}. {'Booking required.' if event.booking_required else ''}".strip())
    lines.append(f"Details: {url}")
    return "\n".join(lines)


def _vevent(event: EventPage, url: str) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.last_published_at or timezone.now())
    vevent.add("dtstart", event.start.astimezone(UTC))
    vevent.add("dtend", event.end.astimezone(UTC))
    vevent.add("summary", ("Cancelled: " if event.cancelled else "") + event.title)
    vevent.add("description", description_text(event, url))
    location = location_text(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    if event.has_joining_link and not event.cancelled:
        # RFC 7986: calendar apps offer a "Join" button for the meeting.
        vevent.add("conference", vUri(event.online_url),
                   parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Join online"})
    vevent.add("sequence", event.sequence)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("categories", [event.get_event_type_display()])
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    vevent.add("transp", "OPAQUE")
    return vevent


def _cache_key(event: EventPage, url: str) -> str:
    # Any published change moves last_published_at and SEQUENCE, so a changed event gets a new key.
    version = f"{event.pk}:{event.sequence}:{event.last_published_at.timestamp() if event.last_published_at else 0}"
    return f"events:vevent:v2:{version}:{hashlib.sha1(url.encode()).hexdigest()[:12]}"


class _BlockMemo:
    """A bounded in-process memo of VEVENT blocks (about 1 kB each), shared by requests in a worker."""

    def __init__(self, size: int):
        self.size = size
        self.blocks: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        with self.lock:
            return {k: self.blocks[k] for k in keys if k in self.blocks}

    def set_many(self, blocks: dict[str, bytes]) -> None:
        with self.lock:
            self.blocks.update(blocks)
            while len(self.blocks) > self.size:
                self.blocks.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.blocks.clear()


block_memo = _BlockMemo(size=20_000)


def event_blocks(events: Iterable[EventPage], url_for) -> list[bytes]:
    """Each event's VEVENT as icalendar writes it, reused while the event is unchanged.

    icalendar takes a few milliseconds per event, so with thousands of events a feed built
    from scratch takes seconds; after one event changes only that one is written again.
    Blocks are kept in this worker's memory and in the shared cache.
    """
    events = list(events)
    urls = [url_for(event) for event in events]
    keys = [_cache_key(event, url) for event, url in zip(events, urls, strict=True)]
    cached = block_memo.get_many(keys)
    missing = [k for k in keys if k not in cached]
    if missing:
        try:
            cached |= cache.get_many(missing)
        except Exception:  # A cache outage must not take the feed down.
            pass
    blocks, fresh = [], {}
    for event, url, key in zip(events, urls, keys, strict=True):
        block = cached.get(key)
        if block is None:
            block = fresh[key] = _vevent(event, url).to_ical()
        blocks.append(block)
    block_memo.set_many(fresh)
    if fresh:
        try:
            cache.set_many(fresh, timeout=CACHE_SECONDS)
        except Exception:
            pass
    return blocks


def build_calendar(events: Iterable[EventPage], url_for, *, name: str = "Social Prescribing Day events") -> bytes:
    """An iCalendar file for the events; ``url_for(event)`` gives each event's absolute URL."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))
    cal.add("x-published-ttl", "PT6H")
    head = cal.to_ical()
    footer = b"END:VCALENDAR\r\n"
    if not head.endswith(footer):
        raise RuntimeError("Unexpected iCalendar output from icalendar.")
    return head[: -len(footer)] + b"".join(event_blocks(events, url_for)) + footer


def cached_calendar(events, url_for, variant: str) -> bytes:
    """The feed for a queryset of events, rebuilt only when one of them changes.

    The key counts the events and sums their SEQUENCE (raised on every published change),
    so an approval, edit, cancellation or unpublication gives a new feed at once; the
    quarter-hour in the key lets the "recent events" window move on.
    """
    version = events.aggregate(n=Count("pk"), seq=Sum("sequence"), latest=Max("last_published_at"))
    stamp = version["latest"].timestamp() if version["latest"] else 0
    bucket = int(timezone.now().timestamp() // 900)
    key = "events:feed:" + hashlib.sha1(
        f"{variant}|{version['n']}|{version['seq']}|{stamp}|{bucket}".encode()
    ).hexdigest()
    try:
        body = cache.get(key)
    except Exception:
        body = None
    if body is None:
        body = build_calendar(events, url_for)
        try:
            cache.set(key, body, timeout=900)
        except Exception:
            pass
    return body


def _utc_compact(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def add_to_calendar_links(event: EventPage) -> dict[str, str]:
    """Links to add the event to Google Calendar and Outlook, plus the .ics download.

    None for a cancelled event: nobody should add it to their calendar.
    """
    if event.cancelled:
        return {}
    url = page_url(event)
    details = "\n\n".join(p for p in [plain_summary(event.description, 600), online_line(event), url] if p)
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
