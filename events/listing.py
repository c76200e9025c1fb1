"""Finding published events: the listing, the past-events page and the feeds share these filters."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.template.loader import render_to_string
from django.utils import timezone

from campaign.editions.current import current_edition
from campaign.editions.days import today
from events import places
from events.models import EVENT_TYPES, FORMATS, EventPage

MAX_QUERY_LENGTH = 200
# How long a finished event stays in the calendar feed, so subscribers see late changes.
FEED_RECENT_DAYS = 30

WHEN_CHOICES = [
    ("", "Any date"),
    ("day", "On the Day itself"),
    ("week", "In the next 7 days"),
    ("month", "In the next 30 days"),
]


def place_filter_choices() -> list:
    return [("", "Anywhere"), ("GB", "United Kingdom (all nations)")] + [
        ("UK nations", places.UK_NATIONS),
        ("Other countries", places.COUNTRIES),
    ]


class EventFilterForm(forms.Form):
    """The listing's filters. Invalid values are ignored rather than shown as errors."""

    q = forms.CharField(label="Search", required=False, max_length=MAX_QUERY_LENGTH)
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type")] + EVENT_TYPES)
    format = forms.ChoiceField(label="Format", required=False, choices=[("", "Any format")] + FORMATS)
    country = forms.ChoiceField(label="Country or UK nation", required=False, choices=place_filter_choices)
    when = forms.ChoiceField(label="When", required=False, choices=WHEN_CHOICES)
    date = forms.DateField(label="On a date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    free = forms.BooleanField(label="Free events only", required=False)
    edition = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=2015, max_value=2100)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name in ("q", "type", "format", "country", "when", "date"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")

    def select(self, name: str) -> dict:
        """A select's options as (group, options) pairs: rendered in one template loop, not per option."""
        groups, loose = [], []
        for value, label in self.fields[name].choices:
            if isinstance(label, (list, tuple)):
                if loose:
                    groups.append(("", loose))
                    loose = []
                groups.append((value, list(label)))
            else:
                loose.append((value, label))
        if loose:
            groups.append(("", loose))
        selected = self.data.get(name, "") if self.is_bound else ""
        return {"name": name, "id": f"id_{name}", "label": self.fields[name].label, "groups": groups,
                "selected": selected}

    def selects(self, past_events: bool = False) -> list[dict]:
        names = ["type", "format", "country"] + ([] if past_events else ["when"])
        return [self.select(name) for name in names]

    def filters(self) -> dict:
        """The valid filters only: a bad value drops that filter instead of failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}


def published_events() -> QuerySet[EventPage]:
    return EventPage.objects.live().public()


def upcoming(queryset: QuerySet[EventPage], now=None) -> QuerySet[EventPage]:
    return queryset.filter(end__gte=now or timezone.now())


def past(queryset: QuerySet[EventPage], now=None) -> QuerySet[EventPage]:
    return queryset.filter(end__lt=now or timezone.now())


def day_of_current_edition() -> date | None:
    edition = current_edition()
    return edition.day if edition else None


def apply_filters(queryset: QuerySet[EventPage], filters: dict, *, on: date | None = None) -> QuerySet[EventPage]:
    """Narrow events by the listing's filters; every filter combines with the others."""
    on = on or today()
    query = filters.get("q", "").strip()
    if query:
        for word in query.split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(organisation_name__icontains=word)
                | Q(description__icontains=word)
                | Q(venue_name__icontains=word)
                | Q(address__icontains=word)
                | Q(postcode__icontains=word)
            )
    if filters.get("type"):
        queryset = queryset.filter(event_type=filters["type"])
    if filters.get("format"):
        queryset = queryset.filter(format=filters["format"])
    place = filters.get("country")
    if place == places.UK:
        queryset = queryset.filter(country__startswith="GB-")
    elif place:
        queryset = queryset.filter(country=place)
    when = filters.get("when")
    if when == "day":
        day = day_of_current_edition()
        queryset = queryset.filter(start_date__lte=day, end_date__gte=day) if day else queryset.none()
    elif when in ("week", "month"):
        last = on + timedelta(days=7 if when == "week" else 30)
        queryset = queryset.filter(start_date__lte=last, end_date__gte=on)
    if filters.get("date"):
        queryset = queryset.filter(start_date__lte=filters["date"], end_date__gte=filters["date"])
    if filters.get("free"):
        queryset = queryset.filter(is_free=True)
    if filters.get("edition"):
        queryset = queryset.filter(edition__year=filters["edition"])
    return queryset


def order_upcoming(queryset: QuerySet[EventPage], day: date | None = None) -> QuerySet[EventPage]:
    """Events on the current Day first, then the rest soonest first."""
    day = day or day_of_current_edition()
    if day is None:
        return queryset.annotate(on_day=Value(0, output_field=IntegerField())).order_by("start", "pk")
    return queryset.annotate(
        on_day=Case(When(start_date__lte=day, end_date__gte=day, then=Value(1)), default=Value(0),
                    output_field=IntegerField())
    ).order_by("-on_day", "start", "pk")


def for_cards(queryset: QuerySet[EventPage]) -> QuerySet[EventPage]:
    """Only what a card shows: keeps the listing one query whatever the number of events."""
    return queryset.select_related("image").only(
        "id", "title", "slug", "url_path", "depth", "path", "content_type_id", "live", "locale_id",
        "organisation_name", "event_type", "format", "start", "end", "time_zone", "start_date", "end_date",
        "venue_name", "postcode", "country", "is_free", "price", "booking_required", "cancelled", "is_demo",
        "image__id", "image__file", "image__title", "image__description", "image__width", "image__height",
        "image__focal_point_x", "image__focal_point_y", "image__focal_point_width", "image__focal_point_height",
        "image__collection_id",
    )


def listing_context(request, *, past_events: bool = False) -> dict:
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    current_day = day_of_current_edition()
    events = apply_filters(published_events(), filters)
    if past_events:
        events = past(events).order_by("-start", "-pk")
    else:
        events = order_upcoming(upcoming(events), current_day)
    paginator = Paginator(for_cards(events), settings.EVENTS_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    feed_params = request.GET.copy()
    feed_params.pop("page", None)
    feed_query = feed_params.urlencode()
    return {
        "filter_form": form,
        "filter_selects": form.selects(past_events),
        "filters": filters,
        "page_obj": page_obj,
        "events": page_obj.object_list,
        "event_count": paginator.count,
        "past_events": past_events,
        "feed_query": f"?{feed_query}" if feed_query else "",
        "current_day": current_day,
    }


def listing_html(request, *, past_events: bool = False) -> str:
    """Filters, results and feed links of a listing, the same for every visitor of one URL.

    Rendered once per change of public content and kept by the worker (campaign.cache), so
    visitors the page cache skips (editors, first visits) do not repeat the queries.
    """
    from campaign.cache import public_memo

    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return public_memo(
        f"events-listing:{past_events}:{digest}",
        lambda: render_to_string("events/includes/listing.html", listing_context(request, past_events=past_events), request),
    )


def feed_events(request, *, since=None, limit: int | None = None) -> QuerySet[EventPage]:
    """Published upcoming and recent events for the feeds, filtered like the listing."""
    form = EventFilterForm(request.GET or None)
    since = since or timezone.now() - timedelta(days=FEED_RECENT_DAYS)
    events = apply_filters(published_events().filter(end__gte=since), form.filters()).order_by("start", "pk")
    return events[:limit] if limit else events
