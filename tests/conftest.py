import os
import uuid

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from tests.factories import EditionIndexPageFactory, HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_local_page_cache():
    """Each worker's in-memory copies of pages, fragments and image renditions must not leak
    from one test's database into another's (a rolled-back image's id comes round again)."""
    from django.core.cache import caches

    from campaign.cache import generation_watcher, local_cache, page_query_hints

    local_cache.clear()
    page_query_hints.clear()
    caches["renditions"].clear()
    yield
    generation_watcher.stop()  # a test's Redis is not the next one's
    local_cache.clear()
    page_query_hints.clear()
    caches["renditions"].clear()


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def redis_page_cache(settings):
    """The page cache in a real Redis (``TEST_REDIS_URL``), as in production, under a prefix of the test's own.

    Outside CI a machine without Redis skips these tests; in CI (CI=true) they fail instead.
    """
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        message = f"No Redis at {REDIS_URL} ({error})."
        if IN_CI:
            pytest.fail(message + " In CI this is a failure, not a skip.")
        pytest.skip(message)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True},
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    from django.core.cache import cache

    yield redis.Redis.from_url(REDIS_URL)
    cache.delete_pattern("*")  # only this test's prefix: other runs may share the server


@pytest.fixture
def home_page(db):
    """The site's root page, in place of the welcome page Wagtail's migrations create."""
    # A transactional test flushes the data Wagtail's migrations made, root page included.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Social Prescribing Day"},
    )
    return home


@pytest.fixture
def edition_index(home_page):
    return EditionIndexPageFactory(parent=home_page)


@pytest.fixture
def superuser(db):
    user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    return user


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def kept_fragments(settings):
    """The production page cache and each worker's memory, for a visitor it cannot serve whole."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def pytest_terminal_summary(terminalreporter):
    """Record how many browser journeys passed, so .ci/run can insist that they ran."""
    import os
    from pathlib import Path

    passed = [r for r in terminalreporter.stats.get("passed", []) if "tests/e2e/" in r.nodeid]
    out = Path(os.environ.get("E2E_SUMMARY_FILE", Path(__file__).resolve().parent.parent / "var" / "e2e-passed.txt"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"{len(passed)}\n")
