"""Countries, UK nations and time zones an event can be in.

The Day is international but most events are in the UK, so the four UK nations are listed
as places of their own (ISO 3166-2 codes such as ``GB-SCT``): the listing can be filtered
by "United Kingdom" (all four) or by one nation.
"""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

UK_NATIONS = [
    ("GB-ENG", "England"),
    ("GB-SCT", "Scotland"),
    ("GB-WLS", "Wales"),
    ("GB-NIR", "Northern Ireland"),
]

COUNTRIES = [
    ("AR", "Argentina"), ("AU", "Australia"), ("AT", "Austria"), ("BD", "Bangladesh"),
    ("BE", "Belgium"), ("BR", "Brazil"), ("BG", "Bulgaria"), ("CA", "Canada"), ("CL", "Chile"),
    ("CN", "China"), ("CO", "Colombia"), ("HR", "Croatia"), ("CY", "Cyprus"), ("CZ", "Czechia"),
    ("DK", "Denmark"), ("EG", "Egypt"), ("EE", "Estonia"), ("FI", "Finland"), ("FR", "France"),
    ("DE", "Germany"), ("GH", "Ghana"), ("GR", "Greece"), ("HK", "Hong Kong"), ("HU", "Hungary"),
    ("IS", "Iceland"), ("IN", "India"), ("ID", "Indonesia"), ("IE", "Ireland"), ("IL", "Israel"),
    ("IT", "Italy"), ("JM", "Jamaica"), ("JP", "Japan"), ("KE", "Kenya"), ("KR", "Korea, Republic of"),
    ("LV", "Latvia"), ("LT", "Lithuania"), ("LU", "Luxembourg"), ("MY", "Malaysia"), ("MT", "Malta"),
    ("MX", "Mexico"), ("NL", "Netherlands"), ("NZ", "New Zealand"), ("NG", "Nigeria"), ("NO", "Norway"),
    ("PK", "Pakistan"), ("PH", "Philippines"), ("PL", "Poland"), ("PT", "Portugal"), ("RO", "Romania"),
    ("RW", "Rwanda"), ("SA", "Saudi Arabia"), ("SG", "Singapore"), ("SK", "Slovakia"), ("SI", "Slovenia"),
    ("ZA", "South Africa"), ("ES", "Spain"), ("LK", "Sri Lanka"), ("SE", "Sweden"), ("CH", "Switzerland"),
    ("TW", "Taiwan"), ("TZ", "Tanzania"), ("TH", "Thailand"), ("TR", "Türkiye"), ("UG", "Uganda"),
    ("UA", "Ukraine"), ("AE", "United Arab Emirates"), ("US", "United States"), ("VN", "Viet Nam"),
    ("ZM", "Zambia"), ("ZW", "Zimbabwe"),
]

# Stored values: a UK nation code or an ISO 3166-1 alpha-2 country code.
PLACE_CHOICES = [("United Kingdom", UK_NATIONS), ("Other countries", COUNTRIES)]
PLACE_NAMES = dict(UK_NATIONS + COUNTRIES)
UK = "GB"
ENGLAND = "GB-ENG"


def country_code(place: str) -> str:
    """The ISO 3166-1 country code of a stored place: 'GB-SCT' -> 'GB'."""
    return place.split("-", 1)[0] if place else ""


def country_name(place: str) -> str:
    if country_code(place) == UK:
        return "United Kingdom"
    return PLACE_NAMES.get(place, place)


def region_name(place: str) -> str:
    """The UK nation for UK places, empty elsewhere."""
    return PLACE_NAMES.get(place, "") if country_code(place) == UK else ""


def place_label(place: str) -> str:
    region = region_name(place)
    return f"{region}, United Kingdom" if region else country_name(place)


DEFAULT_TIME_ZONE = "Europe/London"

# The zones offered first in the form; any valid IANA zone is accepted.
COMMON_TIME_ZONES = [
    ("Europe/London", "UK (London, Edinburgh, Cardiff, Belfast)"),
    ("Europe/Dublin", "Ireland (Dublin)"),
    ("Europe/Lisbon", "Portugal (Lisbon)"),
    ("Europe/Paris", "Central Europe (Paris, Brussels, Madrid)"),
    ("Europe/Amsterdam", "Netherlands (Amsterdam)"),
    ("Europe/Berlin", "Germany (Berlin)"),
    ("Europe/Rome", "Italy (Rome)"),
    ("Europe/Stockholm", "Sweden (Stockholm)"),
    ("Europe/Oslo", "Norway (Oslo)"),
    ("Europe/Copenhagen", "Denmark (Copenhagen)"),
    ("Europe/Helsinki", "Finland (Helsinki)"),
    ("Europe/Athens", "Greece (Athens)"),
    ("Europe/Istanbul", "Türkiye (Istanbul)"),
    ("Africa/Lagos", "West Africa (Lagos)"),
    ("Africa/Johannesburg", "South Africa (Johannesburg)"),
    ("Africa/Nairobi", "East Africa (Nairobi)"),
    ("Asia/Dubai", "Gulf (Dubai)"),
    ("Asia/Karachi", "Pakistan (Karachi)"),
    ("Asia/Kolkata", "India (Kolkata, Delhi)"),
    ("Asia/Singapore", "Singapore"),
    ("Asia/Hong_Kong", "Hong Kong"),
    ("Asia/Tokyo", "Japan (Tokyo)"),
    ("Australia/Perth", "Australia – Western (Perth)"),
    ("Australia/Adelaide", "Australia – Central (Adelaide)"),
    ("Australia/Brisbane", "Australia – Queensland (Brisbane)"),
    ("Australia/Sydney", "Australia – Eastern (Sydney, Melbourne)"),
    ("Pacific/Auckland", "New Zealand (Auckland)"),
    ("America/St_Johns", "Canada – Newfoundland"),
    ("America/Halifax", "Canada – Atlantic (Halifax)"),
    ("America/Toronto", "Canada – Eastern (Toronto)"),
    ("America/New_York", "US – Eastern (New York)"),
    ("America/Chicago", "US – Central (Chicago)"),
    ("America/Denver", "US – Mountain (Denver)"),
    ("America/Phoenix", "US – Arizona (Phoenix)"),
    ("America/Los_Angeles", "US – Pacific (Los Angeles)"),
    ("America/Vancouver", "Canada – Pacific (Vancouver)"),
    ("America/Anchorage", "US – Alaska"),
    ("Pacific/Honolulu", "US – Hawaii"),
    ("America/Sao_Paulo", "Brazil (São Paulo)"),
    ("America/Mexico_City", "Mexico (Mexico City)"),
    ("UTC", "UTC"),
]


@lru_cache(maxsize=1)
def valid_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def time_zone_choices() -> list[tuple[str, str]]:
    common = {name for name, _ in COMMON_TIME_ZONES}
    others = sorted(z for z in valid_time_zones() if "/" in z and z not in common and not z.startswith(("Etc/", "SystemV/", "US/")))
    return COMMON_TIME_ZONES + [(z, z.replace("_", " ")) for z in others]


def is_valid_time_zone(name: str) -> bool:
    return name in valid_time_zones()


EURO_COUNTRIES = {"AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT",
                  "NL", "PT", "SK", "SI", "ES"}
COUNTRY_CURRENCIES = {
    "GB": "GBP", "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "CH": "CHF", "DK": "DKK", "NO": "NOK",
    "SE": "SEK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "IS": "ISK", "IN": "INR", "PK": "PKR", "JP": "JPY",
    "SG": "SGD", "HK": "HKD", "ZA": "ZAR", "NG": "NGN", "KE": "KES", "AE": "AED", "BR": "BRL", "MX": "MXN",
} | dict.fromkeys(EURO_COUNTRIES, "EUR")


def country_currency(place: str) -> str:
    """The currency people pay in where the event is ('' where the list does not know it)."""
    return COUNTRY_CURRENCIES.get(country_code(place), "")


def split_address(text: str) -> tuple[str, str]:
    """An address typed on several lines as (street address, town): the last line is the town.

    A one-line address is all street address; the organiser gives the town on its own.
    """
    lines = [line.strip().strip(",") for line in (text or "").splitlines() if line.strip()]
    if len(lines) < 2:
        return (lines[0] if lines else "", "")
    return ", ".join(lines[:-1]), lines[-1]
