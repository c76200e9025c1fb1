"""A story page's share links carry its public address (SITE_URL)."""

import pytest
from django.test import override_settings

from tests.stories.factories import published_story


@pytest.mark.django_db
@override_settings(SITE_URL="https://socialprescribingday.example")
def test_story_page_has_share_links(client, story_index):
    story = published_story(story_index, title="Walking back to myself")
    html = client.get(story.url).content.decode()
    assert "Share this story" in html
    assert f'value="https://socialprescribingday.example{story.url}" readonly' in html
    assert "https://x.com/intent/post?text=Walking+back+to+myself&amp;url=https%3A%2F%2Fsocialprescribingday.example" in html
