"""The listings' filter forms (campaign.filtering): a value that does not fit is dropped, and a
blank form is drawn once by each worker, exactly as the template would draw it each time."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from campaign.filtering import blank_form_html
from events.filters import EventFilterForm
from stories.listing import StoryFilterForm


def drawn_by_the_template(form, **context) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form, **context}))


@pytest.mark.parametrize("make", [
    lambda: EventFilterForm(None, action="/events/"),
    lambda: EventFilterForm(None, past_events=True, action="/events/past/"),
    lambda: StoryFilterForm(None, activities=[("walking-group", "Walking group")], years=[2027, 2026]),
], ids=["events", "past events", "stories"])
def test_a_blank_form_is_drawn_as_the_template_draws_it(make):
    request = RequestFactory().get("/")
    expected = drawn_by_the_template(make(), request=request, filters={}, filtering=False)
    assert blank_form_html(make(), "test", id(make)) == expected
    assert blank_form_html(make(), "test", id(make)) is blank_form_html(make(), "test", id(make))  # drawn once


def test_what_shapes_a_blank_form_keeps_it_apart():
    walking = StoryFilterForm(None, activities=[("walking-group", "Walking group")], years=[2027])
    choir = StoryFilterForm(None, activities=[("choir", "Choir")], years=[2027])
    assert "Walking group" in blank_form_html(walking, ("walking-group",), (2027,))
    html = blank_form_html(choir, ("choir",), (2027,))
    assert "Choir" in html and "Walking group" not in html
