"""The events' part of an edition's results report: what was listed, where and how."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse

from campaign.editions import days
from campaign.editions.results import Breakdown, Figure, ResultsSection, counted

from . import maps, places
from .choices import EVENT_TYPES, FORMAT_SHORT, HYBRID, ONLINE
from .models import EventPage

LISTED_NOTE = (
    "Events and webinars published on the site for this year's Day after a moderator approved them, "
    "including those their organisers later cancelled; listings that were never approved are not counted."
)


def events_section(edition) -> ResultsSection:
    listed = EventPage.objects.live().filter(edition=edition)
    rows = list(listed.values_list("event_type", "format", "country", "cancelled", "is_demo"))
    types = dict(EVENT_TYPES)
    online = sum(1 for _, fmt, _, _, _ in rows if fmt in (ONLINE, HYBRID))
    in_person = [(fmt, place) for _, fmt, place, _, _ in rows if fmt != ONLINE]
    return ResultsSection(
        key="events",
        title="Events",
        figures=(
            Figure("listed", "Events listed", len(rows), LISTED_NOTE),
            Figure("online", "Online or hybrid", online, "Listed events that people could join online, hybrid ones included."),
            Figure(
                "countries", "Countries with an event", len({places.country_code(p) for _, p in in_person if p}),
                "Countries where an in-person or hybrid event took place; the UK counts once.",
            ),
            Figure("cancelled", "Cancelled", sum(1 for *_, cancelled, _ in rows if cancelled),
                   "Listed events their organisers cancelled; they are in the other figures too."),
        ),
        breakdowns=(
            Breakdown("by_type", "Events by type", counted(Counter(types.get(t, t) for t, *_ in rows).items()),
                      LISTED_NOTE, _none_listed(edition)),
            Breakdown("by_format", "Events by format", counted(Counter(FORMAT_SHORT[f] for _, f, *_ in rows).items()),
                      LISTED_NOTE, _none_listed(edition)),
            Breakdown(
                "by_nation", "In-person events by UK nation",
                counted(Counter(places.region_name(p) for _, p in in_person if places.region_name(p)).items()),
                "In-person and hybrid events in the United Kingdom, by the nation their organiser chose.",
                "No in-person event in the UK was listed.",
            ),
            Breakdown(
                "by_country", "In-person events by country",
                counted(Counter(places.country_name(p) for _, p in in_person if p).items()),
                "In-person and hybrid events by country; online events are not placed.",
                "No in-person event was listed.",
            ),
        ),
        demo=any(is_demo for *_, is_demo in rows),
        extra_template="events/includes/results_map.html",
        extra_css="css/event-map.css",
        extra_context={"map": maps.event_map(
            listed, listing_url=reverse("events:past") if days.day_state(edition.day, days.today()) == days.PAST
            else "/events/",
            params={"edition": edition.year},
        )},
    )


def _none_listed(edition) -> str:
    return f"No events were listed for {edition.year}."
