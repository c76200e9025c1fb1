"""The page cache's Redis has a memory ceiling, evicts pages under it, and is not the rate limits' Redis.

A real redis-server is started from deploy/redis-pages.conf (on a free port), the site's page
cache pointed at it with PAGE_CACHE_URL's alias, and filled past its ceiling.
"""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from campaign import cache as page_cache
from tests.production import urls as test_urls

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def start_redis():
    servers = []

    def start(*extra: str) -> int:
        port = free_port()
        server = subprocess.Popen(
            ["redis-server", str(DEPLOY / "redis-pages.conf"), "--port", str(port), "--bind", "127.0.0.1", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        servers.append(server)
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                return port
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def pages_in(settings, port: int) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-limits"},
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "spd",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True},
        },
    }


def test_the_deployed_settings_pass_the_deploy_check(start_redis, settings):
    port = start_redis()
    pages_in(settings, port)
    config = redis.Redis(port=port).config_get("maxmemory*")
    assert int(config["maxmemory"]) == settings.PAGE_CACHE_REDIS_MB * 1024 * 1024
    assert config["maxmemory-policy"] == "allkeys-lru"
    assert page_cache.page_cache_memory_problems() == []
    call_command("check", "--deploy", "--tag", "caches", "--fail-level", "WARNING")


def test_pages_go_to_their_own_redis_and_the_rate_limits_stay_out(start_redis, settings, db):
    port = start_redis()
    pages_in(settings, port)
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROOT_URLCONF = "tests.production.urls"
    test_urls.counter["n"] = 0
    visitor = Client()
    assert visitor.get("/test-count/?a=1")["X-Page-Cache"] == "miss"
    page_cache.local_cache.clear()  # another worker: only Redis has it
    assert visitor.get("/test-count/?a=1")["X-Page-Cache"] == "hit"
    keys = [key.decode() for key in redis.Redis(port=port).keys("*")]
    assert any(":pagecache:" in key for key in keys)
    assert not caches["default"]._cache or not any("pagecache" in key for key in caches["default"]._cache)


def test_filled_past_its_ceiling_it_evicts_old_pages_and_keeps_storing(start_redis, settings):
    port = start_redis("--maxmemory", "3mb")
    pages_in(settings, port)
    store = page_cache.page_cache()
    page = "x" * 100_000
    for n in range(200):  # about 20 MB of pages into 3 MB
        store.set(f"pagecache:1:{n}", page, timeout=600)
    info = redis.Redis(port=port).info()
    assert info["used_memory"] <= 3 * 1024 * 1024 + 200_000
    assert info["evicted_keys"] > 0
    assert store.get("pagecache:1:199") == page  # the newest is there
    assert store.get("pagecache:1:0") is None  # the oldest made room


def test_the_deploy_check_warns_without_a_ceiling_or_eviction(start_redis, settings):
    port = start_redis("--maxmemory", "0", "--maxmemory-policy", "noeviction")
    pages_in(settings, port)
    problems = page_cache.page_cache_memory_problems()
    assert any("maxmemory 0 MB" in problem for problem in problems)
    assert any("evicts nothing" in problem for problem in problems)


def test_the_deploy_check_warns_when_pages_share_the_rate_limits_redis(start_redis, settings):
    port = start_redis()
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True},
    }}
    assert page_cache.page_cache() is caches["default"]
    problems = page_cache.page_cache_memory_problems()
    assert len(problems) == 1 and "PAGE_CACHE_URL" in problems[0]


def test_the_main_redis_evicts_nothing():
    settings_text = (DEPLOY / "redis.conf").read_text()
    assert "maxmemory-policy noeviction" in settings_text
    assert "maxmemory 128mb" in settings_text
