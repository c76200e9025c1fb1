"""The anonymous page cache: hits, invalidation, what is never cached, expiry, and a dead cache."""

from unittest import mock

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from campaign import cache as page_cache
from campaign.submissions.models import HeldSubmission, RecordedFlag
from tests.factories import EditionPageFactory
from tests.production import urls as test_urls

BROKEN_REDIS = {"default": {
    "BACKEND": "django_redis.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": True},
}}


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROOT_URLCONF = "tests.production.urls"
    cache.clear()
    page_cache._cache_down_until = 0.0
    yield
    cache.clear()
    page_cache._cache_down_until = 0.0


def local_pages() -> int:
    return sum(1 for key in page_cache.local_cache._entries if key.startswith("pagecache:"))


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2031, theme="Gardens for health")


def test_anonymous_pages_come_from_the_cache(client, edition, django_assert_num_queries):
    first = client.get("/2031/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/2031/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cache_headers_and_conditional_get(client, edition):
    response = client.get("/2031/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control
    assert "Cookie" in response["Vary"]
    etag = response["ETag"]
    assert etag
    not_modified = client.get("/2031/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert client.get("/2031/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_shared_caches_keep_pages_longer_only_with_a_cdn_purge(client, edition, settings):
    assert "s-maxage=60" in client.get("/2031/")["Cache-Control"]
    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.dummy.DummyBackend"}}
    assert "s-maxage=600" in client.get("/")["Cache-Control"]


def test_publishing_shows_the_change_at_once(client, edition):
    assert "Gardens for health" in client.get("/2031/").content.decode()
    edition.theme = "Walking together"
    edition.save_revision().publish()
    response = client.get("/2031/")
    assert response["X-Page-Cache"] == "miss"
    assert "Walking together" in response.content.decode()


def test_unpublishing_removes_the_page_at_once(client, edition):
    assert client.get("/2031/").status_code == 200
    edition.unpublish()
    assert client.get("/2031/").status_code == 404


def test_home_page_listing_follows_a_new_edition(client, home_page):
    client.get("/")
    EditionPageFactory(parent=home_page, year=2032, theme="A brand new theme", live=False).save_revision().publish()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_drafts_and_submissions_do_not_empty_the_cache(client, edition, home_page):
    client.get("/2031/")
    generation = page_cache.current_generation()
    edition.theme = "Draft only"
    edition.save_revision()  # a draft, not published
    EditionPageFactory(parent=home_page, year=2033, live=False)  # a new page awaiting moderation
    assert page_cache.current_generation() == generation
    response = client.get("/2031/")
    assert response["X-Page-Cache"] == "hit" and "Draft only" not in response.content.decode()


def test_what_the_cache_ignores_names_real_apps_and_models():
    """A misspelt label ignores nothing: every save of that model would empty the cache."""
    labels = {config.label for config in apps.get_app_configs()}
    assert page_cache.IGNORED_APPS <= labels, page_cache.IGNORED_APPS - labels
    for label in page_cache.ignored_models():
        apps.get_model(label)  # LookupError for a label that names no model


def test_background_tasks_do_not_empty_the_cache(client, edition, settings):
    """The task worker queues, starts and finishes tasks all day (emails, toolkit zips, reach
    refreshes): none of that is public, and none of it may make every cached page stale."""
    from django_tasks_db.models import DBTaskResult

    from toolkit.tasks import build_toolkit_archive

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.get("/2031/")
    generation = page_cache.current_generation()
    row = DBTaskResult.objects.get(id=build_toolkit_archive.enqueue(0).id)  # queued, as a signal does
    row.claim("worker-1")  # then run and finished, as db_worker does
    row.set_successful("")
    row.delete()  # and pruned (prune_finished_tasks)
    assert page_cache.current_generation() == generation
    assert client.get("/2031/")["X-Page-Cache"] == "hit"


def test_public_submissions_leave_the_cache_until_a_moderator_publishes(
    home_page, admin_client, settings, django_capture_on_commit_callbacks,
):
    """On the Day stories and events arrive all along; none is public before approval, so none
    may make every visitor's page a fresh render: not the private record, nor a safeguarding
    flag, nor a submission held back by the hourly ceiling. The approval does empty the cache."""
    from events.setup import ensure_event_index
    from stories.models import StorySubmission
    from stories.setup import ensure_story_section
    from tests.events.helpers import form_data as event_form
    from tests.privacy.conftest import workflow_action
    from tests.stories.conftest import story_data

    EditionPageFactory(parent=home_page, year=2027)
    ensure_story_section(), ensure_event_index()
    settings.SUBMISSIONS_PER_HOUR = 1  # the event, after the story, is held
    visitor, submitter = Client(), Client()
    for path in ("/stories/", "/events/"):
        visitor.get(path)
    generation = page_cache.current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        shared = submitter.post("/stories/share/", story_data(
            title="The choir that found my voice", what_happened="Some weeks I wanted to hurt myself. The choir helped.",
        ), REMOTE_ADDR="198.51.100.1")
        listed = submitter.post("/events/submit/", event_form(title="Lantern walk for everyone"), REMOTE_ADDR="198.51.100.2")
    assert (shared.status_code, listed.status_code) == (302, 302)
    story = StorySubmission.objects.get().page
    assert RecordedFlag.objects.filter(page_id=story.pk).exists() and HeldSubmission.objects.exists()
    assert page_cache.current_generation() == generation
    assert [visitor.get(path)["X-Page-Cache"] for path in ("/stories/", "/events/")] == ["hit", "hit"]

    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(admin_client, story, "approve").status_code == 302
    listing = visitor.get("/stories/")
    assert listing["X-Page-Cache"] == "miss" and "The choir that found my voice" in listing.content.decode()


def test_an_editors_live_preview_leaves_the_cache(edition, admin_client):
    """Wagtail's preview panel posts the edit form as the editor types and keeps what it got
    (its FormState): a draft nobody else sees, so no cached page goes stale."""
    from wagtail.admin.models import FormState

    from tests.submissions.editor import edit_form_data

    visitor = Client()
    visitor.get("/2031/")
    generation = page_cache.current_generation()
    # The edition's three streams are empty: the browser posts each as a count of none.
    empty_streams = {f"{name}-count": "0" for name in ("body", "results", "highlights")}
    typed = edit_form_data(admin_client, edition, theme="Typed, previewed, not published", **empty_streams)
    response = admin_client.post(reverse("wagtailadmin_pages:preview_on_edit", args=[edition.pk]), typed)
    assert response.json() == {"is_valid": True, "is_available": True} and FormState.objects.exists()
    assert page_cache.current_generation() == generation
    page = visitor.get("/2031/")
    assert page["X-Page-Cache"] == "hit" and "Typed, previewed" not in page.content.decode()


def test_settings_and_snippets_invalidate(client, home_page):
    from wagtail.models import Site

    from campaign.editions.models import SiteSettings

    client.get("/")
    generation = page_cache.current_generation()
    SiteSettings.for_site(Site.objects.get(is_default_site=True)).save()
    assert page_cache.current_generation() != generation
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_moving_or_deleting_a_page_invalidates(client, edition):
    client.get("/")
    generation = page_cache.current_generation()
    edition.delete()
    assert page_cache.current_generation() != generation


def test_logged_in_editors_are_never_served_or_stored(client, edition, superuser):
    client.force_login(superuser)
    for _ in range(2):
        response = client.get("/2031/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    anonymous = client.__class__()
    assert anonymous.get("/2031/")["X-Page-Cache"] == "miss"


def test_posts_are_never_cached(client, edition):
    response = client.post("/search/", {"q": "x"})
    assert "X-Page-Cache" not in response


def test_form_pages_keep_a_token_per_visitor(client, db):
    first = client.get("/test-form/")
    assert "X-Page-Cache" not in first and "private" in first["Cache-Control"]
    other = client.__class__()
    second = other.get("/test-form/")
    assert "X-Page-Cache" not in second
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_responses_setting_cookies_are_not_stored(client, db):
    client.get("/test-cookie/")
    other = client.__class__()
    assert "X-Page-Cache" not in other.get("/test-cookie/")


def test_visitors_with_a_message_see_it_not_a_cached_page(client, home_page):
    client.get("/")  # cached for everyone
    client.post("/test-message/")
    response = client.get("/")
    assert "Thank you" in response.content.decode()
    assert "X-Page-Cache" not in response


def test_live_pages_keep_their_own_shorter_lifetime(client, db, settings):
    stored = {}
    real_set = cache.set

    def spy(key, value, timeout=None, **kwargs):
        if key.startswith("pagecache:") and key != page_cache.GENERATION_KEY:
            stored[key] = timeout
        return real_set(key, value, timeout=timeout, **kwargs)

    with mock.patch.object(cache, "set", side_effect=spy):
        response = client.get("/test-live/")
    # Fresh for the view's own 5 seconds, then kept as an expired copy for the grace period.
    assert list(stored.values()) == [5 + settings.PAGE_CACHE_STALE_SECONDS]
    assert 4 < response.page_cache_expires - page_cache.time.time() <= 5
    assert response["Cache-Control"] == "max-age=5"  # the view's own header is kept


def test_each_url_and_query_is_its_own_entry(client, db):
    test_urls.counter["n"] = 0
    assert client.get("/test-count/?a=1").content == b"render 1"
    assert client.get("/test-count/?a=1").content == b"render 1"
    assert client.get("/test-count/?a=2").content == b"render 2"


def test_switched_off_with_zero(client, edition, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/2031/")
    assert "X-Page-Cache" not in client.get("/2031/")


@override_settings(CACHES=BROKEN_REDIS)
def test_a_dead_cache_serves_pages_uncached(client, edition):
    for _ in range(3):
        response = client.get("/2031/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    edition.theme = "Published while Redis is down"
    edition.save_revision().publish()  # invalidation fails quietly
    assert "Published while Redis is down" in client.get("/2031/").content.decode()


@override_settings(CACHES=BROKEN_REDIS)
def test_rate_limits_fall_back_when_the_cache_is_dead(rf):
    from campaign.submissions.antispam import hit_rate_limit

    request = rf.post("/events/submit/", REMOTE_ADDR="198.51.100.7")
    results = [hit_rate_limit(request, "cache-down-test", limit=3, window=60) for _ in range(5)]
    assert results == [False, False, False, True, True]


def test_cdn_purges_the_page_and_its_listings(edition, settings):
    settings.WAGTAILFRONTENDCACHE = {"default": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://127.0.0.1:6081",
    }}
    purged = []
    with mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen",
                    side_effect=lambda request: purged.append((request.get_method(), request.full_url))):
        edition.save_revision().publish()
    assert ("PURGE", "http://127.0.0.1:6081/2031/") in purged
    assert ("PURGE", "http://127.0.0.1:6081/") in purged


def test_stats_pages_are_kept_briefly(settings):
    from campaign.cache import live_page

    assert live_page("/stats/") and live_page("/2027/stats/") and live_page("/stats/data.json")
    assert not live_page("/stories/stats-about-health/") and not live_page("/")
    assert settings.PAGE_CACHE_LIVE_SECONDS <= 60


def test_a_worker_serves_repeat_hits_from_its_own_memory(client, edition):
    client.get("/2031/")
    with mock.patch.object(cache, "get", wraps=cache.get) as read:
        hit = client.get("/2031/")
    assert hit["X-Page-Cache"] == "hit" and "Gardens for health" in hit.content.decode()
    assert [call.args[0] for call in read.call_args_list] == [page_cache.GENERATION_KEY]  # not the page
    assert local_pages() == 1


def test_a_hit_from_memory_is_a_fresh_response_each_time(client, edition):
    client.get("/2031/")
    first, second = client.get("/2031/"), client.get("/2031/")
    assert first is not second and first.content == second.content
    assert first["ETag"] == second["ETag"] and "Cookie" in second["Vary"]
    assert client.get("/2031/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_another_server_publishing_reaches_this_worker_within_the_trust_window(client, edition, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    client.get("/2031/")
    cache.incr(page_cache.GENERATION_KEY)  # as another app server's publish does
    assert client.get("/2031/")["X-Page-Cache"] == "hit"  # still trusted
    with mock.patch("campaign.cache.time.monotonic", return_value=page_cache.time.monotonic() + 61):
        assert client.get("/2031/")["X-Page-Cache"] == "miss"


def test_another_server_publishing_reaches_this_workers_memory_with_the_next_request(client, edition):
    """By default every request reads the generation: no copy outlives a publish elsewhere."""
    client.get("/2031/")
    assert client.get("/2031/")["X-Page-Cache"] == "hit"
    cache.incr(page_cache.GENERATION_KEY)  # as another app server's publish does
    assert client.get("/2031/")["X-Page-Cache"] == "miss"


def test_a_request_reads_the_generation_once_and_its_fragments_share_it(client, edition):
    client.get("/2031/")
    cache.incr(page_cache.GENERATION_KEY)  # the page and its fragments are built again
    with mock.patch("campaign.cache._shared_generation", wraps=page_cache._shared_generation) as read:
        assert client.get("/2031/")["X-Page-Cache"] == "miss"
    assert read.call_count == 1
    with mock.patch("campaign.cache._shared_generation", wraps=page_cache._shared_generation) as read:
        assert client.get("/2031/")["X-Page-Cache"] == "hit"
    assert read.call_count == 1


def test_publishing_in_this_worker_empties_its_memory_at_once(client, edition, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    client.get("/2031/")
    edition.theme = "Music and movement"
    edition.save_revision().publish()
    response = client.get("/2031/")
    assert response["X-Page-Cache"] == "miss" and "Music and movement" in response.content.decode()


def expire_in_shared_cache(path: str) -> str:
    """Make the shared copy of ``path`` one whose time is up, and forget this worker's copy."""
    from django.test import RequestFactory

    key = page_cache.cache_key(RequestFactory().get(path), page_cache.current_generation())
    shared = cache.get(key)
    shared.page_cache_expires = page_cache.time.time() - 1
    cache.set(key, shared, timeout=600)
    page_cache.local_cache.clear()
    return key


def test_an_expired_page_is_served_while_another_request_renders_it(client, db):
    test_urls.counter["n"] = 0
    assert client.get("/test-count/").content == b"render 1"
    key = expire_in_shared_cache("/test-count/")
    assert cache.add(page_cache.lock_key(key), 1, timeout=10)  # another worker is rendering
    response = client.get("/test-count/")
    assert test_urls.counter["n"] == 1  # the view was not called
    assert response.content == b"render 1" and response["X-Page-Cache"] == "stale"
    assert "max-age=0" in response["Cache-Control"]  # no browser or CDN keeps the old copy
    assert local_pages() == 0  # and this worker does not keep it either


def test_one_request_renders_an_expired_page_again_and_releases_the_lock(client, db):
    test_urls.counter["n"] = 0
    client.get("/test-count/")
    key = expire_in_shared_cache("/test-count/")
    response = client.get("/test-count/")
    assert response.content == b"render 2" and response["X-Page-Cache"] == "miss"
    assert cache.get(page_cache.lock_key(key)) is None
    assert client.get("/test-count/")["X-Page-Cache"] == "hit" and test_urls.counter["n"] == 2


def test_requests_during_a_render_get_the_expired_copy(client, db):
    """The stampede: every request that arrives while one renders must not render too."""
    test_urls.counter["n"] = 0
    client.get("/test-count/")
    expire_in_shared_cache("/test-count/")
    during = []
    test_urls.counter["while_rendering"] = lambda: during.append(client.__class__().get("/test-count/"))
    response = client.get("/test-count/")
    assert response.content == b"render 2" and test_urls.counter["n"] == 2
    assert [r["X-Page-Cache"] for r in during] == ["stale"] and during[0].content == b"render 1"


def test_a_publish_never_serves_an_expired_copy(client, edition):
    client.get("/2031/")
    expire_in_shared_cache("/2031/")
    edition.theme = "Singing for the brain"
    edition.save_revision().publish()
    response = client.get("/2031/")
    assert response["X-Page-Cache"] == "miss" and "Singing for the brain" in response.content.decode()


def test_tracking_parameters_and_order_do_not_make_new_entries(client, db):
    test_urls.counter["n"] = 0
    assert client.get("/test-count/?b=2&a=1").content == b"render 1"
    assert client.get("/test-count/?a=1&b=2&utm_source=newsletter&fbclid=abc").content == b"render 1"
    assert client.get("/test-count/?a=1&b=3").content == b"render 2"


def test_the_view_sees_the_normalised_query(client, db):
    response = client.get("/test-query/?z=1&utm_campaign=day&a=2&a=1")
    assert response.content == b"a=2&a=1&z=1 | ['2', '1']"


def test_memory_is_bounded_by_count_and_bytes(settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 3
    settings.PAGE_CACHE_LOCAL_BYTES = 8000
    store = page_cache.LocalCache()
    store.generation(lambda: 1)
    later = page_cache.time.time() + 60
    for n in range(5):
        store.put(f"k{n}", n, later, 100)
    assert len(store) == 3 and store.get("k0") is None and store.get("k4") == 4
    store.put("big", "x", later, 1001)  # over an eighth of the budget
    assert store.get("big") is None
    for n in range(3):
        store.put(f"m{n}", n, later, 900)
    assert store._bytes <= 8000


def test_a_new_generation_empties_the_store(settings):
    store = page_cache.LocalCache()
    store.generation(lambda: 1)
    store.put("k", "v", page_cache.time.time() + 60, 1)
    store.forget_generation()
    store.generation(lambda: 2)
    assert store.get("k") is None and len(store) == 0


def test_switched_off_with_zero_entries(client, edition, settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0
    client.get("/2031/")
    assert local_pages() == 0
    assert client.get("/2031/")["X-Page-Cache"] == "hit"  # from the shared cache
