"""The stories listing through the page cache: its filters make keys, a script's parameters do not."""

import pytest
from django.test import Client

from tests.stories.factories import published_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(settings, story_index):
    settings.PAGE_CACHE_SECONDS = 600
    published_story(story_index, title="Singing with neighbours again", role="referred", region="london")
    published_story(story_index, title="What I see as a link worker", role="link_worker", region="north_west")


def test_junk_parameters_share_the_listings_one_copy(stories):
    visitor = Client()
    first = visitor.get("/stories/")
    assert first["X-Page-Cache"] == "miss"
    for junk in ("x=1", "x=2", "ROLE=link_worker", "utm_source=mail&nonce=7"):
        again = visitor.get(f"/stories/?{junk}")
        assert again["X-Page-Cache"] == "hit" and again.content == first.content, junk


@pytest.mark.parametrize(("query", "shown", "hidden"), [
    ("role=link_worker", "What I see as a link worker", "Singing with neighbours again"),
    ("region=london", "Singing with neighbours again", "What I see as a link worker"),
    ("q=singing", "Singing with neighbours again", "What I see as a link worker"),
])
def test_the_listings_filters_still_work_with_the_cache_on(stories, query, shown, hidden):
    visitor = Client()
    for expected in ("miss", "hit"):
        response = visitor.get(f"/stories/?{query}&junk=1")
        assert response["X-Page-Cache"] == expected
        body = response.content.decode()
        assert shown in body and hidden not in body
