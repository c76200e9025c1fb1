"""A page is found at its address in one look-up (campaign.routing), exactly where Wagtail's
walk down the page tree would find it: the same pages, the same 404s, before and after an
editor publishes, renames or unpublishes, with the worker's memory of addresses on or off.
"""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign.cache import local_cache
from events.setup import ensure_event_index
from tests.events.factories import make_event
from tests.factories import ContentPageFactory, EditionPageFactory


@pytest.fixture
def site_pages(home_page, edition_index):
    edition = EditionPageFactory(parent=edition_index, year=2027, day=date(2027, 3, 12))
    about = ContentPageFactory(parent=home_page, title="About the Day", slug="about")
    team = ContentPageFactory(parent=about, title="Our team", slug="team")
    index = ensure_event_index()
    event = make_event(index, title="Canal walk", start=timezone.now() + timedelta(days=3))
    return {"edition": edition, "about": about, "team": team, "events": index, "event": event}


def page_served(client, path: str):
    response = client.get(path)
    return response.status_code, getattr(response.context and response.context.get("page"), "pk", None)


def test_every_page_is_found_at_its_address(content_cache, visitor, site_pages):
    for page in site_pages.values():
        for _ in range(2):  # the second time from the worker's memory, when it is on
            assert page_served(visitor, page.url) == (200, page.pk), page.url


def test_an_edition_is_at_its_year_and_nowhere_else(content_cache, visitor, site_pages, edition_index):
    assert site_pages["edition"].url == "/2027/"
    assert page_served(visitor, "/2027/") == (200, site_pages["edition"].pk)
    assert page_served(visitor, "/years/") == (200, edition_index.pk)
    for path in ("/years/2027/", "/years/2027/anything/", "/home/", "/about/team/none/", "/nothing/"):
        assert visitor.get(path).status_code == 404, path


def test_a_draft_is_not_found(content_cache, visitor, site_pages):
    draft = ContentPageFactory.build(title="Not yet", slug="not-yet", live=False)
    site_pages["about"].add_child(instance=draft)
    assert visitor.get("/about/not-yet/").status_code == 404


def test_an_unpublished_page_is_gone_at_once(content_cache, visitor, site_pages):
    event = site_pages["event"]
    assert visitor.get(event.url).status_code == 200
    event.unpublish()
    assert visitor.get(event.url).status_code == 404


def test_a_renamed_page_moves_to_its_new_address(content_cache, visitor, site_pages):
    team = site_pages["team"]
    assert visitor.get("/about/team/").status_code == 200
    team.slug = "people"
    team.save_revision().publish()
    assert visitor.get("/about/team/").status_code == 404
    assert page_served(visitor, "/about/people/") == (200, team.pk)


def test_a_moved_page_is_served_only_at_its_new_address(content_cache, visitor, site_pages, home_page):
    team = site_pages["team"]
    assert visitor.get("/about/team/").status_code == 200
    team.move(home_page, pos="last-child")
    old = visitor.get("/about/team/")  # Wagtail's redirects app sends visitors on
    assert (old.status_code, old["Location"]) == (301, "/team/")
    assert page_served(visitor, "/team/") == (200, team.pk)


def test_addresses_that_lead_nowhere_are_not_remembered(settings, visitor, site_pages):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    visitor.get("/about/")
    kept = len(local_cache)
    for n in range(50):
        assert visitor.get(f"/no-such-page-{n}/").status_code == 404
    assert len(local_cache) == kept


def test_a_deep_page_takes_fewer_queries_than_a_walk_down_the_tree(settings, visitor, site_pages):
    """Wagtail's walk reads two queries a level; once the address is known, one query finds the page."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    from campaign.editions.models import pages

    def queries(path: str) -> int:
        visitor.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert visitor.get(path).status_code == 200
        return len(captured)

    found = queries("/about/team/")
    original = pages.page_at
    pages.page_at = lambda root, components: None  # Wagtail's own walk
    try:
        walked = queries("/about/team/")
    finally:
        pages.page_at = original
    assert found <= walked - 3, (found, walked)


def test_a_draft_or_unpublished_edition_is_not_served(content_cache, visitor, site_pages, edition_index):
    """The Day's page comes from the kept list of live editions; a year that is not live is not in it."""
    draft = EditionPageFactory.build(year=2028, live=False)
    edition_index.add_child(instance=draft)
    assert visitor.get("/2028/").status_code == 404
    edition = site_pages["edition"]
    assert page_served(visitor, "/2027/") == (200, edition.pk)
    edition.unpublish()
    assert visitor.get("/2027/").status_code == 404
    assert b"/2027/" not in visitor.get("/years/").content


def test_a_published_change_to_an_edition_shows_at_once(content_cache, visitor, site_pages):
    edition = site_pages["edition"]
    visitor.get("/2027/")
    edition.theme = "Walking together"
    edition.save_revision().publish()
    assert "Walking together" in visitor.get("/2027/").content.decode()


def test_the_days_page_costs_no_query_to_find(settings, visitor, site_pages):
    """With the worker's memory on, the edition and its hero image come from the kept live
    editions (HomePage.edition_at): only Wagtail's look-up of the site and home page remain."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    cache.clear()
    visitor.get("/2027/")
    with CaptureQueriesContext(connection) as captured:
        assert page_served(visitor, "/2027/") == (200, site_pages["edition"].pk)
    tables = " ".join(query["sql"] for query in captured)
    assert "campaign_editionpage" not in tables and "wagtailimages_image" not in tables, tables
    assert len(captured) == 2, [query["sql"][:80] for query in captured]


def test_a_page_met_before_costs_no_query_to_find(settings, visitor, site_pages):
    """With the worker's memory on, the page at a known address is kept (campaign.routing):
    a second visit reads neither the page tree nor the page's own row to find it."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    cache.clear()
    team = site_pages["team"]
    visitor.get(team.url)
    with CaptureQueriesContext(connection) as captured:
        assert page_served(visitor, team.url) == (200, team.pk)
    found_by_id = [query["sql"] for query in captured if "campaign_contentpage" in query["sql"]]
    assert found_by_id == [], found_by_id


def test_a_published_change_to_a_kept_page_shows_at_once(content_cache, visitor, site_pages):
    team = site_pages["team"]
    for _ in range(2):
        assert "Our team" in visitor.get(team.url).content.decode()
    team.title = "The people behind the Day"
    team.save_revision().publish()
    body = visitor.get(team.url).content.decode()
    assert "The people behind the Day" in body and "Our team" not in body


def test_each_request_renders_its_own_copy_of_a_kept_page(content_cache, rf, site_pages, home_page):
    """What one render sets on its page object never reaches the next request's."""
    event = site_pages["event"]
    components = [part for part in event.url.split("/") if part]
    first = home_page.specific.route(rf.get(event.url), components).page
    first.title = "Changed by one render"
    second = home_page.specific.route(rf.get(event.url), components).page
    assert second is not first and second.pk == event.pk
    assert second.title == event.title
