"""The events listing's filters: the form visitors fill in, and the queries it narrows.

Every function here takes the queryset to narrow from its caller, so the page models,
the feeds and the past-events view share one set of rules and this module imports no
model: ``models`` reads it, never the other way round.
"""

from __future__ import annotations

from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout
from django import forms
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import QueryDict
from django.utils import timezone

from campaign.editions.current import current_edition
from campaign.editions.days import today
from campaign.filtering import ListingFilterForm, ListingPaginator, blank_form_html
from campaign.search import search_terms
from events import places
from events.choices import (
    EVENT_TYPES,
    FORMATS,
    MAX_QUERY_LENGTH,
    ON_THE_DAY,
    WHEN_CHOICES,
    WHEN_DAYS,
)
from events.regions import REGIONS

# The parameters a listing reads; any other is left out of its links and its cache key.
PAGE_PARAM = "page"


def place_filter_choices() -> list:
    return [("", "Anywhere"), (places.UK, "United Kingdom (all nations)")] + [
        ("UK nations", places.UK_NATIONS),
        ("Other countries", places.COUNTRIES),
    ]


class EventFilterForm(ListingFilterForm):
    """The listing's filters. A value that does not fit is dropped rather than shown as an error."""

    q = forms.CharField(label="Search", required=False, max_length=MAX_QUERY_LENGTH, widget=forms.SearchInput)
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Any type")] + EVENT_TYPES)
    format = forms.ChoiceField(label="Format", required=False, choices=[("", "Any format")] + FORMATS)
    country = forms.ChoiceField(label="Country or UK nation", required=False, choices=place_filter_choices)
    region = forms.ChoiceField(label="Region of England", required=False, choices=[("", "Any region")] + REGIONS)
    when = forms.ChoiceField(label="When", required=False, choices=WHEN_CHOICES)
    date = forms.DateField(label="On a date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    free = forms.BooleanField(label="Free events only", required=False)
    edition = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=2015, max_value=2100)

    def __init__(self, data=None, *args, past_events: bool = False, action: str = ".", **kwargs):
        super().__init__(data, *args, **kwargs)
        if past_events:
            del self.fields["when"]  # Past events are past: "in the next 7 days" means nothing there.
        self.helper = FormHelper(self)
        self.helper.form_method = "get"
        self.helper.form_action = action  # the listing's own path (HTML forbids an empty action)
        self.helper.form_class = "filters events-filters"
        self.helper.attrs = {"role": "search", "aria-label": "Filter events"}
        # The edition travels with the filters only when a visitor came from an edition's page.
        hidden = ["edition"] if self.is_bound and self.data.get("edition") else []
        self.helper.layout = Layout(
            Field("q", wrapper_class="events-filters__search"),
            *[name for name in ("type", "format", "country", "region", "when", "date", "free") if name in self.fields],
            *hidden,
            HTML('{% include "events/includes/filter_actions.html" %}'),
        )

    def filters(self) -> dict:
        """The valid filters only: a bad value drops that filter instead of failing the page."""
        return self.applied()


def normalised_query(params: QueryDict, names) -> QueryDict:
    """The parameters a listing reads, in the order given, without empty ones or repeats.

    Two addresses that show the same listing give the same query, so it can key a cache
    and build the listing's links without carrying along what the listing ignores.
    """
    query = QueryDict(mutable=True)
    for name, values in params.lists():
        value = values[-1].strip() if values else ""  # A form reads the last of repeated values.
        if name in names and value:
            query[name] = value
    return query


def day_of_current_edition() -> date | None:
    edition = current_edition()
    return edition.day if edition else None


def upcoming(queryset: QuerySet, now=None) -> QuerySet:
    return queryset.filter(end__gte=now or timezone.now())


def past(queryset: QuerySet, now=None) -> QuerySet:
    return queryset.filter(end__lt=now or timezone.now())


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Events whose words match the query, through Wagtail's search backend (stemmed, every word).

    The search runs on the queryset as given and its matches narrow it, so the other
    filters, the ordering and the pagination stay ordinary database queries.
    """
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    try:
        matches = [page.pk for page in queryset.search(terms, operator="and", order_by_relevance=False)]
    except DatabaseError:  # SQLite's FTS5 refuses some punctuation-only queries: no matches.
        matches = []
    return queryset.filter(pk__in=matches)


def apply_filters(queryset: QuerySet, filters: dict, *, on: date | None = None) -> QuerySet:
    """Narrow events by the listing's filters; every filter combines with the others.

    The text search comes first, on the queryset as the caller gave it.
    """
    on = on or today()
    query = filters.get("q", "").strip()
    if query:
        queryset = search(queryset, query)
    if filters.get("type"):
        queryset = queryset.filter(event_type=filters["type"])
    if filters.get("format"):
        queryset = queryset.filter(format=filters["format"])
    place = filters.get("country")
    if place == places.UK:
        queryset = queryset.filter(country__startswith="GB-")
    elif place:
        queryset = queryset.filter(country=place)
    if filters.get("region"):
        queryset = queryset.filter(region=filters["region"])
    when = filters.get("when")
    if when == ON_THE_DAY:
        day = day_of_current_edition()
        queryset = queryset.filter(start_date__lte=day, end_date__gte=day) if day else queryset.none()
    elif when in WHEN_DAYS:
        last = on + timedelta(days=WHEN_DAYS[when])
        queryset = queryset.filter(start_date__lte=last, end_date__gte=on)
    if filters.get("date"):
        queryset = queryset.filter(start_date__lte=filters["date"], end_date__gte=filters["date"])
    if filters.get("free"):
        queryset = queryset.filter(is_free=True)
    if filters.get("edition"):
        queryset = queryset.filter(edition__year=filters["edition"])
    return queryset


def order_upcoming(queryset: QuerySet, day: date | None = None) -> QuerySet:
    """Events on the current Day first, then the rest soonest first."""
    day = day or day_of_current_edition()
    if day is None:
        return queryset.annotate(on_day=Value(0, output_field=IntegerField())).order_by("start", "pk")
    return queryset.annotate(
        on_day=Case(When(start_date__lte=day, end_date__gte=day, then=Value(1)), default=Value(0),
                    output_field=IntegerField())
    ).order_by("-on_day", "start", "pk")


def for_cards(queryset: QuerySet) -> QuerySet:
    """Only what a card shows: keeps the listing one query whatever the number of events."""
    return queryset.select_related("image").only(
        "id", "title", "slug", "url_path", "depth", "path", "content_type_id", "live", "locale_id",
        "organisation_name", "event_type", "format", "start", "end", "time_zone", "start_date", "end_date",
        "venue_name", "town", "postcode", "country", "is_free", "price", "price_amount", "currency",
        "booking_required", "cancelled", "is_demo",
        "image__id", "image__file", "image__title", "image__description", "image__width", "image__height",
        "image__focal_point_x", "image__focal_point_y", "image__focal_point_width", "image__focal_point_height",
        "image__collection_id",
    )


# What the listing and feeds read from the query: the page cache keeps these and drops the rest.
QUERY_PARAMETERS = (*EventFilterForm.base_fields, PAGE_PARAM)


def listing_context(request, published: QuerySet, *, past_events: bool = False) -> dict:
    """The filter form and one page of the events it finds among ``published``.

    ``listing_key`` names what the listing shows (past or upcoming, the filters and the
    page), so a template can keep the rendered listing for every visitor of that view.
    """
    form = EventFilterForm(request.GET or None, past_events=past_events, action=request.path)
    filters = form.filters()
    current_day = day_of_current_edition()
    events = apply_filters(published, filters)
    if past_events:
        events = past(events).order_by("-start", "-pk")
    else:
        events = order_upcoming(upcoming(events), current_day)
    # From the form's data, which holds only the filters that applied: links and the key carry no bad value.
    filter_query = normalised_query(form.data, form.fields).urlencode()
    listing = f"events:{'past' if past_events else 'upcoming'}:{filter_query}"
    paginator = ListingPaginator(for_cards(events), settings.EVENTS_PAGE_SIZE, listing=listing)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAM))
    return {
        "filter_form": form,
        "blank_filter_form": None if form.is_bound else blank_form_html(form, form.helper.form_action, past_events),
        "filters": filters,
        "page_obj": page_obj,
        "events": page_obj.object_list,
        "event_count": paginator.count,
        "past_events": past_events,
        "feed_query": f"?{filter_query}" if filter_query else "",
        "page_query": f"?{filter_query}&" if filter_query else "?",
        "current_day": current_day,
        "listing_key": f"{'past' if past_events else 'upcoming'}:{page_obj.number}:{filter_query}",
    }
