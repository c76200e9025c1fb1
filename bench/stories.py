"""Benchmark: the stories listing, search, a story page and the feed with many published stories.

Measures on this machine, uncached (the cache is cleared before every request), the median and
p95 time and the SQL query count of:
  * GET /stories/ (first page), a filtered page, filters + text search, page 5;
  * one story page; the RSS feed.
Target: p95 < 150 ms for the listing, and the same query count whatever the story count.

The data lives in its own SQLite file under /tmp (built once, reused; --rebuild starts again),
never in anyone's development database.

Usage: .venv/bin/python bench/stories.py [--stories 1000] [--runs 30] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = Path(os.environ.get("STORIES_BENCH_DB", "/tmp/spd-stories-bench.sqlite3"))

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--stories", type=int, default=1000)
parser.add_argument("--runs", type=int, default=30)
parser.add_argument("--rebuild", action="store_true")
args = parser.parse_args()
if args.rebuild and DB_FILE.exists():
    DB_FILE.unlink()
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.test_settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def build() -> None:
    from wagtail.models import Page, Site

    from campaign.editions.models import EditionPage, HomePage
    from stories import choices
    from stories.models import StoryActivity, StoryPage
    from stories.setup import ensure_story_section

    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        root = Page.get_first_root_node()
        for welcome in root.get_children().exact_type(Page):
            welcome.delete()
        home = HomePage(title="Social Prescribing Day", slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(is_default_site=True, defaults={
            "hostname": "testserver", "port": 80, "root_page": home, "site_name": "SPD"})
        for year in (2025, 2026, 2027):
            edition = EditionPage(title=f"Social Prescribing Day {year}", slug=str(year), year=year,
                                  day=date(year, 3, 12))
            home.add_child(instance=edition)
            edition.save_revision().publish()
    index = ensure_story_section()
    have = StoryPage.objects.count()
    if have >= args.stories:
        return
    editions = list(EditionPage.objects.all())
    activities = list(StoryActivity.objects.all())
    roles, routes, regions = choices.ROLE_CHOICES, choices.REFERRAL_CHOICES, choices.REGION_CHOICES
    started = time.perf_counter()
    index = index.specific
    for i in range(have, args.stories):
        page = StoryPage(
            title=f"Story {i}: the {['walking group', 'choir', 'allotment', 'art class'][i % 4]} that helped",
            slug=f"bench-story-{i}", display_name="" if i % 3 == 0 else "Sam",
            role=roles[i % len(roles)][0], referral_route=routes[i % len(routes)][0],
            region=regions[i % len(regions)][0], edition=editions[i % len(editions)],
            what_happened="My link worker met me for a cup of tea and then came with me to the group. " * 4,
            what_changed="I feel part of something again. " * 3,
        )
        page.activities = activities[i % len(activities):][:2]
        index.add_child(instance=page)
        page.save_revision().publish()
        index.refresh_from_db()
        if i % 200 == 0:
            print(f"  {i} stories…", flush=True)
    print(f"Added {args.stories - have} stories in {time.perf_counter() - started:.0f} s", flush=True)


def measure(client: Client, url: str, runs: int):
    for _ in range(3):
        cache.clear()
        client.get(url)
    timings = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return timings, len(queries.captured_queries)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    build()
    from stories.models import StoryPage

    story = StoryPage.objects.live().first()
    client = Client()
    urls = [
        "/stories/",
        "/stories/?region=wales&role=referred",
        "/stories/?q=allotment&activity=walking-group&year=2027",
        "/stories/?page=5",
        story.url,
        "/stories/feed/",
    ]
    print(f"{StoryPage.objects.live().count()} published stories; {args.runs} uncached runs per URL")
    print(f"{'URL':58} {'median':>8} {'p95':>8} {'queries':>8}")
    for url in urls:
        timings, queries = measure(client, url, args.runs)
        print(f"{url:58} {statistics.median(timings):7.1f}ms {p95(timings):7.1f}ms {queries:8}")


if __name__ == "__main__":
    main()
