"""Each worker hears bumps of the page cache's generation over Redis, so cached pages cost no round trip.

These run against a real Redis (``TEST_REDIS_URL``), as production does: the message another app
server publishes, the subscription Redis cuts, and a request on this worker after each.
"""

import pytest
from django.test import Client

from campaign import cache as page_cache
from tests.factories import EditionPageFactory
from tests.waiting import wait_until

watcher = page_cache.generation_watcher


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2031, theme="Gardens for health")


@pytest.fixture
def shared_reads(monkeypatch):
    """How many times this worker read the shared generation from Redis."""
    reads = []
    read = page_cache._shared_generation

    def counted():
        reads.append(1)
        return read()

    monkeypatch.setattr(page_cache, "_shared_generation", counted)
    return reads


def listening() -> bool:
    """the worker is subscribed to the generation channel"""
    return watcher.subscribed


def another_server_bumps(redis_client) -> None:
    """What ``invalidate_pages`` on another app server sends: the new generation, then the announcement."""
    redis_client.incr(page_cache.generation_channel())
    redis_client.publish(page_cache.generation_channel(), b"bump")


def test_cached_pages_are_served_without_asking_redis_while_the_worker_listens(
    redis_page_cache, edition, shared_reads,
):
    visitor = Client()
    assert visitor.get(edition.url)["X-Page-Cache"] == "miss"
    wait_until(listening)
    visitor.get(edition.url)  # reads once more: the first read came before the subscription
    shared_reads.clear()

    for _ in range(20):
        assert visitor.get(edition.url)["X-Page-Cache"] == "hit"
    assert shared_reads == []


def test_a_bump_on_another_server_reaches_this_worker_before_its_next_request(
    redis_page_cache, edition, shared_reads,
):
    visitor = Client()
    visitor.get(edition.url)
    wait_until(listening)
    visitor.get(edition.url)
    assert visitor.get(edition.url)["X-Page-Cache"] == "hit"
    heard = watcher.heard

    another_server_bumps(redis_page_cache)
    wait_until(lambda: watcher.heard > heard)

    shared_reads.clear()
    assert visitor.get(edition.url)["X-Page-Cache"] == "miss"
    assert shared_reads == [1]
    assert visitor.get(edition.url)["X-Page-Cache"] == "hit"
    assert shared_reads == [1]


def test_a_lost_subscription_means_reading_the_generation_on_every_request(
    redis_page_cache, edition, shared_reads, monkeypatch,
):
    monkeypatch.setattr(page_cache, "CACHE_RETRY_SECONDS", 0.2)
    visitor = Client()
    visitor.get(edition.url)
    wait_until(listening)

    # Redis drops this worker's subscriber connection (a restart, a failover, a network cut).
    for client in redis_page_cache.client_list():
        if client["name"].startswith("page-cache-generation-"):
            redis_page_cache.client_kill_filter(_id=client["id"])
    wait_until(lambda: not watcher.subscribed)
    # Bumps made while nobody listens are not heard; each request reads the generation meanwhile.
    shared_reads.clear()
    assert visitor.get(edition.url)["X-Page-Cache"] == "hit"
    another_server_bumps(redis_page_cache)
    assert visitor.get(edition.url)["X-Page-Cache"] == "miss"
    assert len(shared_reads) == 2

    wait_until(listening)  # subscribed again: trusted again after one more read
    visitor.get(edition.url)
    shared_reads.clear()
    assert visitor.get(edition.url)["X-Page-Cache"] == "hit"
    assert shared_reads == []


def test_a_listener_that_has_gone_quiet_is_not_trusted(redis_page_cache, edition, shared_reads, monkeypatch):
    visitor = Client()
    visitor.get(edition.url)
    wait_until(listening)
    monkeypatch.setattr(page_cache.GenerationWatcher, "ALIVE_SECONDS", 0.0)  # its last word came too long ago
    shared_reads.clear()
    visitor.get(edition.url)
    visitor.get(edition.url)
    assert len(shared_reads) == 2


def test_this_workers_own_bump_is_announced_to_the_others(redis_page_cache, edition):
    subscriber = redis_page_cache.pubsub(ignore_subscribe_messages=True)
    subscriber.subscribe(page_cache.generation_channel())
    wait_until(lambda: subscriber.get_message(timeout=0.01) is None and subscriber.subscribed)
    page_cache.invalidate_pages("test")
    message = subscriber.get_message(timeout=2)
    assert message is not None and message["type"] == "message"
    subscriber.close()
