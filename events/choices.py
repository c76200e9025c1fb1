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
