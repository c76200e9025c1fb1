"""The /stories/ listing: the filter form visitors narrow the stories with, and its pages.

The queries themselves are the StoryPage queryset's (``stories.models``); this module only
reads the visitor's choices and pages through the result, so it needs no model.
"""

from __future__ import annotations

from urllib.parse import urlencode

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout
from django import forms

from campaign.filtering import ListingFilterForm, ListingPaginator, blank_form_html
from stories import choices

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 200


class StoryFilterForm(ListingFilterForm):
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
        self.helper = FormHelper(self)
        self.helper.form_method = "get"
        self.helper.form_action = ""
        self.helper.form_class = "filters story-filters"
        self.helper.attrs = {"role": "search", "aria-label": "Filter stories"}
        self.helper.layout = Layout(
            Field("q", wrapper_class="filters__field--search"),
            "role", "activity", "route", "region", "year",
            HTML('{% include "stories/includes/filter_actions.html" %}'),
        )


# What the listing reads from the query: the page cache keeps these and drops every other one.
QUERY_PARAMETERS = (*StoryFilterForm.base_fields, "page")


def story_listing(request, stories, *, activities: list[tuple[str, str]], years: list[int]) -> dict:
    """The listing's context: the form, and the page of ``stories`` its valid choices select.

    ``stories`` is a StoryPage queryset (``StoryPageQuerySet``): it filters, searches and
    fetches what each card shows.
    """
    form = StoryFilterForm(request.GET or None, activities=activities, years=years)
    data = form.applied()  # a bad value drops that filter only, instead of failing the page
    stories = stories.filtered(data).order_by("-first_published_at", "-pk")
    listing = f"stories:{request.path}:{urlencode(sorted((name, str(value)) for name, value in data.items()))}"
    page_obj = ListingPaginator(stories.with_card_data(), PAGE_SIZE, listing=listing).get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "blank_filter_form": None if form.is_bound else blank_form_html(form, tuple(activities), tuple(years)),
        "filtering": bool(data and any(data.values())),
        "stories": page_obj,
        "page_obj": page_obj,
    }
