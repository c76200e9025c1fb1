"""The events' part of an edition's results report: what was listed, where and how."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
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
    # One grouped query: a few hundred rows at most, however many thousand events were listed.
    groups = list(
        listed.values("event_type", "format", "country", "cancelled", "is_demo").annotate(n=Count("pk")).order_by()
    )
    types = dict(EVENT_TYPES)

    def tally(key, groups=groups) -> Counter:
        counts: Counter = Counter()
        for group in groups:
            label = key(group)
            if label:
                counts[label] += group["n"]
        return counts

    in_person = [g for g in groups if g["format"] != ONLINE]
    total = sum(g["n"] for g in groups)
    online = sum(g["n"] for g in groups if g["format"] in (ONLINE, HYBRID))
    return ResultsSection(
        key="events",
        title="Events",
        figures=(
            Figure("listed", "Events listed", total, LISTED_NOTE),
            Figure("online", "Online or hybrid", online, "Listed events that people could join online, hybrid ones included."),
            Figure(
                "countries", "Countries with an event",
                len({places.country_code(g["country"]) for g in in_person if g["country"]}),
                "Countries where an in-person or hybrid event took place; the UK counts once.",
            ),
            Figure("cancelled", "Cancelled", sum(g["n"] for g in groups if g["cancelled"]),
                   "Listed events their organisers cancelled; they are in the other figures too."),
        ),
        breakdowns=(
            Breakdown("by_type", "Events by type", counted(tally(lambda g: types.get(g["event_type"], g["event_type"])).items()),
                      LISTED_NOTE, _none_listed(edition)),
            Breakdown("by_format", "Events by format", counted(tally(lambda g: FORMAT_SHORT[g["format"]]).items()),
                      LISTED_NOTE, _none_listed(edition)),
            Breakdown(
                "by_nation", "In-person events by UK nation",
                counted(tally(lambda g: places.region_name(g["country"]), in_person).items()),
                "In-person and hybrid events in the United Kingdom, by the nation their organiser chose.",
                "No in-person event in the UK was listed.",
            ),
            Breakdown(
                "by_country", "In-person events by country",
                counted(tally(lambda g: places.country_name(g["country"]) if g["country"] else "", in_person).items()),
                "In-person and hybrid events by country; online events are not placed.",
                "No in-person event was listed.",
            ),
        ),
        demo=any(g["is_demo"] for g in groups),
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
