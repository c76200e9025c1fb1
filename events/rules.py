"""The rules an event listing must meet, shared by the public form and the admin.

Pure functions of an event's values: no queries, so forms, models and tests call them alike.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from events import places
from events.choices import HYBRID, IN_PERSON, ONLINE

MAX_DURATION = timedelta(days=14)
MAX_AHEAD = timedelta(days=2 * 365 + 1)


def max_links() -> int:
    return settings.EVENTS_MAX_LINKS


def event_errors(event, *, check_dates_against_now: bool = True, now: datetime | None = None) -> dict[str, str]:
    """Field -> message for everything wrong with an event's values (empty when it is fine).

    Dates are checked against now only for public submissions and edits: editors may keep
    past events accurate in the admin.
    """
    errors: dict[str, str] = {}
    now = now or timezone.now()
    if event.time_zone and not places.is_valid_time_zone(event.time_zone):
        errors["time_zone"] = "Choose a time zone from the list."
    start, end = event.start, event.end
    if start and end:
        if end <= start:
            errors["end"] = "The end must be after the start."
        elif end - start > MAX_DURATION:
            errors["end"] = "An event can last at most 14 days. For a longer programme, list its sessions as separate events."
    if start and check_dates_against_now:
        if start < now:
            errors["start"] = "The start is in the past. Please check the date and time."
        elif start > now + MAX_AHEAD:
            errors["start"] = "Events can be listed up to 2 years ahead. Please check the year."
    if event.format in (ONLINE, HYBRID) and not event.online_url:
        errors["online_url"] = "Online and hybrid events need a joining or registration link."
    if event.format in (IN_PERSON, HYBRID):
        if not event.venue_name:
            errors["venue_name"] = "In-person and hybrid events need a venue name."
        if not event.postcode and not event.address:
            errors["postcode"] = "Give the postcode or area so people can find the venue."
        if not (event.town or "").strip():
            errors["town"] = "Give the town or city the venue is in."
        if not event.country:
            errors["country"] = "Choose the country (or UK nation) the venue is in."
    if not event.is_free:
        amount = event.price_amount
        if amount is None:
            errors["price_amount"] = "Give the price of a place in numbers (for example 5 or 12.50), or tick 'Free'."
        elif amount <= 0:
            errors["price_amount"] = "The price must be more than 0. If the event costs nothing, tick 'Free'."
        if not event.currency:
            errors["currency"] = "Choose the currency people pay in."
    return errors

