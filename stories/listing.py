"""The /stories/ listing: published stories, newest first, filtered and searched together.

Every filter is applied in the database and the page is fetched with its edition, photo
(with renditions) and activities in a fixed number of queries, whatever the story count.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Prefetch
from wagtail.images import get_image_model

from campaign.search import search_terms
from stories import choices
from stories.models import StoryActivity, StoryPage

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 200
CARD_RENDITION = "fill-640x400"


class StoryFilterForm(forms.Form):
    q = forms.CharField(label="Search stories", required=False, max_length=MAX_QUERY_LENGTH)
    role = forms.ChoiceField(label="Told by", required=False)
    activity = forms.ChoiceField(label="Activity", required=False)
    route = forms.ChoiceField(label="Referral route", required=False)
    region = forms.ChoiceField(label="Region", required=False)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, activities, years, **kwargs):
        super().__init__(*args, **kwargs)
        anyone = [("", "Any")]
        self.fields["role"].choices = anyone + choices.ROLE_CHOICES
        self.fields["activity"].choices = anyone + activities
        self.fields["route"].choices = anyone + choices.REFERRAL_CHOICES
        self.fields["region"].choices = anyone + choices.REGION_CHOICES
        self.fields["year"].choices = anyone + [(str(y), str(y)) for y in years]


def published_stories(index=None):
    qs = StoryPage.objects.live().public()
    if index is not None:
        qs = qs.child_of(index)
    return qs


def with_card_data(queryset):
    """What a story card shows, fetched up front: no query per story."""
    Image = get_image_model()
    return queryset.select_related("edition").prefetch_related(
        Prefetch("photo", queryset=Image.objects.prefetch_renditions(CARD_RENDITION)),
        Prefetch("activities", queryset=StoryActivity.objects.order_by("sort_order", "name")),
    )


def filter_stories(queryset, data: dict):
    """Apply the listing's filters and text search (all combined with AND)."""
    if data.get("role"):
        queryset = queryset.filter(role=data["role"])
    if data.get("route"):
        queryset = queryset.filter(referral_route=data["route"])
    if data.get("region"):
        queryset = queryset.filter(region=data["region"])
    if data.get("year"):
        queryset = queryset.filter(edition__year=data["year"])
    if data.get("activity"):
        queryset = queryset.filter(activities__slug=data["activity"])
    if data.get("q"):
        # Wagtail's search (stemmed, over title and every part of the story), then the filters.
        try:
            terms = search_terms(data["q"])
            matches = [page.pk for page in StoryPage.objects.live().public().search(terms, operator="and")] if terms else []
        except DatabaseError:  # SQLite's FTS5 refuses some punctuation-only queries: no matches.
            matches = []
        queryset = queryset.filter(pk__in=matches)
    return queryset


def story_listing(request, index) -> dict:
    from campaign.models import EditionPage

    activities = list(StoryActivity.objects.values_list("slug", "name"))
    years = list(
        EditionPage.objects.filter(stories__live=True).values_list("year", flat=True).distinct().order_by("-year")
    )
    form = StoryFilterForm(request.GET or None, activities=activities, years=years)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    stories = filter_stories(published_stories(index), data).order_by("-first_published_at", "-pk")
    page_obj = Paginator(with_card_data(stories), PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "filtering": bool(data and any(data.values())),
        "stories": page_obj,
        "page_obj": page_obj,
    }
