"""The events widget partners put on their own sites: upcoming events, filtered, in an iframe.

One form describes a widget (place, region, type, organiser, how many); it reads the
widget's own query string and the builder page's, and gives back the ``<iframe>`` code.
The code carries a plain link inside the iframe element, for readers that show no frames.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils.html import format_html

from campaign.site_address import absolute_url
from events import filters
from events.choices import EVENT_TYPES
from events.regions import REGIONS

DEFAULT_COUNT, MAX_COUNT = 5, 20
WIDTH, HEIGHT = 360, 480


class WidgetForm(forms.Form):
    """What a partner's widget shows. Invalid values are ignored, as in the listing's filters."""

    country = forms.ChoiceField(label="Country or UK nation", required=False, choices=filters.place_filter_choices)
    region = forms.ChoiceField(label="Region of England", required=False, choices=[("", "Any region")] + REGIONS)
    type = forms.ChoiceField(label="Type of event", required=False, choices=[("", "Any type")] + EVENT_TYPES)
    organiser = forms.CharField(
        label="Organisation", required=False, max_length=150,
        help_text="Only events listed by this organisation, spelt as on its events.",
    )
    count = forms.IntegerField(label="How many events", required=False, min_value=1, max_value=MAX_COUNT,
                               initial=DEFAULT_COUNT)

    def choices(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def widget_events(published: QuerySet, choices: dict) -> list:
    events = filters.apply_filters(published, {k: v for k, v in choices.items() if k in ("country", "region", "type")})
    if choices.get("organiser"):
        events = events.filter(organisation_name__iexact=choices["organiser"].strip())
    events = filters.order_upcoming(filters.upcoming(events))
    return list(filters.for_cards(events)[: choices.get("count") or DEFAULT_COUNT])


def widget_query(choices: dict) -> str:
    return urlencode({k: v for k, v in choices.items() if k != "count" or v != DEFAULT_COUNT})


def iframe_code(choices: dict) -> str:
    """The HTML a partner pastes into their page."""
    query = widget_query(choices)
    src = absolute_url("/events/embed/" + (f"?{query}" if query else ""))
    listing_query = urlencode({k: v for k, v in choices.items() if k in ("country", "region", "type")})
    listing = absolute_url("/events/" + (f"?{listing_query}" if listing_query else ""))
    return format_html(
        '<iframe src="{}" title="Social Prescribing Day events" width="{}" height="{}" loading="lazy">'
        '<a href="{}">Social Prescribing Day events</a></iframe>',
        src, WIDTH, HEIGHT, listing,
    )
