"""Existing events (and their revisions) get the new fields from what they already say.

- The town: the last line of an address typed on several lines ("Abbey Road\\nLeeds").
- The price and currency: the first amount in the price text ("£5, concessions £2" -> 5 GBP),
  in the currency its symbol or code names, else the currency of the event's country. Text
  that names no amount leaves the price empty for the organiser or a moderator to give.
- What the online link is: a joining link when it is a meeting service's own address (Zoom,
  Teams, Meet, Webex, Whereby, Jitsi), else a registration page, which is never published
  as a calendar's meeting link.

The rules are copied here, not imported, so that this migration keeps its meaning.
"""

import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.db import migrations

EURO = {"AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PT",
        "SK", "SI", "ES"}
COUNTRY_CURRENCIES = {
    "GB": "GBP", "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "CH": "CHF", "DK": "DKK", "NO": "NOK",
    "SE": "SEK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "IS": "ISK", "IN": "INR", "PK": "PKR", "JP": "JPY",
    "SG": "SGD", "HK": "HKD", "ZA": "ZAR", "NG": "NGN", "KE": "KES", "AE": "AED", "BR": "BRL", "MX": "MXN",
} | dict.fromkeys(EURO, "EUR")
CODES = set(COUNTRY_CURRENCIES.values())
DOLLAR_COUNTRIES = {"US", "CA", "AU", "NZ", "SG", "HK"}
MEETING_HOSTS = ("zoom.us", "teams.microsoft.com", "teams.live.com", "meet.google.com", "webex.com",
                 "whereby.com", "meet.jit.si")
AMOUNT = re.compile(r"(?P<symbol>[£€$])?\s*(?P<amount>\d{1,6}(?:\.\d{1,2})?)\s*(?P<code>[A-Z]{3})?")


def _country(place):
    return (place or "").split("-", 1)[0]


def _split_address(text):
    lines = [line.strip().strip(",") for line in (text or "").splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    return ", ".join(lines[:-1]), lines[-1]


def _price(text, place):
    match = AMOUNT.search(text or "")
    if match is None:
        return None
    country = _country(place)
    symbol, code = match["symbol"], match["code"] if match["code"] in CODES else None
    if code:
        currency = code
    elif symbol == "£":
        currency = "GBP"
    elif symbol == "€":
        currency = "EUR"
    elif symbol == "$":
        currency = COUNTRY_CURRENCIES[country] if country in DOLLAR_COUNTRIES else "USD"
    else:
        currency = COUNTRY_CURRENCIES.get(country, "")
    amount = Decimal(match["amount"])
    if amount <= 0:
        return None
    rest = (text[: match.start()] + text[match.end():]).strip(" ,;")
    return amount, currency, rest


def _is_meeting_link(url):
    host = (urlsplit(url or "").hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in MEETING_HOSTS)


def filled(values):
    """The new fields' values for an event's (or revision's) values: only those to change."""
    changes = {}
    if values.get("format") in ("in_person", "hybrid") and not values.get("town"):
        split = _split_address(values.get("address"))
        if split:
            changes["address"], changes["town"] = split
    if not values.get("is_free", True) and values.get("price_amount") in (None, ""):
        price = _price(values.get("price"), values.get("country"))
        if price:
            amount, currency, rest = price
            changes["price_amount"], changes["price"] = amount, rest
            if currency:
                changes["currency"] = currency
    if values.get("online_url") and _is_meeting_link(values["online_url"]):
        changes["online_link_kind"] = "joining"
    return changes


FIELDS = ["format", "address", "town", "is_free", "price", "price_amount", "country", "online_url"]


def fill(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for event in EventPage.objects.only("pk", *FIELDS):
        changes = filled({name: getattr(event, name) for name in FIELDS})
        if changes:
            EventPage.objects.filter(pk=event.pk).update(**changes)
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).only("pk", "content"):
        content = revision.content or {}
        changes = filled(content)
        if changes:
            content.update({k: str(v) if isinstance(v, Decimal) else v for k, v in changes.items()})
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0004_event_address_price_and_joining_link"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
