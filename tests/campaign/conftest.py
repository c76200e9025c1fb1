"""Fixtures for the project package's tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(params=["memory on", "memory off"])
def content_cache(request, settings):
    """Each test runs with the worker's memory of public content (production) and without (tests' default)."""
    settings.PAGE_CACHE_SECONDS = 600 if request.param == "memory on" else 0
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    cache.clear()
    yield request.param == "memory on"
    cache.clear()


@pytest.fixture
def visitor(client):
    """A visitor with a session cookie, whom the page cache never serves: every request routes."""
    client.cookies["sessionid"] = "not-a-real-session"
    return client
