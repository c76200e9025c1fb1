"""Resolving a post's country from a place code or a free-text profile location.

Only what can be resolved with confidence counts: an ISO country code from the network, a
country name, a UK nation or a well-known city as the last part of the location
('Leeds, England', 'Toronto, ON, Canada'). 'Earth', 'online' or 'she/her' resolve to nothing.
"""

from __future__ import annotations

import re

COUNTRY_NAMES = {
    "AR": "Argentina", "AU": "Australia", "AT": "Austria", "BE": "Belgium", "BR": "Brazil",
    "CA": "Canada", "CL": "Chile", "CN": "China", "CO": "Colombia", "CZ": "Czechia", "DK": "Denmark",
    "EG": "Egypt", "FI": "Finland", "FR": "France", "DE": "Germany", "GH": "Ghana", "GR": "Greece",
    "HK": "Hong Kong", "IN": "India", "ID": "Indonesia", "IE": "Ireland", "IL": "Israel", "IT": "Italy",
    "JM": "Jamaica", "JP": "Japan", "KE": "Kenya", "KR": "South Korea", "MY": "Malaysia", "MT": "Malta",
    "MX": "Mexico", "NL": "Netherlands", "NZ": "New Zealand", "NG": "Nigeria", "NO": "Norway",
    "PK": "Pakistan", "PH": "Philippines", "PL": "Poland", "PT": "Portugal", "RO": "Romania",
    "SA": "Saudi Arabia", "SG": "Singapore", "ZA": "South Africa", "ES": "Spain", "LK": "Sri Lanka",
    "SE": "Sweden", "CH": "Switzerland", "TW": "Taiwan", "TH": "Thailand", "TR": "Türkiye",
    "UG": "Uganda", "UA": "Ukraine", "AE": "United Arab Emirates", "GB": "United Kingdom",
    "US": "United States", "VN": "Vietnam", "ZW": "Zimbabwe", "IS": "Iceland", "LU": "Luxembourg",
    "HU": "Hungary", "HR": "Croatia", "EE": "Estonia", "LV": "Latvia", "LT": "Lithuania",
}

_ALIASES = {
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "cymru": "GB", "northern ireland": "GB",
    "usa": "US", "u.s.a.": "US", "us": "US", "united states of america": "US", "america": "US",
    "the netherlands": "NL", "holland": "NL", "republic of ireland": "IE", "éire": "IE", "eire": "IE",
    "aotearoa": "NZ", "deutschland": "DE", "españa": "ES", "turkey": "TR", "uae": "AE",
    "south korea": "KR", "korea": "KR", "czech republic": "CZ",
}

_CITIES = {
    # UK cities and regions people write without a country.
    "london": "GB", "manchester": "GB", "birmingham": "GB", "leeds": "GB", "glasgow": "GB",
    "edinburgh": "GB", "cardiff": "GB", "belfast": "GB", "bristol": "GB", "liverpool": "GB",
    "sheffield": "GB", "newcastle": "GB", "newcastle upon tyne": "GB", "nottingham": "GB",
    "leicester": "GB", "brighton": "GB", "oxford": "GB", "cambridge": "GB", "york": "GB",
    "aberdeen": "GB", "dundee": "GB", "swansea": "GB", "plymouth": "GB", "norwich": "GB",
    "cornwall": "GB", "devon": "GB", "yorkshire": "GB", "kent": "GB", "essex": "GB",
    "lancashire": "GB", "cumbria": "GB", "derbyshire": "GB", "somerset": "GB", "hull": "GB",
    "coventry": "GB", "southampton": "GB", "portsmouth": "GB", "exeter": "GB", "bath": "GB",
    # Elsewhere, where social prescribing is active.
    "dublin": "IE", "cork": "IE", "galway": "IE", "toronto": "CA", "vancouver": "CA",
    "montreal": "CA", "montréal": "CA", "ottawa": "CA", "sydney": "AU", "melbourne": "AU",
    "brisbane": "AU", "perth": "AU", "adelaide": "AU", "auckland": "NZ", "wellington": "NZ",
    "new york": "US", "nyc": "US", "boston": "US", "san francisco": "US", "chicago": "US",
    "amsterdam": "NL", "rotterdam": "NL", "berlin": "DE", "paris": "FR", "lisbon": "PT",
    "porto": "PT", "madrid": "ES", "barcelona": "ES", "singapore": "SG", "hong kong": "HK",
    "tokyo": "JP", "seoul": "KR", "oslo": "NO", "stockholm": "SE", "copenhagen": "DK",
    "helsinki": "FI", "cape town": "ZA", "johannesburg": "ZA", "nairobi": "KE", "lagos": "NG",
    "ontario": "CA", "quebec": "CA", "british columbia": "CA", "nsw": "AU", "victoria, australia": "AU",
}

_LOOKUP: dict[str, str] = {name.lower(): code for code, name in COUNTRY_NAMES.items()}
_LOOKUP.update(_ALIASES)
_LOOKUP.update(_CITIES)
_SPLIT = re.compile(r"\s*(?:,|/|\||·|•| - | – )\s*")


def country_name(code: str) -> str:
    return COUNTRY_NAMES.get(code.upper(), code.upper())


def country_from_code(code: str | None) -> str:
    """An ISO 3166-1 alpha-2 code from a network's place data, if it is one we know."""
    code = (code or "").strip().upper()
    return code if code in COUNTRY_NAMES else ""


def country_from_location(location: str | None) -> str:
    """The country of a free-text profile location, or '' when it cannot be resolved."""
    if not location:
        return ""
    text = re.sub(r"[^\w\s,./|·•\-–'()]", " ", location.lower()).strip()
    if not text:
        return ""
    if text in _LOOKUP:
        return _LOOKUP[text]
    parts = [part.strip(" .()") for part in _SPLIT.split(text) if part.strip(" .()")]
    for part in reversed(parts):
        if part in _LOOKUP:
            return _LOOKUP[part]
    return ""
