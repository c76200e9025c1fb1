"""The events app's constants and choices, in a module that imports nothing of the app.

Models, forms, filters, rules and feeds all read these, so none of them needs another
to learn what an event type or format is.
"""

from __future__ import annotations

EVENT_TYPES = [
    ("webinar", "Webinar"),
    ("workshop", "Workshop"),
    ("talk", "Talk"),
    ("walk", "Walk"),
    ("open_day", "Open day"),
    ("coffee_morning", "Coffee morning"),
    ("fair", "Fair"),
    ("other", "Other"),
]
IN_PERSON, ONLINE, HYBRID = "in_person", "online", "hybrid"
FORMATS = [(IN_PERSON, "In person"), (ONLINE, "Online"), (HYBRID, "Hybrid (in person and online)")]
FORMAT_SHORT = {IN_PERSON: "In person", ONLINE: "Online", HYBRID: "Hybrid"}

# What an online event's link is: the joining link itself, shown publicly (and given to calendars
# as the RFC 7986 CONFERENCE), or a registration page after which people are sent the joining link.
JOINING_LINK, REGISTRATION_LINK = "joining", "registration"
ONLINE_LINK_KINDS = [
    (JOINING_LINK, "A joining link: anyone can join with it, so show it publicly"),
    (REGISTRATION_LINK, "A registration link: people are sent the joining link when they register"),
]

# The currencies a paid event may be priced in (ISO 4217), the UK's first.
CURRENCIES = [
    ("GBP", "£ Pound sterling (GBP)"), ("EUR", "€ Euro (EUR)"), ("USD", "$ US dollar (USD)"),
    ("CAD", "$ Canadian dollar (CAD)"), ("AUD", "$ Australian dollar (AUD)"), ("NZD", "$ New Zealand dollar (NZD)"),
    ("CHF", "Swiss franc (CHF)"), ("DKK", "Danish krone (DKK)"), ("NOK", "Norwegian krone (NOK)"),
    ("SEK", "Swedish krona (SEK)"), ("PLN", "Polish złoty (PLN)"), ("CZK", "Czech koruna (CZK)"),
    ("HUF", "Hungarian forint (HUF)"), ("ISK", "Icelandic króna (ISK)"), ("INR", "Indian rupee (INR)"),
    ("PKR", "Pakistani rupee (PKR)"), ("JPY", "Japanese yen (JPY)"), ("SGD", "Singapore dollar (SGD)"),
    ("HKD", "Hong Kong dollar (HKD)"), ("ZAR", "South African rand (ZAR)"), ("NGN", "Nigerian naira (NGN)"),
    ("KES", "Kenyan shilling (KES)"), ("AED", "UAE dirham (AED)"), ("BRL", "Brazilian real (BRL)"),
    ("MXN", "Mexican peso (MXN)"),
]

# Paths under /events/ that belong to views, so no event may take them as its slug.
RESERVED_SLUGS = {"submit", "manage", "past", "feed", "feed.ics", "feed.rss", "calendar", "embed"}

DESCRIPTION_MAX = 5000

# The listing's "When" filter.
ANY_DATE, ON_THE_DAY, NEXT_WEEK, NEXT_MONTH = "", "day", "week", "month"
WHEN_CHOICES = [
    (ANY_DATE, "Any date"),
    (ON_THE_DAY, "On the Day itself"),
    (NEXT_WEEK, "In the next 7 days"),
    (NEXT_MONTH, "In the next 30 days"),
]
WHEN_DAYS = {NEXT_WEEK: 7, NEXT_MONTH: 30}

# The longest search a visitor may type into the listing.
MAX_QUERY_LENGTH = 200

# How long a finished event stays in the calendar feed, so subscribers see late changes.
FEED_RECENT_DAYS = 30
