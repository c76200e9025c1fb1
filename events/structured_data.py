"""schema.org Event JSON-LD for an event page: public listing facts only, never the organiser's contact."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from events import places
from events.choices import HYBRID, IN_PERSON, ONLINE
from events.models import EventPage
from events.text import plain_summary

ATTENDANCE = {
    IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    HYBRID: "https://schema.org/MixedEventAttendanceMode",
}

# The same escapes as django.utils.html.json_script: the data cannot close its <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def event_data(event: EventPage, url: str, image_url: str = "") -> dict:
    locations = []
    if event.has_venue:
        address = {
            "@type": "PostalAddress",
            "streetAddress": event.address.replace("\n", ", ").strip(),
            "postalCode": event.postcode,
            "addressCountry": places.country_code(event.country),
        }
        region = places.region_name(event.country)
        if region:
            address["addressRegion"] = region
        locations.append({"@type": "Place", "name": event.venue_name, "address": {k: v for k, v in address.items() if v}})
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": plain_summary(event.description, 500),
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventAttendanceMode": ATTENDANCE.get(event.format, ATTENDANCE[IN_PERSON]),
        "eventStatus": "https://schema.org/EventCancelled" if event.cancelled else "https://schema.org/EventScheduled",
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {"@type": "Organization", "name": event.organisation_name}
        | ({"url": event.organisation_website} if event.organisation_website else {}),
        "url": url,
    }
    offer = {"@type": "Offer", "url": event.online_url or url, "availability": "https://schema.org/InStock"}
    if event.is_free:
        offer |= {"price": "0", "priceCurrency": "GBP" if places.country_code(event.country) in ("GB", "") else ""}
        offer = {k: v for k, v in offer.items() if v}
    else:
        offer["description"] = event.price
    data["offers"] = offer
    if image_url:
        data["image"] = [image_url]
    return data


def to_json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> data block, escaped like json_script."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES))


def event_json_ld(event: EventPage, request=None) -> SafeString:
    url = event.get_full_url(request) or ""
    image_url = ""
    if event.image_id:
        rendition = event.image.get_rendition("fill-1200x630")
        image_url = request.build_absolute_uri(rendition.url) if request else rendition.url
    return to_json_ld(event_data(event, url, image_url))
