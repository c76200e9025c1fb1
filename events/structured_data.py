"""schema.org Event JSON-LD for an event page: public listing facts only, never the organiser's contact.

The fields are those Google recommends for events: a PostalAddress in parts, an offer with a
numeric price in the event's own currency, an image and the organiser with their address on
the web. Every address of the site in it comes from ``campaign.site_address``.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from campaign.cache import public_memo
from campaign.site_address import absolute_url, page_url
from events import places
from events.choices import HYBRID, IN_PERSON, ONLINE
from events.models import EventPage
from events.text import plain_summary

ATTENDANCE = {
    IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
IN_STOCK = "https://schema.org/InStock"
# A cancelled event's places can no longer be had: schema.org's ItemAvailability for that.
DISCONTINUED = "https://schema.org/Discontinued"
IMAGE_SPEC = "fill-1200x630"

# The same escapes as django.utils.html.json_script: the data cannot close its <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def postal_address(event: EventPage) -> dict:
    address = {
        "@type": "PostalAddress",
        "streetAddress": event.address.replace("\n", ", ").strip(),
        "addressLocality": event.town,
        "addressRegion": places.region_name(event.country),
        "postalCode": event.postcode,
        "addressCountry": places.country_code(event.country),
    }
    return {k: v for k, v in address.items() if v}


def offer(event: EventPage, url: str) -> dict:
    """The ticket: free (price 0) or the organiser's price in their currency; not on sale once cancelled."""
    data = {
        "@type": "Offer",
        # Where a place is had: the registration page if there is one, else the event's page.
        "url": url if event.has_joining_link or not (event.is_online and event.online_url) else event.online_url,
        "availability": DISCONTINUED if event.cancelled else IN_STOCK,
    }
    if event.is_free:
        currency = event.currency or places.country_currency(event.country)
        if not currency and event.time_zone == places.DEFAULT_TIME_ZONE:
            currency = "GBP"
        data["price"] = 0
        if currency:
            data["priceCurrency"] = currency
        else:
            del data["price"]  # a price needs its currency; an online event from an unknown country has none
    else:
        if event.price_amount is not None and event.currency:
            data["price"] = float(event.price_amount)
            data["priceCurrency"] = event.currency
        if event.price:
            data["description"] = event.price
    if event.first_published_at:
        data["validFrom"] = event.first_published_at.isoformat()
    return data


def image_url(event: EventPage) -> str:
    """The event's own image, else its edition's share image ("" if neither has one).

    Kept by the worker until public content changes: finding it reads the image's rendition,
    and the edition's image when the event has none (``EventPage.public_edition``).
    """
    return public_memo(f"event-image-url:{event.image_id}:{event.edition_id}", lambda: _image_url(event))


def _image_url(event: EventPage) -> str:
    image = event.image
    if image is None and event.public_edition is not None:
        image = event.public_edition.get_share_image()
    if image is None:
        return ""
    return absolute_url(image.get_rendition(IMAGE_SPEC).url)


def event_data(event: EventPage, url: str, image: str = "") -> dict:
    locations = []
    if event.has_venue:
        locations.append({"@type": "Place", "name": event.venue_name, "address": postal_address(event)})
    if event.is_online and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    organizer = {"@type": "Organization", "name": event.organisation_name}
    if event.organisation_website:
        organizer["url"] = event.organisation_website
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
        "organizer": organizer,
        "offers": offer(event, url),
        "url": url,
    }
    if image:
        data["image"] = [image]
    return data


def to_json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> data block, escaped like json_script."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES))


def event_json_ld(event: EventPage) -> SafeString:
    return to_json_ld(event_data(event, page_url(event), image_url(event)))
