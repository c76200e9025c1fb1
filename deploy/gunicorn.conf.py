"""gunicorn settings for the Social Prescribing Day site (gunicorn -c deploy/gunicorn.conf.py).

Every value can be overridden by the environment, so one file serves `make run-prod` on
loopback and a real server behind nginx.
"""

import gc
import multiprocessing
import os

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
# often: a cached page costs well under a millisecond, so 2,000 requests went by in about a second,
# and each restart left one worker serving alone (p99 at 32 connections rose from 15 to 400+ ms).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
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


def pre_fork(server, worker):
    # What preload_app loaded is never freed: keep it out of the collector's reach, so workers
    # neither scan it on every collection nor copy the pages it sits on (copy-on-write).
    gc.freeze()


def post_fork(server, worker):
    # Connections opened before the fork (preload) must not be shared between workers.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
