"""A story page's share links carry its public address (SITE_URL); its share card costs no query."""

import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tests.stories.conftest import jpeg_bytes
from tests.stories.factories import published_story


@pytest.mark.django_db
@override_settings(SITE_URL="https://socialprescribingday.example")
def test_story_page_has_share_links(client, story_index):
    story = published_story(story_index, title="Walking back to myself")
    html = client.get(story.url).content.decode()
    assert "Share this story" in html
    assert f'value="https://socialprescribingday.example{story.url}" readonly' in html
    assert "https://x.com/intent/post?text=Walking+back+to+myself&amp;url=https%3A%2F%2Fsocialprescribingday.example" in html


@pytest.mark.django_db
def test_a_story_with_a_photo_and_an_edition_costs_no_more_queries(settings, client, story_index, edition):
    """Its share card's photo comes with the page (``route_select_related``) and the layout's
    colours from the kept list of live editions: neither is a query of its own (issue 18).

    As in production: the worker keeps what every visitor sees alike, and a signed-in
    visitor (a session cookie) is never served from the page cache, so every request renders.
    """
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    client.cookies["sessionid"] = "not-a-real-session"
    photo = get_image_model()(title="A park bench")
    photo.file = ImageFile(io.BytesIO(jpeg_bytes((1200, 800))), name="bench.jpg")
    photo.save()
    plain = published_story(story_index, title="Without a photo", edition=None)
    pictured = published_story(story_index, title="With a photo", edition=edition, photo=photo,
                               photo_alt_text="A bench by the pond")

    def queries(story) -> tuple[int, str]:
        client.get(story.url)  # warm: the share image's rendition exists, settings are read
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(story.url).content.decode()
        return len(ctx.captured_queries), html

    plain_count, _ = queries(plain)
    pictured_count, html = queries(pictured)
    assert '<meta property="og:image:alt" content="A bench by the pond">' in html
    assert 'property="og:image" content="https://' in html or 'property="og:image" content="http://' in html
    assert f'href="/theme/{edition.year}.css?v={edition.theme_version}"' in html
    assert pictured_count == plain_count, (plain_count, pictured_count)
