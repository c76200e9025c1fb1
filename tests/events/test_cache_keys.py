"""The events pages through the page cache: the parameters they read make their keys, nothing else.

A script that adds ``?x=<random>`` to every request must not make a new cached copy (and a new
render) each time; the listing's, feeds' and widget's own filters must still work with the
cache on, since the cache hands the view only what it declared.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def events(event_index):
    soon = timezone.now() + timedelta(days=4)
    make_event(event_index, title="Harbour walk for wellbeing", event_type="walk", start=soon)
    make_event(event_index, title="Webinar on referral routes", event_type="webinar", start=soon)
    past = timezone.now() - timedelta(days=4)
    make_event(event_index, title="Finished allotment walk", event_type="walk", start=past)
    make_event(event_index, title="Finished webinar", event_type="webinar", start=past)


@pytest.mark.parametrize("path", [
    "/events/", "/events/past/", "/events/feed.ics", "/events/feed.rss", "/events/embed/", "/events/embed/build/",
])
def test_parameters_a_page_does_not_read_make_no_new_copy(cache_on, events, path):
    visitor = Client()
    first = visitor.get(path)
    assert first["X-Page-Cache"] == "miss"
    for junk in ("x=1", "x=2&y=3", "cachebuster=91823", "utm_source=mail&x=4", "page_=1", "TYPE=walk"):
        again = visitor.get(f"{path}?{junk}")
        assert again["X-Page-Cache"] == "hit", junk
        assert again.content == first.content


@pytest.mark.parametrize(("path", "shown", "hidden"), [
    ("/events/?type=walk", "Harbour walk for wellbeing", "Webinar on referral routes"),
    ("/events/?q=webinar", "Webinar on referral routes", "Harbour walk for wellbeing"),
    ("/events/past/?type=walk", "Finished allotment walk", "Finished webinar"),
    ("/events/feed.ics?type=webinar", "Webinar on referral routes", "Harbour walk for wellbeing"),
    ("/events/feed.rss?type=walk", "Harbour walk for wellbeing", "Webinar on referral routes"),
    ("/events/embed/?type=webinar", "Webinar on referral routes", "Harbour walk for wellbeing"),
    ("/events/embed/?count=1&type=walk", "Harbour walk for wellbeing", "Webinar on referral routes"),
])
def test_the_parameters_a_page_reads_still_filter_with_the_cache_on(cache_on, events, path, shown, hidden):
    visitor = Client()
    for expected in ("miss", "hit"):
        response = visitor.get(f"{path}&x=junk")
        assert response["X-Page-Cache"] == expected
        body = response.content.decode()
        assert shown in body and hidden not in body


def test_the_widget_builder_keeps_its_choices(cache_on, events):
    body = Client().get("/events/embed/build/?type=walk&count=3&x=1").content.decode()
    assert "type=walk" in body and "count=3" in body and "x=1" not in body
