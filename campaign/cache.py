"""A page cache for anonymous visitors, invalidated when anything public changes.

On the Day most requests are anonymous GETs of a handful of pages. This middleware keeps
their full responses in the shared cache (Redis in production) for ``PAGE_CACHE_SECONDS``.

Every key includes a *generation* number kept in the cache. Publishing or unpublishing a
page, a moderator's approval (which publishes), moving or deleting a page, and saving any
public model (snippets, settings, images, other apps' content) bump the generation, so
every cached page is stale at once, across all app servers, without listing URLs.

What is never cached: requests with a session or messages cookie (editors, anyone with a
flash message), Authorization headers, anything but GET/HEAD, responses other than 200,
responses that set cookies, used a CSRF token (forms keep per-visitor tokens), vary on
something other than Cookie/Accept-Encoding, or say private/no-store/no-cache. Views with a
shorter ``max-age`` of their own (live stats) are kept no longer than that.

When a page's time is up its copy is kept ``PAGE_CACHE_STALE_SECONDS`` longer: the first
request to see it expired takes a short lock (``cache.add``) and renders the page again,
while every other request is served the copy that just expired. Short-lived pages (live
stats, 30 s) are so re-rendered by one worker, not by all of them at once. A publish needs
no such grace: it moves the generation, and no stale copy of an old generation is served.

A page's key is its host, path and query, and the query holds only the parameters the view
declares it reads (``reads_query`` on a view, ``page_cache_query`` on a page model; Wagtail's
page view takes those of every page model). Every other parameter (``?x=<random>`` from a
script, tracking parameters such as ``utm_*``, ``PAGE_CACHE_IGNORED_QUERY``) is taken off the
request before the view sees it, and the rest put in order, so the key space is bounded by
what pages use, and links shared with trackers do not each make a copy. A query that is not
plain ASCII on a page that reads parameters is served uncached. A response larger than
``PAGE_CACHE_MAX_ENTRY_KB`` is not stored.

If Redis is unreachable, pages are simply served uncached: django-redis's
``IGNORE_EXCEPTIONS`` turns every failed call into a miss, and after a failure this module
leaves the cache alone for ``CACHE_RETRY_SECONDS`` so a hung Redis costs one timeout.

Besides Redis, each worker keeps one bounded store in its own memory (``LocalCache``) for two
kinds of entry, both tied to the generation:

- the pages it served lately, so a hit costs no round trip to Redis nor unpickling (wrk, 32
  connections, interleaved rounds: without it cached ``/`` ran at 43-89% of the rate with
  it, wagtail-cache 3.0 at 19-46%; with it, at about the static file's rate);
- what every visitor sees the same way (``public_memo`` and ``{% public_fragment %}``: the
  live editions, sections other apps add to a page, the footer), for the visitors the page
  cache cannot serve: editors with a session and the first visitor after a publish.

Nothing else public is kept in a worker's memory: the request's site, for one, is found by
Wagtail's own ``Site.find_for_request`` on each request that renders.

Every page and fragment a request serves from memory belongs to the generation the request
read when it started. With Redis, each worker also listens (``GenerationWatcher``, one thread
and one connection per worker): a bump on any app server is published on a channel, and until
the worker hears one it trusts the generation it last read, so a cached page costs no round
trip at all. A withdrawal, erasure or publish anywhere thus reaches every worker's memory
before its next request (a message on loopback or a LAN takes well under a millisecond), and
what a storyteller withdrew is never served again from any copy. When the worker is not
listening (no Redis, the subscription lost, the thread silent for ``GenerationWatcher.
ALIVE_SECONDS``), each request reads the shared generation instead: one small GET.
``PAGE_CACHE_LOCAL_SECONDS`` (0 by default) lets a worker trust what it read that long even
so, for sites without Redis that would rather save the GET than be exact.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode

import redis
from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaign import registry

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_KEY = "pagecache:generation"
HIT_HEADER = "X-Page-Cache"
CACHEABLE_VARY = {"cookie", "accept-encoding"}
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# How long one request may take to render an expired page again before another may try.
RENDER_LOCK_SECONDS = 10
# Apps whose saved objects never change what anonymous visitors see.
# App labels, not package names: django-tasks-db's models live under "django_tasks_database"
# (every task queued, started or finished would otherwise empty the page cache).
IGNORED_APPS = {
    "sessions", "axes", "django_otp", "otp_totp", "otp_static", "django_tasks_database", "admin",
    "contenttypes", "auth", "wagtailusers", "wagtailsearch", "wagtailembeds",
}
# Wagtail models that change on every draft, lock or workflow step, not on what is public;
# publishing itself sends page_published, which is handled separately.
IGNORED_MODELS = {
    "wagtailcore.revision", "wagtailcore.pagelogentry", "wagtailcore.modellogentry",
    "wagtailcore.workflowstate", "wagtailcore.taskstate", "wagtailcore.pagesubscription",
    "wagtailcore.comment", "wagtailcore.commentreply", "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile", "wagtailadmin.editingsession", "wagtailimages.rendition",
    # What the preview panel was last sent, saved as an editor types (and old ones deleted).
    "wagtailadmin.formstate",
}
# The apps' own such models (counters, bookkeeping) come from the
# register_page_cache_ignored_models hook (campaign.registry).

# Fields Wagtail saves on a live page when a draft is saved, locked or sent to a workflow.
DRAFT_ONLY_FIELDS = {
    "draft_title", "latest_revision", "latest_revision_created_at", "has_unpublished_changes",
    "locked", "locked_at", "locked_by", "live_revision", "wagtail_admin_comments",
}


def ignored_models() -> set[str]:
    """Labels ("app_label.model_name") of models whose saves leave public pages as they were."""
    return IGNORED_MODELS | registry.page_cache_ignored_models()


_cache_down_until = 0.0
CACHE_RETRY_SECONDS = 5


PAGE_CACHE_ALIAS = "pages"
# Redis eviction policies that keep a full page cache working: the least used pages make room.
EVICTING_POLICIES = {"allkeys-lru", "allkeys-lfu", "volatile-lru", "volatile-lfu", "volatile-ttl", "allkeys-random"}


def page_cache():
    """The cache pages live in: their own (``PAGE_CACHE_URL``) if set, else the default."""
    return caches[PAGE_CACHE_ALIAS if PAGE_CACHE_ALIAS in settings.CACHES else "default"]


def page_cache_memory_problems() -> list[str]:
    """What is wrong with the page cache's Redis memory ceiling (``check --deploy``); [] when sound.

    Asks the server itself (``CONFIG GET``): a ceiling set in redis.conf but not loaded is no ceiling.
    """
    alias = PAGE_CACHE_ALIAS if PAGE_CACHE_ALIAS in settings.CACHES else "default"
    if "redis" not in settings.CACHES[alias]["BACKEND"].lower():
        return []
    problems = []
    if alias == "default":
        problems.append(
            "The page cache shares Redis with the rate limits and form stamps: set PAGE_CACHE_URL to a "
            "Redis of its own (deploy/redis-pages.conf), so a flood of pages cannot evict them."
        )
    try:
        client = caches[alias].client.get_client(write=False)
        limit = int(client.config_get("maxmemory").get("maxmemory", 0))
        policy = client.config_get("maxmemory-policy").get("maxmemory-policy", "")
    except Exception as error:  # unreachable, or CONFIG refused by a managed service
        return problems + [f"Could not read the page cache's Redis memory settings ({type(error).__name__})."]
    ceiling = settings.PAGE_CACHE_REDIS_MB * 1024 * 1024
    if not limit or limit > ceiling:
        problems.append(
            f"The page cache's Redis has maxmemory {limit // (1024 * 1024)} MB (0 = none); "
            f"PAGE_CACHE_REDIS_MB is {settings.PAGE_CACHE_REDIS_MB}."
        )
    if policy not in EVICTING_POLICIES:
        problems.append(f"The page cache's Redis evicts nothing when full (maxmemory-policy {policy}); use allkeys-lru.")
    return problems


def check_page_cache_memory(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``manage.py check --deploy``: the page cache's Redis has a memory ceiling and evicts under it."""
    return [checks.Warning(problem, id="campaign.W010") for problem in page_cache_memory_problems()]


def _cache_usable() -> bool:
    return time.monotonic() >= _cache_down_until


def _cache_failed(action: str) -> None:
    """Stop trying the cache for a few seconds, so a dead Redis costs one timeout, not one per request."""
    global _cache_down_until
    _cache_down_until = time.monotonic() + CACHE_RETRY_SECONDS
    logger.warning("Page cache unavailable during %s; serving uncached for %ss.", action, CACHE_RETRY_SECONDS)


# The generation the request being served read when it started (see PageCacheMiddleware).
_request_generation: ContextVar[int | None] = ContextVar("page_cache_generation", default=None)


def current_generation() -> int | None:
    """The generation every key includes; None when the cache cannot be reached.

    Within a request, the one it read when it started; otherwise read from the shared cache
    (or, with ``PAGE_CACHE_LOCAL_SECONDS``, trusted that long per worker).
    """
    held = _request_generation.get()
    if held is not None:
        return held
    if not _cache_usable():
        return None
    generation_watcher.start()
    return local_cache.generation(_shared_generation)


def _shared_generation() -> int | None:
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh start value (not 1) so a flushed Redis can never revive old keys.
        fresh = time.time_ns()
        if cache.add(GENERATION_KEY, fresh, timeout=None):
            return fresh
        generation = cache.get(GENERATION_KEY)  # another server set it first
        if generation is None:
            # Neither read nor written: Redis is down (django-redis ignored the error).
            _cache_failed("generation lookup")
            return None
    return int(generation)


def invalidate_pages(reason: str = "") -> None:
    """Make every cached page stale at once (all app servers share the generation).

    Bumped at once and again when the transaction commits: a server that read the first
    new generation before the commit may have cached what it saw then.
    """
    _bump_generation(reason)
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(call[1] is bump_after_commit for call in connection.run_on_commit):
        transaction.on_commit(bump_after_commit)


def bump_after_commit() -> None:
    """Once per transaction, however many saves it holds."""
    _bump_generation("commit")


def _bump_generation(reason: str) -> None:
    local_cache.forget_generation()
    _request_generation.set(None)  # the rest of this request reads the new one
    cache = page_cache()
    if not cache.add(GENERATION_KEY, time.time_ns(), timeout=None) and cache.incr(GENERATION_KEY) is None:
        logger.warning("Page cache could not be invalidated (%s); cached pages expire by their TTL.", reason)
        return
    announce_bump()


def generation_channel() -> str:
    """The Redis channel bumps are announced on: the generation's own key, prefix and version included."""
    return page_cache().make_key(GENERATION_KEY)


def redis_url() -> str | None:
    """The page cache's Redis address, or None when pages are kept elsewhere (no bumps to hear)."""
    config = settings.CACHES[PAGE_CACHE_ALIAS if PAGE_CACHE_ALIAS in settings.CACHES else "default"]
    if "redis" not in config["BACKEND"].lower():
        return None
    location = config["LOCATION"]
    return location[0] if isinstance(location, (list, tuple)) else location


def announce_bump() -> None:
    """Tell every worker listening (``GenerationWatcher``) that the generation moved on."""
    if redis_url() is None:
        return
    try:
        page_cache().client.get_client(write=True).publish(generation_channel(), b"bump")
    except Exception as error:
        # The generation did move: workers not listening read it; listening ones may miss this one.
        logger.error("Page cache bump could not be announced (%s): %s", type(error).__name__, error)


def live_page(path: str) -> bool:
    """Pages whose figures change by the minute on the Day (stats) are kept only briefly."""
    pattern = settings.PAGE_CACHE_LIVE_PATTERN
    return bool(pattern) and re.search(pattern, path) is not None


def reads_query(*names: str):
    """Declare the query parameters a view reads; the page cache drops every other one.

    One line above (or below) the view's other decorators::

        @reads_query("q", "page")

    A class-based view or a ``Feed`` may set ``page_cache_query`` itself; a page model sets
    ``page_cache_query`` as a class attribute (see ``declared_query``).
    """

    def decorator(view):
        view.page_cache_query = frozenset(names) | frozenset(getattr(view, "page_cache_query", ()))
        return view

    return decorator


WAGTAIL_SERVE = "wagtail_serve"
# How many paths' page types each worker remembers (see ``PageQueryHints``).
PAGE_HINT_ENTRIES = 4096


@functools.cache
def page_models_query() -> frozenset[str]:
    """What Wagtail's page view may read before the page is known: what any page model declares."""
    return frozenset().union(*(getattr(model, "page_cache_query", ()) for model in get_page_models()))


@functools.lru_cache(maxsize=4096)
def _declared_for(urlconf: str, path: str) -> tuple[frozenset[str], bool]:
    """The parameters the view at ``path`` reads, and whether it is Wagtail's page view."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return frozenset(), False
    if match.url_name == WAGTAIL_SERVE:
        return page_models_query(), True
    view = getattr(match.func, "view_class", match.func)  # a class-based view declares on its class
    return frozenset(getattr(match.func, "page_cache_query", None) or getattr(view, "page_cache_query", ())), False


class PageQueryHints:
    """Which parameters the page at a path reads, learnt when Wagtail served it.

    Before the page is found, Wagtail's page view can only be given every page model's
    parameters; once a page has been served, its own model's are known, so ``/2031/?q=<random>``
    shares the edition page's one entry. A hint belongs to a generation: a publish, move or
    delete (which could put another kind of page at the path) forgets it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hints: OrderedDict[tuple[str, str], tuple[int, frozenset[str]]] = OrderedDict()

    def get(self, request, generation: int) -> frozenset[str] | None:
        hint = self._hints.get((request.get_host(), request.path_info))
        return hint[1] if hint is not None and hint[0] == generation else None

    def remember(self, request, generation: int, names: frozenset[str]) -> None:
        key = (request.get_host(), request.path_info)
        with self._lock:
            self._hints[key] = (generation, names)
            self._hints.move_to_end(key)
            while len(self._hints) > PAGE_HINT_ENTRIES:
                self._hints.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._hints.clear()


page_query_hints = PageQueryHints()
SERVED_PAGE_QUERY = "page_cache_served_query"


def note_served_page(page, request) -> None:
    """Wagtail's ``before_serve_page`` hook: remember which parameters the served page's model reads."""
    setattr(request, SERVED_PAGE_QUERY, frozenset(getattr(type(page), "page_cache_query", ())))


def declared_query(request, generation: int | None = None) -> frozenset[str]:
    """The query parameters the view behind this request reads (none when it declares none)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    declared, is_page = _declared_for(urlconf, request.path_info)
    if is_page and generation is not None:
        hint = page_query_hints.get(request, generation)
        if hint is not None:
            return hint
    return declared


def normalise_query(request, generation: int | None = None, declared: frozenset[str] | None = None) -> bool:
    """Keep only the parameters the view reads, tracking parameters aside, and put them in order.

    The view then renders exactly what the key describes: ``?b=2&a=1&utm_source=x&x=1`` and
    ``?a=1&b=2`` are one page, with one entry. Repeated parameters keep their order.
    False when the request must not be cached: its query is raw bytes (not percent-encoded)
    and the view reads parameters, so no normal form can be given to it.
    """
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    if declared is None:
        declared = declared_query(request, generation)
    if not query.isascii():
        if declared:
            return False
        query = ""  # the view reads none of it
    ignored = settings.PAGE_CACHE_IGNORED_QUERY
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = sorted(
        (
            (name, value) for name, value in pairs
            if name in declared and not (ignored and re.fullmatch(ignored, name))
        ),
        key=lambda pair: pair[0],
    )
    normal = urlencode(kept)
    if normal != request.META["QUERY_STRING"]:
        request.META["QUERY_STRING"] = normal
        request.GET = QueryDict(normal)
    return True


def key_for_served_page(request, key: str, generation: int) -> str:
    """After Wagtail served a page: the key with only its model's parameters, remembered for its path."""
    served = getattr(request, SERVED_PAGE_QUERY, None)
    if served is None:
        return key
    page_query_hints.remember(request, generation, served)
    if set(request.GET) <= served:
        return key
    normalise_query(request, declared=served)
    return cache_key(request, generation)


def cache_key(request, generation: int) -> str:
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:{generation}:{digest}"


def lock_key(key: str) -> str:
    return f"{key}:render"


def request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(tuple(settings.ADMIN_URL_PREFIXES) + (settings.STATIC_URL, settings.MEDIA_URL))


def fits(response) -> bool:
    """Small enough to store: one huge response must not crowd out the pages in Redis."""
    return len(response.content) <= settings.PAGE_CACHE_MAX_ENTRY_KB * 1024


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - CACHEABLE_VARY:
        return False
    max_age = get_max_age(response)
    return max_age is None or max_age > 0


class PageCacheMiddleware:
    """Serve anonymous GETs from the shared cache; store cacheable 200 responses.

    An expired copy is served while one request renders the page again (see the module).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self._mark_uncached(request, self.get_response(request))
        before = _request_generation.set(None)  # read afresh, not a value left by an earlier request
        try:
            generation = current_generation()
            _request_generation.set(generation)
            return self._serve(request, generation)
        finally:
            _request_generation.reset(before)

    def _serve(self, request, generation: int | None):
        seconds = settings.PAGE_CACHE_SECONDS
        if not request_is_cacheable(request):
            return self._mark_uncached(request, self.get_response(request))
        if generation is None:
            return self._mark_uncached(request, self.get_response(request))
        if not normalise_query(request, generation):
            return self._mark_uncached(request, self.get_response(request))
        key = cache_key(request, generation)
        local = local_cache.get(key)
        if local is not None:
            return local.response()
        cached = page_cache().get(key)
        if cached is not None:
            if getattr(cached, "page_cache_expires", 0) > time.time():
                local_cache.put(key, LocalPage.of(cached), cached.page_cache_expires, len(cached.content))
                cached[HIT_HEADER] = "hit"
                return cached
            if request.method == "HEAD" or not page_cache().add(lock_key(key), 1, timeout=RENDER_LOCK_SECONDS):
                return self._stale(cached)
            # This request holds the lock: it renders, the others get the expired copy meanwhile.
        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response) and fits(response):
            self._store(request, response, key_for_served_page(request, key, generation), seconds)
            if cached is not None:
                page_cache().delete(lock_key(key))
        else:
            self._mark_uncached(request, response)
        return response

    @staticmethod
    def _stale(response):
        """The copy that just expired, which no browser or CDN may keep any longer."""
        patch_cache_control(response, max_age=0, s_maxage=0)
        response[HIT_HEADER] = "stale"
        return response

    def _store(self, request, response, key: str, seconds: int) -> None:
        if live_page(request.path):
            seconds = min(seconds, settings.PAGE_CACHE_LIVE_SECONDS)
        max_age = get_max_age(response)
        ttl = min(seconds, max_age) if max_age is not None else seconds
        if not response.has_header("ETag"):
            set_response_etag(response)
        if max_age is None:
            browser = min(settings.PAGE_CACHE_BROWSER_SECONDS, ttl)
            shared = ttl if settings.WAGTAILFRONTENDCACHE else browser
            patch_cache_control(response, public=True, max_age=browser, s_maxage=shared)
        patch_vary_headers(response, ("Cookie",))
        response.page_cache_expires = time.time() + ttl
        page_cache().set(key, response, timeout=ttl + settings.PAGE_CACHE_STALE_SECONDS)
        local_cache.put(key, LocalPage.of(response), response.page_cache_expires, len(response.content))
        response[HIT_HEADER] = "miss"

    @staticmethod
    def _mark_uncached(request, response):
        """Pages for one visitor (logged in, a form, a message) must never sit in a shared cache."""
        if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
            personal = (
                response.cookies
                or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                or settings.SESSION_COOKIE_NAME in request.COOKIES
            )
            if personal and response.status_code < 500:
                patch_cache_control(response, private=True, no_cache=True)
        return response


@dataclass(frozen=True, slots=True)
class LocalPage:
    """A cached page as plain parts, so every hit builds a fresh response of its own."""

    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    @classmethod
    def of(cls, response) -> LocalPage:
        headers = tuple((k, v) for k, v in response.items() if k != HIT_HEADER)
        return cls(response.status_code, headers, response.content)

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status, headers=dict(self.headers))
        response[HIT_HEADER] = "hit"
        return response


class GenerationWatcher:
    """Each worker's ear on Redis: told of every bump, so it need not ask on every request.

    One daemon thread per process (threads do not survive gunicorn's fork, so each worker
    starts its own on its first request) subscribes to ``generation_channel()``. It counts in
    ``heard`` every bump it hears and every (re)subscription; a worker trusts the generation it
    read while ``heard`` has not moved since, the thread is subscribed, and the thread has come
    back from its last wait within ``ALIVE_SECONDS`` (a silent dead connection ends the trust
    too). Redis's health checks on the connection find a dead server within seconds.
    """

    POLL_SECONDS = 1.0
    ALIVE_SECONDS = 3.0

    def __init__(self) -> None:
        self.heard = 0
        self.subscribed = False
        self._alive_at = float("-inf")
        self._pid: int | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        os.register_at_fork(after_in_child=self._forked)

    def _forked(self) -> None:
        """In a new worker: the parent's thread did not come along, and its lock may be held."""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.subscribed = False
        self.heard += 1
        self._pid = None

    def trusts(self, heard: int) -> bool:
        """Whether a generation read when ``heard`` was this is still the shared one."""
        return (
            self.subscribed
            and heard == self.heard
            and time.monotonic() - self._alive_at < self.ALIVE_SECONDS
        )

    def start(self) -> None:
        """Listen in this process, once; nothing to do when the page cache is not Redis."""
        pid = os.getpid()
        if self._pid == pid:
            return
        with self._lock:
            if self._pid == pid:
                return
            self._pid = pid
            self.subscribed = False
            url = redis_url()
            if url is None or settings.PAGE_CACHE_SECONDS <= 0:
                return
            self._stop = threading.Event()
            threading.Thread(
                target=self._listen, args=(url, generation_channel(), self._stop),
                name="page-cache-generation", daemon=True,
            ).start()

    def stop(self) -> None:
        """Stop listening (before gunicorn forks, and in tests); ``start`` may begin again."""
        with self._lock:
            self._stop.set()
            self.subscribed = False
            self.heard += 1
            self._pid = None

    def _note(self, stop: threading.Event, *, subscribed: bool | None = None, alive: bool = False) -> None:
        """What the listening thread learnt; ignored once that thread has been stopped."""
        with self._lock:
            if stop is not self._stop or stop.is_set():
                return
            if alive:
                self._alive_at = time.monotonic()
                return
            self.heard += 1
            if subscribed is not None:
                self.subscribed = subscribed

    def _listen(self, url: str, channel: str, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self._listen_once(url, channel, stop)
            except Exception as error:  # Redis gone or the connection cut: read per request meanwhile
                logger.warning("Page cache stopped hearing bumps (%s); reading per request.", type(error).__name__)
            self._note(stop, subscribed=False)
            stop.wait(CACHE_RETRY_SECONDS)

    def _listen_once(self, url: str, channel: str, stop: threading.Event) -> None:
        client = redis.Redis.from_url(
            url, health_check_interval=self.POLL_SECONDS, client_name=f"page-cache-generation-{os.getpid()}",
            socket_timeout=self.ALIVE_SECONDS, socket_connect_timeout=self.ALIVE_SECONDS,
        )
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(channel)
            while not stop.is_set():
                message = pubsub.get_message(timeout=self.POLL_SECONDS)
                self._note(stop, alive=True)
                if message is None:
                    continue
                if message["type"] == "message":
                    self._note(stop)  # a bump: the next request reads the new generation
                elif message["type"] == "subscribe":
                    # What was read before may predate bumps this thread did not hear.
                    self._note(stop, subscribed=True)
        finally:
            pubsub.close()
            client.close()


generation_watcher = GenerationWatcher()


class LocalCache:
    """Each worker's own copy of recent pages, fragments and values, bounded in count and bytes.

    Entries belong to one generation of public content; when the shared generation moves on
    they are all dropped, and each also has an expiry of its own.
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[object, float, int]] = OrderedDict()
        self._bytes = 0
        self._generation: int | None = None
        self._checked = float("-inf")
        self._heard = -1  # generation_watcher.heard when the generation was read
        self._lock = threading.Lock()

    @staticmethod
    def enabled() -> bool:
        return settings.PAGE_CACHE_LOCAL_ENTRIES > 0 and settings.PAGE_CACHE_LOCAL_BYTES > 0

    def generation(self, read_shared) -> int | None:
        """The shared generation: read, or trusted while no bump can have been missed."""
        now = time.monotonic()
        if self._generation is not None:
            if generation_watcher.trusts(self._heard):
                return self._generation
            trust = float(settings.PAGE_CACHE_LOCAL_SECONDS)
            if trust > 0 and now - self._checked < trust:
                return self._generation
        heard = generation_watcher.heard  # before reading: a bump heard meanwhile ends the trust
        generation = read_shared()
        with self._lock:
            if generation != self._generation:
                self._entries.clear()
                self._bytes = 0
            self._generation, self._checked, self._heard = generation, now, heard
        return generation

    def forget_generation(self) -> None:
        """This worker just invalidated: read the new generation on its next request."""
        with self._lock:
            self._checked = float("-inf")
            self._heard = -1

    def get(self, key: str):
        if not self.enabled():
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[1] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: str, value, expires: float, size: int) -> None:
        limit_bytes = settings.PAGE_CACHE_LOCAL_BYTES
        limit_count = settings.PAGE_CACHE_LOCAL_ENTRIES
        if not self.enabled() or size > limit_bytes // 8 or expires <= time.time():
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (value, expires, size)
            self._bytes += size
            while self._entries and (self._bytes > limit_bytes or len(self._entries) > limit_count):
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[2]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._generation, self._checked, self._heard = None, float("-inf"), -1

    def __len__(self) -> int:
        return len(self._entries)


local_cache = LocalCache()


def content_cache_on() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and local_cache.enabled()


def public_memo(
    key: str, build: Callable[[], T], *, seconds: int | None = None, keep: Callable[[T], bool] | None = None
) -> T:
    """A value built from public content, kept by this worker until that content changes.

    The page cache cannot serve a visitor with a session, a form page or a first visit;
    these can still reuse what every visitor sees the same way (the live editions, the
    sections other apps add to a page, an event listing). Never for anything per visitor.
    ``keep`` says which values are worth keeping (a look-up that found nothing, say, is not:
    any address can be asked for).
    """
    if not content_cache_on():
        return build()
    generation = current_generation()
    if generation is None:
        return build()
    entry = local_cache.get(f"memo:{key}")
    if entry is not None:
        return entry[0]
    value = build()
    if keep is not None and not keep(value):
        return value
    ttl = settings.PAGE_CACHE_SECONDS if seconds is None else min(seconds, settings.PAGE_CACHE_SECONDS)
    size = len(value) if isinstance(value, (str, bytes)) else 4096
    local_cache.put(f"memo:{key}", (value,), time.time() + ttl, size)
    return value


def _model_label(sender) -> str:
    return f"{sender._meta.app_label}.{sender._meta.model_name}".lower()


def _on_model_change(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in IGNORED_APPS or _model_label(sender) in ignored_models():
        return
    if kwargs.get("created") and _is_setting(sender):
        return  # settings created with their defaults on first use change nothing
    if issubclass(sender, Page) and "created" in kwargs:
        # Drafts and submissions awaiting moderation are not public; publishing sends
        # page_published. A live page saved directly (not through a revision) does count.
        instance, fields = kwargs.get("instance"), kwargs.get("update_fields")
        if not getattr(instance, "live", False) or (fields and set(fields) <= DRAFT_ONLY_FIELDS):
            return
    invalidate_pages(f"{_model_label(sender)} changed")


def _is_setting(model) -> bool:
    return issubclass(model, (BaseSiteSetting, BaseGenericSetting))


def _on_page_event(sender, **kwargs) -> None:
    invalidate_pages("page published, unpublished or moved")
    page = kwargs.get("instance")
    if page is not None and settings.WAGTAILFRONTENDCACHE:
        purge_listing_pages(page)


def purge_listing_pages(page) -> None:
    """Ask the CDN to drop the pages that list this one (home, year, index pages).

    Wagtail's frontend cache purges the published page itself; its ancestors show it in
    their listings, so they go too. The purge runs as a background task.
    """
    try:
        purge_pages_from_cache(page.get_ancestors().filter(depth__gt=1).specific())
    except Exception:
        logger.warning("Could not queue the CDN purge of the pages listing %s.", page.pk)


def connect_signals() -> None:
    """Hook invalidation to Wagtail's publishing signals and to saves of public models."""
    page_published.connect(_on_page_event, dispatch_uid="pagecache-published")
    page_unpublished.connect(_on_page_event, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_on_page_event, dispatch_uid="pagecache-moved")
    post_save.connect(_on_model_change, dispatch_uid="pagecache-saved")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache-deleted")
