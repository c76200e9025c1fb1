"""Benchmark: how site search grows with the content, from today's demo to 100 times as much.

Builds two databases of its own (dropped and made again on every run), each migrated and
loaded with the demo content; to the second it adds ``--scale - 1`` more copies of every demo
event and story (same words, new addresses, indexed for search as a publish indexes them) and
analyses it as `load_demo` does. Then it measures `/search/?q=…` (page cache bypassed, as for
an editor) on each database in turn, ``--rounds`` times: this machine's speed drifts by up to
2x within minutes, so the two sizes measured minutes apart could not show the growth.
Prints, per query, the best median render of the rounds, the queries run and the number of
matches at both sizes, and the growth. Target (issue 18): no more than 1.5x slower at 100x.

PostgreSQL by default (what production runs); a `sqlite:///…` URL measures SQLite.

Usage: .venv/bin/python bench/search.py [--scale 100] [--runs 60] [--rounds 3]
           [--database postgres://postgres@127.0.0.1:5432/spd_bench_search] [QUERY …]
"""

from __future__ import annotations

import argparse
import json
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


def sized(url: str, scale: int) -> str:
    """The address of the bench database holding ``scale`` times the demo content."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path)
        return url[: -len(parts.path)] + str(path.with_stem(f"{path.stem}_{scale}x"))
    return f"{url}_{scale}x"


def fresh_database(url: str) -> None:
    """Drop and create a bench database, so each run starts from the same demo content."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        Path(parts.path).unlink(missing_ok=True)
        return
    name = parts.path.lstrip("/")
    server = url[: -len(parts.path)] + "/postgres"
    subprocess.run(["psql", server, "--quiet", "--command", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", server, "--quiet", "--command", f'CREATE DATABASE "{name}"'], check=True)


def setup_django(url: str, cache_db: int) -> None:
    """Production settings on the given database, with a Redis database of its own for caches."""
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "bench-" + "x1y2z3" * 10,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": url,
        "SECURE_SSL_REDIRECT": "false",
        # Each size keeps its own fragments: their content generations could collide.
        "CACHE_URL": f"redis://127.0.0.1:6379/{cache_db}",
        "VAR_DIR": os.environ.get("VAR_DIR", "/tmp/spd-bench-search"),
        # Publishing queues a search-index task for the task worker; here it runs at once.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    })
    import django

    django.setup()


def build(url: str, scale: int, cache_db: int) -> None:
    """Worker: a fresh database with the demo content, and ``scale`` times its events and stories."""
    fresh_database(url)
    setup_django(url, cache_db)
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command

    for alias in settings.CACHES:
        caches[alias].clear()
    call_command("collectstatic", "--noinput", verbosity=0)  # production settings serve the manifest's names
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-superuser", stdout=open(os.devnull, "w"))
    if scale > 1:
        started = time.perf_counter()
        added = grow(scale)
        call_command("load_demo", "--no-superuser", stdout=open(os.devnull, "w"))  # analyses, adds nothing
        print(f"Added {added} events and stories in {time.perf_counter() - started:.0f} s; database analysed",
              flush=True)


def measure_all(url: str, cache_db: int, queries: list[str], runs: int) -> None:
    """Worker: prints {query: [median ms, queries, matches]} as one line of JSON."""
    setup_django(url, cache_db)
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-bypasses-the-page-cache"
    print(json.dumps({query: measure(client, query, runs) for query in queries}), flush=True)


def worker(mode: str, url: str, scale: int, cache_db: int, queries: list[str], runs: int) -> dict:
    """Runs ``build`` or ``measure`` in a process of its own: Django is set up once per database."""
    command = [sys.executable, __file__, "--worker", mode, "--database", url, "--scale", str(scale),
               "--cache-db", str(cache_db), "--runs", str(runs), *queries]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if mode == "build":
        print(output.strip() or f"Built {url}", flush=True)
        return {}
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100, help="times the demo events and stories (default 100)")
    parser.add_argument("--runs", type=int, default=60, help="timed renders per query, size and round (default 60)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds over the two sizes (default 3)")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/spd_bench_search",
                        help="a base address: the run makes <name>_1x and <name>_<scale>x")
    parser.add_argument("--worker", choices=["build", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--cache-db", type=int, default=4, help=argparse.SUPPRESS)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()

    if args.worker == "build":
        build(args.database, args.scale, args.cache_db)
        return
    if args.worker == "measure":
        measure_all(args.database, args.cache_db, args.queries, args.runs)
        return

    sizes = {1: (sized(args.database, 1), 4), args.scale: (sized(args.database, args.scale), 7)}
    for scale, (url, cache_db) in sizes.items():
        print(f"Building {url} …", flush=True)
        worker("build", url, scale, cache_db, [], args.runs)
    rounds: dict[int, list[dict]] = {scale: [] for scale in sizes}
    for number in range(1, args.rounds + 1):
        print(f"round {number} of {args.rounds} …", flush=True)
        for scale, (url, cache_db) in sizes.items():
            rounds[scale].append(worker("measure", url, scale, cache_db, args.queries, args.runs))

    small_scale, large_scale = sizes
    print(f"\n{args.runs} renders per query, size and round, page cache bypassed; "
          f"best median of {args.rounds} alternating rounds, ms / queries / matches")
    print(f"{'query':20} {'1x ms':>7} {'q':>3} {'matches':>8} {f'{args.scale}x ms':>8} {'q':>3} {'matches':>8} {'growth':>7}")
    worst = 0.0
    for query in args.queries:
        small, large = (min(r[query][0] for r in rounds[size]) for size in (small_scale, large_scale))
        (_, small_q, small_n), (_, large_q, large_n) = rounds[small_scale][0][query], rounds[large_scale][0][query]
        growth = large / small
        worst = max(worst, growth)
        print(f"{query:20} {small:7.2f} {small_q:3d} {small_n:8d} {large:8.2f} {large_q:3d} {large_n:8d} {growth:6.2f}x")
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
