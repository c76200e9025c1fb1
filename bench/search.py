"""Benchmark: how site search grows with the content, from today's demo to 100 times as much.

Builds a database of its own (dropped and made again on every run): migrates, loads the demo
content and measures `/search/?q=…` (page cache bypassed, as for an editor); then adds
``--scale - 1`` more copies of every demo event and story (same words, new addresses, indexed
for search as a publish indexes them), analyses the database as `load_demo` does, and measures
again. Prints, per query, the median render, the queries run and the number of matches at both
sizes, and the growth. Target (issue 18): no more than 1.5× slower at 100×.

PostgreSQL by default (what production runs); a `sqlite:///…` URL measures SQLite.

Usage: .venv/bin/python bench/search.py [--scale 100] [--runs 60]
           [--database postgres://postgres@127.0.0.1:5432/spd_bench_search] [QUERY …]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUERIES = ["community", "walk", "link worker", "gardening"]


def fresh_database(url: str) -> None:
    """Drop and create the bench database, so each run starts from the same demo content."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        Path(parts.path).unlink(missing_ok=True)
        return
    name = parts.path.lstrip("/")
    server = url[: -len(parts.path)] + "/postgres"
    subprocess.run(["psql", server, "--quiet", "--command", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", server, "--quiet", "--command", f'CREATE DATABASE "{name}"'], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100, help="times the demo events and stories (default 100)")
    parser.add_argument("--runs", type=int, default=60, help="timed renders per query and size (default 60)")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/spd_bench_search")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()

    fresh_database(args.database)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-" + "x1y2z3" * 10,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": args.database,
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/4"),
        "VAR_DIR": os.environ.get("VAR_DIR", "/tmp/spd-bench-search"),
        # Publishing queues a search-index task for the task worker; here it runs at once.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    })
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client

    for alias in settings.CACHES:
        caches[alias].clear()
    print(f"Building {args.database} …", flush=True)
    call_command("collectstatic", "--noinput", verbosity=0)  # production settings serve the manifest's names
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-superuser", stdout=open(os.devnull, "w"))
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-bypasses-the-page-cache"

    before = {query: measure(client, query, args.runs) for query in args.queries}
    started = time.perf_counter()
    added = grow(args.scale)
    call_command("load_demo", "--no-superuser", stdout=open(os.devnull, "w"))  # analyses, adds nothing
    print(f"Added {added} events and stories in {time.perf_counter() - started:.0f} s; database analysed", flush=True)
    after = {query: measure(client, query, args.runs) for query in args.queries}

    print(f"\n{args.runs} renders per query, page cache bypassed; median ms / queries / matches")
    print(f"{'query':20} {'1x ms':>7} {'q':>3} {'matches':>8} {f'{args.scale}x ms':>8} {'q':>3} {'matches':>8} {'growth':>7}")
    worst = 0.0
    for query in args.queries:
        small, large = before[query], after[query]
        growth = large[0] / small[0]
        worst = max(worst, growth)
        print(f"{query:20} {small[0]:7.2f} {small[1]:3d} {small[2]:8d} {large[0]:8.2f} {large[1]:3d} {large[2]:8d} {growth:6.2f}x")
    print(f"\nWorst growth {worst:.2f}x (target: at most 1.5x): {'ok' if worst <= 1.5 else 'MISSED'}")


def measure(client, query: str, runs: int) -> tuple[float, int, int]:
    """Median milliseconds of a render, its query count and how many pages matched."""
    from django.db import connection
    from wagtail.models import Page

    from campaign.search import search_terms

    url = "/search/?" + urlencode({"q": query})
    for _ in range(5):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    executed: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *rest: executed.append(sql) or execute(sql, *rest)):
        response = client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    matches = Page.objects.live().public().search(search_terms(query)).count()
    return statistics.median(timings), len(executed), matches


def grow(scale: int) -> int:
    """Copy every demo event and story ``scale - 1`` times, searchable as a published page is."""
    from events.demo import bulk_add_events
    from events.models import EventPage
    from events.setup import ensure_event_index
    from stories.models import StoryPage

    copied = ("title", "event_type", "format", "organisation_name", "description", "time_zone", "venue_name",
              "address", "town", "postcode", "country", "online_url", "edition")
    index = ensure_event_index()
    added = 0
    for event in list(EventPage.objects.filter(is_demo=True)):
        bulk_add_events(index, scale - 1, **{field: getattr(event, field) for field in copied})
        added += scale - 1
    story_fields = [field.name for field in StoryPage._meta.concrete_fields
                    if field.model is StoryPage and field.name not in ("page_ptr", "manage_token")]
    for story in list(StoryPage.objects.filter(is_demo=True).prefetch_related("activities")):
        parent = story.get_parent()
        activities = list(story.activities.all())
        for copy in range(1, scale):
            page = StoryPage(title=story.title, slug=f"{story.slug}-{copy}",
                             **{name: getattr(story, name) for name in story_fields})
            page.activities = activities
            parent.add_child(instance=page)
            added += 1
    return added


if __name__ == "__main__":
    main()
