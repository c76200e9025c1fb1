"""Benchmark: one uncached render of each public page, as the production stack does it.

Uses the Django test client (no network) against the database and Redis of `make run-prod`
(PostgreSQL with the demo content). The page cache is bypassed as it is for a visitor with a
session cookie (an editor), so every request renders; the worker's own caches of what every
visitor sees the same way (current edition, site, page sections, event listing) are warm, as
they are in a running server. Reports, per page, the median and p95 time of a warm render
and the number of queries. Target (issue 7): `/` under 10 ms median with at most 15 queries.

It also reports the same page with those worker caches cold (emptied before each render), as
the first visitor after a publish finds them (issue 18): median time and queries; and, for the
pages Wagtail serves, the median of Wagtail's routing alone (``Page.route_for_request``: the
site for the host, its home page, then the page at the path) and its queries, the part of
every render that this project does not draw.

This machine's speed drifts by up to 2x within minutes, so every page is measured in each of
``--rounds`` passes over all the pages, and each page's best pass (lowest warm median) is printed.

Usage: .venv/bin/python bench/render.py [--runs 200] [--rounds 3] [--database postgres://postgres@127.0.0.1:5432/spd_prod]
           [--code DIR]   (render another checkout's code: bench/ab.py compares two that way)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="passes over every page; each page's best is kept")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spd_prod"))
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code renders (default: this one)")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))

    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + "x1y2z3" * 10,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": args.database,
        "SECURE_SSL_REDIRECT": "false",
        "PAGE_CACHE_SECONDS": "600",
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/1"),
        "VAR_DIR": os.environ.get("VAR_DIR", str(ROOT / "var" / "prod")),
    })
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-bypasses-the-page-cache"
    paths = args.paths or default_paths(client)
    print(f"{args.runs} warm renders per page, page cache bypassed, database {connection.settings_dict['NAME']}; "
          f"best of {args.rounds} interleaved round{'s' if args.rounds > 1 else ''} per page")

    print(f"{'path':48} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'cold ms':>8} {'cold q':>7} {'route ms':>9} {'route q':>8}")
    best: dict[str, tuple] = {}
    for round_number in range(1, args.rounds + 1):
        if args.rounds > 1:
            print(f"round {round_number} of {args.rounds} …", file=sys.stderr)
        for path in paths:
            figures = measure(client, path, args.runs)
            if path not in best or figures[0] < best[path][0]:
                best[path] = figures
    for path in paths:
        median, p95, queries, cold, cold_queries, route = best[path]
        note = ""
        if path == "/":
            ok = median < 10 and queries <= 15
            note = "  target: < 10 ms median, <= 15 queries: " + ("ok" if ok else "MISSED")
        print(f"{path:48} {median:10.2f} {p95:8.2f} {queries:8d} {cold:8.2f} {cold_queries:7d} {route}{note}")


def measure(client, path: str, runs: int) -> tuple[float, float, int, float, int, str]:
    """One page's warm median and p95, queries, cold median and queries, and routing alone."""
    from django.db import connection

    from campaign.cache import local_cache

    for _ in range(5):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(path)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    cold_queries: list[str] = []
    local_cache.clear()
    with connection.execute_wrapper(lambda execute, sql, *rest: cold_queries.append(sql) or execute(sql, *rest)):
        client.get(path)
    cold = []
    for _ in range(max(runs // 4, 5)):
        local_cache.clear()  # the first visitor after a publish: every worker cache empty
        start = time.perf_counter()
        client.get(path)
        cold.append((time.perf_counter() - start) * 1000)
    return median, p95, len(queries), statistics.median(cold), len(cold_queries), routing(path, runs)


def routing(path: str, runs: int) -> str:
    """Median ms and queries of Wagtail finding the page for ``path`` (blank for other views)."""
    from django.conf import settings
    from django.db import connection
    from django.test import RequestFactory
    from django.urls import resolve
    from wagtail.models import Page

    url = path.split("?")[0]
    if resolve(url).url_name != "wagtail_serve":
        return f"{'-':>9} {'-':>8}"
    factory = RequestFactory()

    def route() -> None:
        request = factory.get(path)
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "bench"
        assert Page.route_for_request(request, url), path

    queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        route()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        route()
        timings.append((time.perf_counter() - start) * 1000)
    return f"{statistics.median(timings):9.2f} {len(queries):8d}"


def default_paths(client) -> list[str]:
    """Every public page type, with a real story, event, edition and toolkit from the demo data."""
    paths = ["/", "/years/", "/2027/", "/get-involved/", "/search/?q=community", "/events/", "/stories/",
             "/toolkit/", "/stats/", "/stats/data.json"]
    for listing, pattern in (("/events/", r'href="(/events/(?!submit|feed|manage|calendar|past/)[a-z0-9-]+/)"'),
                             ("/stories/", r'href="(/stories/(?!share|feed|manage)[a-z0-9-]+/)"')):
        match = re.search(pattern, client.get(listing).content.decode())
        if match:
            paths.insert(paths.index(listing) + 1, match.group(1))
    return paths


if __name__ == "__main__":
    main()
