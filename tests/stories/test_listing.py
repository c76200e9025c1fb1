import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from stories.feeds import FEED_SIZE
from stories.models import CARD_RENDITION, StoryActivity, StoryPage
from tests.factories import EditionPageFactory
from tests.stories.conftest import jpeg_bytes
from tests.stories.factories import StoryPageFactory, published_story

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [story.title for story in response.context["stories"]]


@pytest.fixture
def varied(story_index, edition, home_page):
    walking = StoryActivity.objects.get(slug="walking-group")
    choir = StoryActivity.objects.get(slug="music-or-choir")
    older = EditionPageFactory(parent=home_page, year=2025)
    published_story(story_index, [walking], title="Walking in Leeds", role="referred", referral_route="gp",
                    region="yorkshire", edition=edition, what_happened="We walked by the canal every week " * 3)
    published_story(story_index, [choir], title="Choir in Cardiff", role="link_worker", referral_route="self",
                    region="wales", edition=older, what_happened="Singing together on Thursday evenings " * 3)
    published_story(story_index, [walking, choir], title="Both in Wales", role="referred", referral_route="self",
                    region="wales", edition=edition, what_happened="Walking and singing with new friends " * 3)
    draft = StoryPageFactory.build(title="Draft walking story", region="wales", live=False)
    story_index.add_child(instance=draft)
    return story_index


def test_published_stories_newest_first_without_drafts(client, varied):
    response = client.get("/stories/")
    assert titles(response) == ["Both in Wales", "Choir in Cardiff", "Walking in Leeds"]
    assert "Draft walking story" not in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("role=link_worker", ["Choir in Cardiff"]),
        ("route=self", ["Both in Wales", "Choir in Cardiff"]),
        ("region=wales", ["Both in Wales", "Choir in Cardiff"]),
        ("activity=walking-group", ["Both in Wales", "Walking in Leeds"]),
        ("year=2025", ["Choir in Cardiff"]),
        ("year=2027&activity=music-or-choir", ["Both in Wales"]),
        ("q=canal", ["Walking in Leeds"]),
        ("q=singing&region=wales&role=referred", ["Both in Wales"]),
        ("q=singing&activity=walking-group&route=self&year=2027", ["Both in Wales"]),
        ("q=nothingmatchesthis", []),
        ("region=atlantis", ["Both in Wales", "Choir in Cardiff", "Walking in Leeds"]),  # bad filter ignored
    ],
)
def test_filters_and_search_combine(client, varied, query, expected):
    response = client.get(f"/stories/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_a_filter_value_that_no_longer_fits_drops_only_that_filter_and_marks_nothing_invalid(client, varied):
    """An old link or a hand-edited address: the other filters still apply, the form shows what applied."""
    response = client.get("/stories/?region=atlantis&role=link_worker&year=1899&activity=")
    assert response.status_code == 200
    assert titles(response) == ["Choir in Cardiff"]
    html = response.content.decode()
    assert "aria-invalid" not in html and "field--invalid" not in html and "_error" not in html
    assert '<option value="link_worker" selected>' in html
    assert "atlantis" not in html and "1899" not in html
    form = response.context["filter_form"]
    assert form.is_valid() and form.errors == {}


def test_filters_survive_pagination(client, story_index):
    for i in range(14):
        published_story(story_index, title=f"Wales story {i}", region="wales")
    published_story(story_index, title="London story", region="london")
    response = client.get("/stories/?region=wales")
    html = response.content.decode()
    assert response.context["stories"].paginator.count == 14
    assert 'href="?region=wales&amp;page=2"' in html
    second = client.get("/stories/?region=wales&page=2")
    assert len(titles(second)) == 2
    assert all(t.startswith("Wales") for t in titles(second))


def test_story_page_shows_everything_public(client, story_index, edition):
    walking = StoryActivity.objects.get(slug="walking-group")
    page = published_story(story_index, [walking], display_name="", edition=edition,
                           what_was_going_on="I was lonely.", what_changed="I have friends.")
    html = client.get(page.url).content.decode()
    assert html.count("<h1") == 1
    for text in ["Anonymous", "Someone who was referred", "GP or GP practice", "London", "Walking group",
                 edition.title, "What was going on", "What changed", "Samaritans", "116 123", "999", "NHS 111"]:
        assert text in html, text


def listing_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/stories/?region=london&activity=walking-group&q=park")
        assert response.status_code == 200
    return len(ctx.captured_queries)


def _many(story_index, count):
    walking = StoryActivity.objects.get(slug="walking-group")
    choir = StoryActivity.objects.get(slug="music-or-choir")
    Image = get_image_model()
    photo = Image(title="p")
    photo.file = ImageFile(io.BytesIO(jpeg_bytes((200, 200))), name="p.jpg")
    photo.save()
    photo.get_rendition(CARD_RENDITION)  # as the card asks for it
    pages = StoryPageFactory.build_batch(count)
    for i, page in enumerate(pages):
        page.photo = photo if i % 2 else None
        page.photo_alt_text = "A park"
        page.first_published_at = page.last_published_at = timezone.now()
        story_index.add_child(instance=page)
        page.activities.set([walking, choir])
    Page.objects.filter(pk__in=[p.pk for p in pages]).update(live=True)


def test_listing_runs_a_constant_number_of_queries(client, story_index, edition):
    _many(story_index, 10)
    StoryPage.objects.update(edition=edition)  # a card that looked its edition up would show here
    client.get("/stories/")  # warm site and settings caches alike for both runs
    small = listing_queries(client)
    _many(story_index, 490)
    StoryPage.objects.update(edition=edition)
    large = listing_queries(client)
    assert small == large, f"{small} queries for 10 stories, {large} for 500"


def test_feed_runs_a_constant_number_of_queries(client, story_index, edition):
    def feed_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/stories/feed/")
            assert response.status_code == 200 and response.content.count(b"<item>") == min(count, FEED_SIZE)
        return len(ctx.captured_queries)

    count = 3
    _many(story_index, count)
    StoryPage.objects.update(edition=edition)
    client.get("/stories/feed/")
    small = feed_queries()
    count = 30
    _many(story_index, 27)
    StoryPage.objects.update(edition=edition)
    assert feed_queries() == small, "a query per story in the feed"


def test_home_and_edition_pages_show_featured_stories(client, story_index, edition):
    published_story(story_index, title="Featured for this year", featured=True, edition=edition)
    published_story(story_index, title="Not featured", featured=False, edition=edition)
    home = client.get("/").content.decode()
    assert "Featured for this year" in home and "Not featured" not in home
    year_page = client.get(edition.url).content.decode()
    assert "Featured for this year" in year_page and "Not featured" not in year_page


def test_kept_cards_and_filters_follow_a_redaction_and_each_visitors_choices(client, varied, kept_fragments):
    client.cookies["sessionid"] = "not-a-real-session"  # renders every time, from kept fragments
    assert "Walking in Leeds" in client.get("/stories/").content.decode()
    assert "Walking in Leeds" in client.get("/stories/").content.decode()

    story = varied.get_children().live().get(title="Walking in Leeds").specific
    story.title = "Walking by the canal"  # a moderator's redaction, published
    story.save_revision().publish()
    html = client.get("/stories/").content.decode()
    assert "Walking by the canal" in html and "Walking in Leeds" not in html

    chosen = client.get("/stories/?region=wales").content.decode()
    assert '<option value="wales" selected>' in chosen
    assert '<option value="wales" selected>' not in client.get("/stories/").content.decode()


def test_each_filter_and_page_of_the_kept_listing_is_its_own(client, story_index, kept_fragments):
    client.cookies["sessionid"] = "not-a-real-session"  # renders every time, from kept fragments
    _many(story_index, 13)
    published_story(story_index, title="The allotment on Tuesdays", region="wales")
    first = client.get("/stories/").content.decode()
    assert "14 stories." in first and "The allotment on Tuesdays" in first
    assert client.get("/stories/").content.decode() == first
    second = client.get("/stories/?page=2").content.decode()
    assert "The allotment on Tuesdays" not in second and 'aria-current="page"' in second
    wales = client.get("/stories/?region=wales").content.decode()
    assert "1 story matches your choices." in wales and "The allotment on Tuesdays" in wales
    published_story(story_index, title="Singing in Swansea", region="wales")
    wales = client.get("/stories/?region=wales").content.decode()
    assert "2 stories match your choices." in wales and "Singing in Swansea" in wales


def test_the_count_reads_as_a_sentence(client, varied):
    assert "1 story matches your choices." in client.get("/stories/?role=link_worker").content.decode()
    assert "2 stories match your choices." in client.get("/stories/?region=wales").content.decode()


def test_the_kept_listing_counts_once_and_follows_a_withdrawal(client, varied, kept_fragments):
    """The count comes with the kept listing (campaign.filtering.ListingPaginator): no count
    query on a warm render, one count per choice of filters, and a story taken down is gone
    from every count at once."""
    client.cookies["sessionid"] = "not-a-real-session"
    assert "3 stories." in client.get("/stories/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "3 stories." in client.get("/stories/").content.decode()
    assert not [q for q in warm.captured_queries if "COUNT(" in q["sql"]], warm.captured_queries
    assert "2 stories match your choices." in client.get("/stories/?region=wales").content.decode()
    story = varied.get_children().live().get(title="Both in Wales")
    story.unpublish()
    assert "2 stories." in client.get("/stories/").content.decode()
    assert "1 story matches your choices." in client.get("/stories/?region=wales").content.decode()


def test_a_story_names_its_day_only_while_that_edition_is_live(client, story_index, edition, kept_fragments):
    """The story's edition is the one the layout already found among the kept live editions:
    no query of its own, and no link to an edition that has been taken down."""
    client.cookies["sessionid"] = "not-a-real-session"  # renders every time, from kept fragments
    page = published_story(story_index, edition=edition)
    html = client.get(page.url).content.decode()
    assert f'<dt>Shared for</dt><dd><a href="{edition.url}">{edition.title}</a></dd>' in html
    with CaptureQueriesContext(connection) as warm:
        client.get(page.url)
    assert not [q for q in warm.captured_queries if "campaign_editionpage" in q["sql"]]
    edition.unpublish()
    assert "Shared for" not in client.get(page.url).content.decode()
