"""gunicorn settings for the Social Prescribing Day site (gunicorn -c deploy/gunicorn.conf.py).

Every value can be overridden by the environment, so one file serves `make run-prod` on
loopback and a real server behind nginx.
"""

import gc
import multiprocessing
import os
import time
from urllib.parse import urlsplit

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: page rendering is CPU-bound and the page cache answers most requests.
workers = int(os.environ.get("WEB_CONCURRENCY", str(max(2, multiprocessing.cpu_count()))))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Load Django once and fork: faster restarts, shared memory between workers.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take the site down on the Day. Not too
# often: a cached page costs well under a millisecond, so at 4,500 requests/s 100,000 requests
# recycled each worker about every 45 s, and each restart left one worker serving alone. At
# 1,000,000 a worker lives several minutes at that rate and hours at an ordinary one; the new
# worker is forked from the warmed master (when_ready), so its first render is not a cold one.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000000"))
max_requests_jitter = max_requests // 10
# Only the local reverse proxy may set X-Forwarded-Proto / X-Forwarded-For.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access logs carry visitors' addresses and private links: nginx keeps them (or not).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = "spd-web"
# Large headers or lines are refused rather than parsed.
limit_request_line = 8190
limit_request_fields = 100


# Pages rendered once in the master before the first worker is forked: templates compiled,
# lazy imports done, URL resolvers, Wagtail's and the worker caches' shared state built.
# Every worker (at start, or after recycling) is forked from that warm state.
WARM_PATHS = os.environ.get(
    "GUNICORN_WARM_PATHS", "/ /years/ /events/ /stories/ /toolkit/ /stats/ /stats/data.json /search/?q=day"
).split()


def when_ready(server):
    warm_up(server.log)
    # Each worker listens for page cache bumps on a thread of its own; the master serves nothing.
    from campaign.cache import generation_watcher

    generation_watcher.stop()


def warm_up(log):
    """Render the main pages in this process, bypassing the page cache as an editor's visit does.

    Never stops the server from starting: a page that fails is logged and skipped.
    """
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    host = urlsplit(getattr(settings, "SITE_URL", "") or "").hostname
    if not host:
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "localhost")
    extra = {"HTTP_HOST": host}
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        extra[header] = value
    client = Client(**extra)
    # An unknown session id: the page cache lets it through, the page renders as for anyone.
    client.cookies[settings.SESSION_COOKIE_NAME] = "gunicorn-warm-up"
    started = time.perf_counter()
    warmed = 0
    for path in WARM_PATHS:
        try:
            response = client.get(path, secure=True)
            warmed += response.status_code == 200
            if response.status_code != 200:
                log.warning("Warm-up: %s answered %s", path, response.status_code)
        except Exception:
            log.exception("Warm-up: %s failed", path)
    connections.close_all()  # the workers open their own (post_fork)
    log.info("Warm-up: %d of %d pages in %.0f ms", warmed, len(WARM_PATHS), (time.perf_counter() - started) * 1000)


def pre_fork(server, worker):
    # What preload_app loaded is never freed: keep it out of the collector's reach, so workers
    # neither scan it on every collection nor copy the pages it sits on (copy-on-write).
    gc.freeze()


def post_fork(server, worker):
    # Connections opened before the fork (preload) must not be shared between workers.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()


def post_worker_init(worker):
    # Connect before the first request, so no visitor waits for the connection.
    from django.db import connection

    try:
        connection.ensure_connection()
    except Exception:
        worker.log.warning("The database was not reachable at worker start; the first request will retry.")
