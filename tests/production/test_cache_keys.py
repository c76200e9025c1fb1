"""The page cache's key space is bounded: only the parameters a view declares make a key.

Without it, a script adding ``?x=<random>`` to each request would make every request a render
and a new entry in Redis. Views declare what they read (``campaign.cache.reads_query``, or
``page_cache_query`` on a page model); the view is handed only those.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from campaign import cache as page_cache
from tests.factories import EditionPageFactory
from tests.production import urls as test_urls


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROOT_URLCONF = "tests.production.urls"
    cache.clear()
    test_urls.counter["n"] = 0
    yield
    cache.clear()


def stored_pages() -> int:
    """Page entries in the shared cache (the tests' cache is in memory)."""
    return sum(
        1 for key in cache._cache
        if ":pagecache:" in key and not key.endswith((":render", page_cache.GENERATION_KEY))
    )


def test_a_script_adding_random_parameters_makes_one_entry_and_one_render(db):
    for n in range(50):
        response = Client().get(f"/test-count/?a=1&nonce={n}&x{n}=y")
        assert response.content == b"render 1"
    assert stored_pages() == 1


def test_a_view_that_declares_nothing_sees_no_query(client, home_page):
    EditionPageFactory(parent=home_page, year=2031, theme="Gardens for health")
    first = client.get("/2031/?x=1")
    assert first["X-Page-Cache"] == "miss"
    assert first.wsgi_request.GET.dict() == {}
    assert client.get("/2031/?y=2&z=3")["X-Page-Cache"] == "hit"
    assert client.get("/2031/")["X-Page-Cache"] == "hit"


def test_declared_parameters_reach_the_view_in_order_and_others_do_not(client, db):
    response = client.get("/test-query/?z=1&b=9&a=2&other=x&a=1")
    assert response.content == b"a=2&a=1&z=1 | ['2', '1']"


def test_the_site_search_keeps_its_query_and_page(client, home_page):
    EditionPageFactory(parent=home_page, year=2021, theme="Listen and connect")
    call_command("update_index", verbosity=0)
    found = client.get("/search/?q=listen&x=1")
    assert found["X-Page-Cache"] == "miss" and "Social Prescribing Day 2021" in found.content.decode()
    assert client.get("/search/?x=2&q=listen")["X-Page-Cache"] == "hit"
    other = client.get("/search/?q=gardening")
    assert other["X-Page-Cache"] == "miss" and "Social Prescribing Day 2021" not in other.content.decode()
    assert client.get("/search/?q=listen&page=2")["X-Page-Cache"] == "miss"


def test_a_raw_byte_query_is_served_but_never_stored_where_the_view_reads_parameters(db):
    visitor = Client()
    for _ in range(3):
        response = visitor.get("/test-count/", QUERY_STRING="a=\xe9")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert stored_pages() == 0
    assert test_urls.counter["n"] == 3


def test_a_raw_byte_query_is_dropped_where_the_view_reads_none(client, home_page):
    EditionPageFactory(parent=home_page, year=2031, theme="Gardens for health")
    assert client.get("/2031/")["X-Page-Cache"] == "miss"
    assert client.get("/2031/", QUERY_STRING="x=\xe9\xff")["X-Page-Cache"] == "hit"
    assert client.get("/stats/", QUERY_STRING="x=\xe9\xff")["X-Page-Cache"] == "miss"
    assert client.get("/stats/")["X-Page-Cache"] == "hit"


def test_a_page_keeps_only_the_parameters_its_own_model_reads(client, home_page):
    """Wagtail's page view takes every page model's parameters until it knows the page's kind."""
    EditionPageFactory(parent=home_page, year=2031, theme="Gardens for health")
    test_urls.counter["n"] = 0
    first = client.get("/2031/?q=random-1&page=7&type=walk")  # what the stories and events listings read
    assert first["X-Page-Cache"] == "miss"
    for n in range(2, 30):
        again = client.get(f"/2031/?q=random-{n}&page={n}&role=x{n}")
        assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert client.get("/2031/")["X-Page-Cache"] == "hit"
    assert stored_pages() == 1


def test_a_publish_forgets_what_a_path_reads(client, home_page, rf):
    """Another kind of page could take the path: until it is served, every model's parameters count."""
    edition = EditionPageFactory(parent=home_page, year=2031, theme="Gardens for health")
    client.get("/2031/?q=a")
    request = rf.get("/2031/")
    assert page_cache.declared_query(request, page_cache.current_generation()) == frozenset()
    edition.save_revision().publish()
    assert page_cache.declared_query(request, page_cache.current_generation()) == page_cache.page_models_query()
    assert client.get("/2031/?q=b")["X-Page-Cache"] == "miss"
    assert client.get("/2031/?q=c")["X-Page-Cache"] == "hit"


def test_a_response_larger_than_the_ceiling_is_served_but_not_stored(client, settings, db):
    settings.PAGE_CACHE_MAX_ENTRY_KB = 1
    visitor = Client()
    big = visitor.get("/test-big/")
    assert big.status_code == 200 and len(big.content) > 1024
    assert "X-Page-Cache" not in big
    assert stored_pages() == 0
    small = visitor.get("/test-count/")
    assert small["X-Page-Cache"] == "miss" and stored_pages() == 1


def test_declarations_follow_the_url_not_the_query(db):
    assert page_cache._declared_for("tests.production.urls", "/test-count/") == ({"a", "b"}, False)
    assert page_cache._declared_for("tests.production.urls", "/no/such/file.txt") == (frozenset(), False)
    every_page_model, is_page = page_cache._declared_for("tests.production.urls", "/any/page/")
    assert is_page and {"q", "page", "type", "role", "region"} <= every_page_model
