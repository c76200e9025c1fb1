"""The results report at the size of a big year: 1,000,000 posts and 10,000 events.

    .venv/bin/python bench/results.py            # SQLite (a temporary database)
    .venv/bin/python bench/results.py --quick    # 100,000 posts and 1,000 events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/results_bench .venv/bin/python bench/results.py

It prints the median and p95 of an uncached render of /2027/results/ (the page cache bypassed
with a session, and the stats cache cleared before every request, so every query runs) and of
the PDF build, with query counts. Targets (issue 17): page under 200 ms uncached, PDF under 3 s.
Posts are generated as bench/reach.py generates them; events with events.demo.bulk_add_events.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    posts, events = (100_000, 1_000) if args.quick else (1_000_000, 10_000)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings")
    os.environ.update(DJANGO_ENV="test", DEBUG="false", ALLOWED_HOSTS="testserver", CACHE_URL="locmem://results-bench",
                      LOG_LEVEL="WARNING", PAGE_CACHE_SECONDS="600")
    with tempfile.TemporaryDirectory(prefix="results-bench-") as tmp:
        os.environ.setdefault("VAR_DIR", tmp)
        run(posts, events)


def run(posts: int, events: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.reach import fill_posts, make_site
    from campaign.editions import days, results
    from campaign.editions.results_pdf import build_pdf
    from events.demo import bulk_add_events
    from events.setup import ensure_event_index

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    _home, editions = make_site()
    started = time.perf_counter()
    fill_posts(editions, posts)
    index = ensure_event_index()
    bulk_add_events(index, events, edition=editions[2027])
    print(f"database: {connection.vendor}; {posts:,} posts over three editions and {events:,} events "
          f"({time.perf_counter() - started:.0f} s to generate)", flush=True)
    days.today = lambda: editions[2027].day.replace(day=20)  # a week after the Day: the final report

    user = get_user_model().objects.create_user("bench", password="x", is_staff=True)
    client = Client()
    client.force_login(user)  # a session: the page cache never serves it
    page, pdf, queries = [], [], {}
    cpu: dict[str, list[float]] = {"page": [], "pdf": []}  # this process's CPU time: the work, whatever the load
    for _ in range(ROUNDS):
        cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            t, c = time.perf_counter(), time.process_time()
            response = client.get("/2027/results/")
            page.append((time.perf_counter() - t) * 1000)
            cpu["page"].append((time.process_time() - c) * 1000)
        assert response.status_code == 200, response.status_code
        queries["page"] = len(captured)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            t, c = time.perf_counter(), time.process_time()
            data = build_pdf(results.build_report(editions[2027]))
            pdf.append((time.perf_counter() - t) * 1000)
            cpu["pdf"].append((time.process_time() - c) * 1000)
        queries["pdf"] = len(captured)
    load = os.getloadavg()[0]
    for key, name, samples, target in (("page", "/2027/results/ uncached", page, 200), ("pdf", "PDF build", pdf, 3000)):
        ordered = sorted(samples)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"{name:26} median {statistics.median(samples):8.1f} ms, p95 {p95:8.1f} ms "
              f"(CPU median {statistics.median(cpu[key]):.1f} ms; {queries[key]} queries; target under {target} ms; "
              f"{ROUNDS} rounds; load average {load:.1f} on {os.cpu_count()} CPUs)")
    print(f"PDF size: {len(data):,} bytes")


if __name__ == "__main__":
    main()
