"""What every visitor sees the same way is kept by each worker until public content changes.

Visitors the page cache skips (editors with a session, first visits) still get the current
edition, the sections other apps add to a page and the event listing from memory;
publishing anything makes them all stale at once.
"""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign import cache as page_cache
from events.setup import ensure_event_index
from tests.events.factories import make_event
from tests.factories import EditionPageFactory


@pytest.fixture(autouse=True)
def content_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event_index(home_page):
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    return ensure_event_index()


@pytest.fixture
def editor_client(client):
    """A visitor with a session cookie: the page cache never serves them."""
    client.cookies["sessionid"] = "not-a-real-session"
    return client


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_memo_builds_once_per_generation(db):
    built = []
    build = lambda: built.append(1) or len(built)  # noqa: E731
    assert page_cache.public_memo("k", build) == 1
    assert page_cache.public_memo("k", build) == 1
    page_cache.invalidate_pages("test")
    assert page_cache.public_memo("k", build) == 2


def test_memo_keeps_empty_values_too(db):
    built = []
    page_cache.public_memo("empty", lambda: built.append(1) or [])
    page_cache.public_memo("empty", lambda: built.append(1) or [])
    assert built == [1]


def test_memo_is_off_without_the_page_cache(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    built = []
    page_cache.public_memo("k", lambda: built.append(1))
    page_cache.public_memo("k", lambda: built.append(1))
    assert built == [1, 1]


def test_memo_keeps_live_figures_only_for_their_own_time(db, monkeypatch):
    page_cache.public_memo("live", lambda: "old", seconds=30)
    later = page_cache.time.time() + 31
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    assert page_cache.public_memo("live", lambda: "new", seconds=30) == "new"


def test_memo_is_bypassed_when_the_cache_is_down(db, monkeypatch):
    monkeypatch.setattr(page_cache, "current_generation", lambda: None)
    built = []
    page_cache.public_memo("k", lambda: built.append(1))
    page_cache.public_memo("k", lambda: built.append(1))
    assert built == [1, 1]


def test_invalidation_bumps_again_when_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page_cache.invalidate_pages("a save")
        page_cache.invalidate_pages("another save in the same transaction")
    assert callbacks == [page_cache.bump_after_commit]  # once per transaction
    generation = page_cache.current_generation()
    callbacks[0]()
    assert page_cache.current_generation() != generation


def test_home_page_sections_are_rendered_once_until_an_event_is_published(editor_client, event_index):
    make_event(event_index, title="Canal walk", start=timezone.now() + timedelta(days=3))
    first = queries_for(editor_client, "/")
    assert "Canal walk" in editor_client.get("/").content.decode()
    assert queries_for(editor_client, "/") < first
    make_event(event_index, title="Allotment open day", start=timezone.now() + timedelta(days=4))
    html = editor_client.get("/").content.decode()
    assert "Canal walk" in html and "Allotment open day" in html


def test_an_event_awaiting_approval_stays_out_of_the_kept_listing(editor_client, event_index):
    make_event(event_index, title="Canal walk")
    editor_client.get("/events/")
    pending = make_event(event_index, title="Pending choir", live=False)
    assert "Pending choir" not in editor_client.get("/events/").content.decode()
    pending.save_revision().publish()
    assert "Pending choir" in editor_client.get("/events/").content.decode()


def test_each_filter_and_page_of_the_listing_is_kept_apart(editor_client, event_index):
    make_event(event_index, title="Online webinar", format="online", venue_name="", address="", postcode="",
               online_url="https://example.org/join")
    make_event(event_index, title="Canal walk")
    everything = editor_client.get("/events/").content.decode()
    online = editor_client.get("/events/?format=online").content.decode()
    assert "Canal walk" in everything and "Online webinar" in everything
    assert "Online webinar" in online and "Canal walk" not in online


def test_the_listing_from_memory_costs_fewer_queries(editor_client, event_index):
    make_event(event_index, title="Canal walk")
    first = queries_for(editor_client, "/events/")
    assert queries_for(editor_client, "/events/") <= first - 2


def test_the_site_is_looked_up_by_wagtail_on_every_request(editor_client, home_page):
    """No worker keeps the site: even a change that sends no signal is seen at once."""
    from wagtail.models import Site

    edition = EditionPageFactory(parent=home_page, year=2031, theme="Gardens for health")
    editor_client.get("/")
    Site.objects.filter(is_default_site=True).update(root_page=edition)  # no save(), no signal
    assert "Gardens for health" in editor_client.get("/").content.decode()


def test_public_fragment_renders_once_per_value(db):
    from django.template import Context, Template

    template = Template('{% load campaign_tags %}{% public_fragment "f" key %}{{ text }}{% endpublic_fragment %}')
    assert template.render(Context({"key": 1, "text": "first"})) == "first"
    assert template.render(Context({"key": 1, "text": "changed"})) == "first"
    assert template.render(Context({"key": 2, "text": "other"})) == "other"


def test_home_page_for_a_visitor_with_a_session_needs_few_queries(editor_client, event_index):
    make_event(event_index, title="Canal walk", start=timezone.now() + timedelta(days=3))
    editor_client.get("/")
    # The site (Wagtail's own lookup), the page itself, its view restrictions (two) and the
    # site settings: see bench/render.py.
    assert queries_for(editor_client, "/") <= 6


def test_footer_follows_a_change_of_site_settings(editor_client, home_page):
    from wagtail.models import Site

    from campaign.editions.models import SiteSettings

    editor_client.get("/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.footer_note = "Registered charity 1234567"
    site_settings.save()
    assert "Registered charity 1234567" in editor_client.get("/").content.decode()


def test_a_preview_never_reaches_visitors_nor_shows_them_kept_content(editor_client, event_index):
    """An editor's draft renders afresh in the preview and is never kept for the public page."""
    event = make_event(event_index, title="Canal walk", description="Meet by the lock gates.")
    draft = event.get_latest_revision_as_object()
    draft.description = "Draft words nobody has approved."
    assert "Draft words nobody has approved." in draft.make_preview_request().content.decode()
    public = editor_client.get(event.url).content.decode()
    assert "Meet by the lock gates." in public and "Draft words" not in public
    assert "Draft words nobody has approved." in draft.make_preview_request().content.decode()
    assert "Draft words" not in editor_client.get(event.url).content.decode()


def test_a_kept_event_page_still_says_when_the_event_has_finished(editor_client, event_index, monkeypatch):
    start = timezone.now() + timedelta(hours=1)
    event = make_event(event_index, title="Canal walk", start=start, end=start + timedelta(hours=2))
    html = editor_client.get(event.url).content.decode()
    assert "This event has finished" not in html and "Add to calendar" in html
    later = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = editor_client.get(event.url).content.decode()
    assert "This event has finished" in html and "Add to calendar" not in html


def test_an_event_page_from_memory_costs_fewer_queries(editor_client, event_index):
    event = make_event(event_index, title="Canal walk")
    first = queries_for(editor_client, event.url)
    assert queries_for(editor_client, event.url) <= first - 3


def test_a_redacted_story_shows_only_the_words_the_moderator_kept(editor_client, home_page):
    from stories.setup import ensure_story_section
    from tests.stories.factories import published_story

    EditionPageFactory(parent=home_page, year=2027)
    story = published_story(ensure_story_section(), what_happened="I met Mrs Abernathy at number 12 every week.")
    assert "Mrs Abernathy at number 12" in editor_client.get(story.url).content.decode()
    story.what_happened = "I met a neighbour every week."
    story.save_revision().publish()
    html = editor_client.get(story.url).content.decode()
    assert "I met a neighbour every week." in html and "Abernathy" not in html


def test_each_request_gets_its_own_site_settings(rf, home_page):
    """Kept values, a fresh instance per request: nothing one request does reaches the next."""
    from campaign.editions.models import SiteSettings

    first, second = rf.get("/"), rf.get("/")
    mine = SiteSettings.for_request(first)
    assert SiteSettings.for_request(first) is mine  # once per request, as Wagtail does
    mine.organisation_name = "Changed in one request only"
    assert SiteSettings.for_request(second).organisation_name == "Social Prescribing Day"


def test_site_settings_are_read_once_until_they_change(editor_client, home_page):
    editor_client.get("/")
    with CaptureQueriesContext(connection) as captured:
        editor_client.get("/")
    assert not any("campaign_sitesettings" in query["sql"] for query in captured)


def test_a_refused_settings_edit_never_reaches_the_public_site(admin_client, home_page):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    admin_client.get("/")  # the settings are kept by the worker
    url = f"/admin/settings/campaign/sitesettings/{site.pk}/"
    response = admin_client.post(url, {"organisation_name": "Half-saved name", "contact_email": "not an email"})
    assert response.status_code == 200 and "Enter a valid email address" in response.content.decode()
    assert "Half-saved name" not in admin_client.get("/").content.decode()


def test_the_kept_events_map_counts_an_event_once_it_is_published(editor_client, event_index):
    online = {"format": "online", "venue_name": "", "address": "", "postcode": "", "online_url": "https://example.org/j"}
    make_event(event_index, title="First webinar", **online)
    assert "Plus 1 online event," in editor_client.get("/events/").content.decode()
    make_event(event_index, title="Second webinar", **online)
    assert "Plus 2 online events," in editor_client.get("/events/").content.decode()


def test_a_cold_edition_page_counts_its_events_and_finds_its_toolkit_once(editor_client, event_index):
    """The edition's links and its sections ask the same two questions: one query each, as
    the first visitor after a publish finds every kept value gone; a new event is counted."""
    from campaign.editions.models import EditionPage
    from tests.toolkit.factories import make_toolkit

    edition = EditionPage.objects.get(year=2027)
    make_toolkit(edition)
    make_event(event_index, title="Canal walk", edition=edition)
    page_cache.local_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = editor_client.get("/2027/").content.decode()
    asked = [query["sql"] for query in queries]
    assert sum("COUNT(" in sql and '"events_eventpage"' in sql for sql in asked) == 1
    assert sum(sql.startswith('SELECT "toolkit_toolkit"') for sql in asked) == 1
    assert "1 event listed for 2027" in html and 'href="/2027/toolkit/"' in html
    make_event(event_index, title="Allotment open day", edition=edition)
    assert "2 events listed for 2027" in editor_client.get("/2027/").content.decode()
