"""Benchmarks for the hashtag tracker and the live stats endpoints.

    .venv/bin/python bench/reach.py                 # SQLite and PostgreSQL
    .venv/bin/python bench/reach.py --db sqlite     # one of them
    .venv/bin/python bench/reach.py --quick         # 100k instead of 1M posts
    .venv/bin/python bench/reach.py --kill-drill 6  # SIGKILL the tracker mid-pass, then check

It reports:
- ingest throughput: X search pages shaped like the recorded payloads in tests/reach/payloads
  (data, includes.users, meta) parsed by the X provider and stored page by page through
  store_posts (upserts, aggregates, cursor, one transaction per page), for new posts and for
  the same pages read again (metric updates); three rounds of 300 pages, each figure the
  median of the three;
- median and p95 time of /stats/data.json and /stats/ with 10,000 and 1,000,000 stored posts,
  both with the 30-second stats cache cleared before every request (cold: every stats query
  runs) and warm, configured as in production (each worker keeps the live editions and the
  site) but with the page cache bypassed, as for an editor. Posts for these are generated with
  bulk inserts, spread evenly over three editions (the ingest run's posts are removed first),
  and the aggregates rebuilt from them. Each size has a database of its own, served by fresh
  processes; the two take turns, 4 chunks of 50 requests per endpoint and mode each, so both
  sizes are measured under the same conditions.

Targets on this machine: ingest > 2,000 posts/s (the ORM store; issue 15); endpoints < 50 ms p95 and within 1.5x
between 10k and 1M posts. Each database is a scratch one of its own: a temporary SQLite file,
and PostgreSQL's reach_bench (DATABASE_URL=postgres://postgres@127.0.0.1:5432/reach_bench).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/reach_bench"
PG_URL_LARGE = "postgres://postgres@127.0.0.1:5432/reach_bench_large"
SMALL = 10_000
URLS = ("/stats/data.json", "/stats/", "/2026/stats/data.json")
CHUNKS, ROUNDS_PER_CHUNK = 4, 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="100k posts instead of 1M for the large run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--fill-to", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--kill-drill", type=int, metavar="PASSES",
                        help="SIGKILL the tracker at random points over PASSES passes (SQLite), then check the result")
    parser.add_argument("--drill", nargs=2, metavar=("STEP", "PASS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        run_measure(args.measure)
        return
    if args.kill_drill:
        kill_drill(args.kill_drill)
        return
    if args.drill:
        run_drill_step(args.drill[0], int(args.drill[1]))
        return
    if args.child:
        run_child(args.fill_to)
        return
    large = 100_000 if args.quick else 1_000_000
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        # Connections kept between requests, as production keeps them (DB_CONN_MAX_AGE=60): a
        # new connection per request would measure connecting and a cold page cache instead.
        # PAGE_CACHE_SECONDS as in production, so each worker keeps what every request shares
        # (the live editions, the site, the footer); the page cache itself is bypassed below.
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="campaign.settings", DJANGO_ENV="test", DEBUG="false",
                   ALLOWED_HOSTS="testserver,127.0.0.1", CACHE_URL="locmem://reach-bench", LOG_LEVEL="WARNING",
                   DB_CONN_MAX_AGE="60", PAGE_CACHE_SECONDS="600")
        env.pop("DATABASE_URL", None)
        with tempfile.TemporaryDirectory(prefix="reach-bench-") as tmp:
            envs = {size: dict(env, VAR_DIR=str(Path(tmp, str(size)))) for size in (SMALL, large)}
            for size_env in envs.values():
                Path(size_env["VAR_DIR"]).mkdir()
            if db == "postgres":
                reset_postgres()
                envs[SMALL]["DATABASE_URL"], envs[large]["DATABASE_URL"] = PG_URL, PG_URL_LARGE
            print(f"\n=== {db} ===", flush=True)
            subprocess.run([sys.executable, __file__, "--child"], env=envs[SMALL], cwd=ROOT, check=True)
            # The large database starts as a copy of the small one (site, editions, tracking),
            # then each is filled to its size.
            if db == "postgres":
                copy_postgres()
            else:
                for item in Path(envs[SMALL]["VAR_DIR"]).iterdir():
                    shutil.copy2(item, Path(envs[large]["VAR_DIR"], item.name))
            for size, size_env in envs.items():
                subprocess.run([sys.executable, __file__, "--child", "--fill-to", str(size)], env=size_env, cwd=ROOT,
                               check=True)
            # Each size is served by fresh processes of its own, as a server would serve it (not by
            # the one that has just made a million posts in memory), and the two sizes take turns,
            # a chunk of rounds each, so that both are measured in the same minutes: on this shared
            # machine the same work can take half as long again a few minutes later.
            samples: dict[int, dict] = {size: {} for size in envs}
            for _chunk in range(CHUNKS):
                for size, size_env in envs.items():
                    done = subprocess.run([sys.executable, __file__, "--measure", str(size)], env=size_env, cwd=ROOT,
                                          check=True, capture_output=True, text=True)
                    chunk = json.loads(done.stdout.strip().splitlines()[-1])
                    for key, values in chunk.items():
                        into = samples[size].setdefault(key, {"wall": [], "cpu": [], "queries": values["queries"]})
                        into["wall"] += values["wall"]
                        into["cpu"] += values["cpu"]
            report(samples, SMALL, large)


def reset_postgres() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS reach_bench")
        conn.execute("DROP DATABASE IF EXISTS reach_bench_large")
        conn.execute("CREATE DATABASE reach_bench")


def copy_postgres() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE reach_bench_large TEMPLATE reach_bench")


def report(samples: dict[int, dict], small: int, large: int) -> None:
    """Median and p95 per size, endpoint and mode, then how much the large size costs more."""
    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[max(int(len(ordered) * 0.95) - 1, 0)]

    for size in (small, large):
        for key, values in samples[size].items():
            url, mode = key.split(" ")
            print(f"{size:>9,} posts  {url:<24} {mode}: median {statistics.median(values['wall']):6.1f} ms, "
                  f"p95 {p95(values['wall']):6.1f} ms wall (CPU median {statistics.median(values['cpu']):5.1f} ms, "
                  f"p95 {p95(values['cpu']):5.1f} ms), {values['queries']} queries when cold, "
                  f"{len(values['wall'])} requests", flush=True)
    for key in samples[small]:
        a, b = samples[small][key], samples[large][key]
        print(f"{large:,} against {small:,} posts, {key:<30} p95 {p95(b['wall']) / p95(a['wall']):.2f}x, "
              f"median {statistics.median(b['wall']) / statistics.median(a['wall']):.2f}x", flush=True)


# --- inside the child process, with Django set up on one database ----------------------------

def run_child(fill_to: int | None = None) -> None:
    """Set up the site and measure ingest; or, with fill_to, add generated posts up to that many."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if fill_to:
        from campaign.editions.models import EditionPage

        fill_posts({edition.year: edition for edition in EditionPage.objects.all()}, fill_to)
        return
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}", flush=True)
    home, editions = make_site()
    bench_ingest(editions[2027])


def run_measure(size: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps(bench_endpoints()))


def make_site():
    from wagtail.models import Page, Site

    from campaign.editions.models import EditionPage, HomePage
    from campaign.reach.models import Tracking

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Social Prescribing Day", slug="home-bench"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "testserver", "root_page": home})
    editions = {}
    for year in (2025, 2026, 2027):
        edition = home.add_child(instance=EditionPage(title=f"Social Prescribing Day {year}", slug=str(year),
                                                      year=year, day=date(year, 3, 12)))
        Tracking.objects.create(edition=edition)
        editions[year] = edition
    return home, editions


def x_page(rng: random.Random, first_id: int, size: int, authors: int, day: date) -> dict:
    """One X search page shaped like tests/reach/payloads/x_search_page1.json."""
    base = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)
    data, users = [], {}
    for i in range(size):
        author = rng.randrange(authors)
        tweet_id = first_id + i
        kind = rng.random()
        tweet = {
            "id": str(tweet_id), "author_id": str(author), "lang": rng.choice(["en", "en", "en", "cy", "fr"]),
            "created_at": (base + timedelta(seconds=rng.randrange(16 * 3600))).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "text": f"Thank you link workers #SocialPrescribingDay {tweet_id}",
            "public_metrics": {"retweet_count": rng.randrange(5), "reply_count": rng.randrange(3),
                               "like_count": rng.randrange(40), "quote_count": rng.randrange(2),
                               "bookmark_count": 0, "impression_count": rng.randrange(2000)},
            "entities": {"hashtags": [{"start": 23, "end": 44, "tag": "SocialPrescribingDay"}]},
            "edit_history_tweet_ids": [str(tweet_id)],
        }
        if kind < 0.25:
            tweet["referenced_tweets"] = [{"type": "retweeted", "id": "1"}]
        elif kind < 0.35:
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": "1"}]
        data.append(tweet)
        users[str(author)] = {
            "id": str(author), "username": f"user{author}", "name": f"User {author}",
            "location": rng.choice(["London", "Leeds, England", "", "Dublin", "Earth"]),
            "public_metrics": {"followers_count": rng.randrange(50, 5000), "following_count": 10,
                               "tweet_count": 10, "listed_count": 0, "like_count": 0},
        }
    return {"data": data, "includes": {"users": list(users.values())},
            "meta": {"newest_id": str(first_id + size - 1), "oldest_id": str(first_id), "result_count": size,
                     "next_token": f"t{first_id}"}}


def bench_ingest(edition) -> None:
    from campaign.reach.models import Tracking
    from campaign.reach.providers.x import XProvider
    from campaign.reach.records import Stream
    from campaign.reach.store import clear_edition_data, store_posts

    rng = random.Random(7)
    tracking = Tracking.objects.select_related("edition").get(edition=edition)
    provider = XProvider("bench", max_per_run=10**9, max_per_day=10**9)
    stream = Stream("x", "", "#SocialPrescribingDay")
    # Three rounds of 300 fresh pages each: on this shared two-core machine one sample can be
    # a third slower than the next, so each figure is the median of three, with all three shown.
    rates: dict[str, list[float]] = {"new posts": [], "metric updates (same pages again)": []}
    for round_ in range(3):
        first = 10**15 + round_ * 10**6
        pages = [x_page(rng, first + n * 100, 100, 4000, edition.day) for n in range(300)]
        for label in rates:
            started = time.perf_counter()
            cpu = time.process_time()
            stored = 0
            state: dict = {}
            for body in pages:
                page = provider.parse_search(body, state)
                store_posts(tracking, "x", page.posts, page.authors, stream=stream, cursor_state=page.state)
                stored += len(page.posts)
                state = page.state
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
            rates[label].append(stored / elapsed)
            print(f"ingest round {round_ + 1}, {label}: {stored} posts in {elapsed:.2f} s = {stored / elapsed:,.0f} "
                  f"posts/s wall ({stored / cpu:,.0f} posts per CPU-second in this process; pages of 100, one "
                  f"transaction each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)", flush=True)
            for body in pages:  # the second pass sees every metric changed
                for tweet in body["data"]:
                    tweet["public_metrics"]["like_count"] += 1
    for label, values in rates.items():
        print(f"ingest, {label}: median {statistics.median(values):,.0f} posts/s "
              f"(rounds: {', '.join(f'{v:,.0f}' for v in values)})", flush=True)
    # The endpoints are measured on generated posts alone, spread evenly over the editions: left
    # here, these 30,000 would make the "10,000 posts" run one full edition and two empty ones.
    clear_edition_data(tracking)


def fill_posts(editions, target: int) -> None:
    """Bring the stored posts up to ``target`` with bulk inserts, then rebuild the aggregates."""
    from django.db import connection

    from campaign.reach.models import Author, Contributor, Post
    from campaign.reach.store import rebuild_aggregates

    current = Post.objects.count()
    if current >= target:
        return
    started = time.perf_counter()
    rng = random.Random(target)
    kinds = ["original", "original", "repost", "reply", "quote"]
    networks = ["x", "bluesky", "mastodon"]
    author_ids = {}
    for network in networks:
        existing = Author.objects.filter(network=network).count()
        if existing < 20_000:
            now = datetime.now(UTC)
            Author.objects.bulk_create([
                Author(network=network, external_id=f"bench-{network}-{i}", handle=f"@bench{i}",
                       followers=rng.randrange(10, 20_000), seen_at=now, country=rng.choice(["GB", "IE", ""]))
                for i in range(existing, 20_000)
            ], batch_size=5000)
        author_ids[network] = list(Author.objects.filter(network=network).values_list("pk", flat=True))
    year_editions = list(editions.values())
    batch = []
    for n in range(current, target):
        edition = year_editions[n % len(year_editions)]
        network = networks[n % 3]
        created = datetime(edition.year, 3, 11, tzinfo=UTC) + timedelta(seconds=rng.randrange(3 * 86400))
        likes, shares = rng.randrange(50), rng.randrange(10)
        batch.append(Post(
            network=network, external_id=f"bench-{n}", edition_id=edition.pk,
            author_id=rng.choice(author_ids[network]), url=f"https://example.org/{n}", text="#SocialPrescribingDay",
            created_at=created, hour=created.replace(minute=0, second=0), kind=rng.choice(kinds), lang="en",
            likes=likes, shares=shares, comments=0, quotations=0, engagements=likes + shares,
            impressions=rng.randrange(1000) if network == "x" else None, seen_at=created,
        ))
        if len(batch) == 20_000:
            Post.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Post.objects.bulk_create(batch, batch_size=5000)
    with connection.cursor() as cursor:
        # Contributors and aggregates as the tracker keeps them, computed in bulk for the benchmark.
        cursor.execute("DELETE FROM reach_contributor")
        cursor.execute(
            "INSERT INTO reach_contributor (edition_id, author_id, network, first_hour, followers_counted, posts, engagements) "
            "SELECT p.edition_id, p.author_id, p.network, MIN(p.hour), MAX(a.followers), COUNT(*), SUM(p.engagements) "
            "FROM reach_post p JOIN reach_author a ON a.id = p.author_id GROUP BY p.edition_id, p.author_id, p.network"
        )
    for edition in year_editions:
        rebuild_aggregates(edition.pk)
    if connection.vendor == "postgresql":
        # Autovacuum is switched off on this machine's server; in production it would long have
        # cleared the ingest run's deleted posts, whose dead entries otherwise sit at the top of
        # one edition's top-posts index and slow its first few hundred reads fourfold.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"\nstored posts: {Post.objects.count():,} (generated in {time.perf_counter() - started:.0f} s), "
          f"contributors: {Contributor.objects.count():,}", flush=True)


def bench_endpoints(rounds: int = ROUNDS_PER_CHUNK) -> dict:
    """Time each endpoint ``rounds`` times cold (the 30-second stats cache cleared before every
    request, so every stats query runs) and warm, after one request that is not counted.

    Requests carry a session cookie, as an editor's do, so the page cache never answers them
    (bench/render.py does the same): every request reaches the view and renders.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from campaign.editions.models import EditionPage
    from campaign.reach.store import stats_cache_key

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-bypasses-the-page-cache"
    stats_keys = [stats_cache_key(pk) for pk in EditionPage.objects.values_list("pk", flat=True)]
    out = {}
    for url in URLS:
        client.get(url)
        for mode in ("cold", "warm"):
            times, cpu_times = [], []
            for _ in range(rounds):
                if mode == "cold":
                    cache.delete_many(stats_keys)
                started, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                cpu_times.append((time.process_time() - cpu) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            cache.delete_many(stats_keys)
            queries = []
            with connection.execute_wrapper(
                lambda execute, sql, params, many, context, q=queries: q.append(sql) or execute(sql, params, many, context)
            ):
                client.get(url)
            out[f"{url} {mode}"] = {"wall": times, "cpu": cpu_times, "queries": len(queries)}
    return out


# --- the kill drill ---------------------------------------------------------------------------
#
# Each pass adds DRILL_PAGE_POSTS * DRILL_PAGES new posts (a walk of DRILL_PAGES pages) and
# reads the metrics of every earlier post again (the metric refresh, batches of 100), with
# metrics that grow from pass to pass. A pass is SIGKILLed at a random moment, then run again
# to the end; after the last pass the stored posts, their metrics and every aggregate must
# equal the ground truth that DRILL_* below defines.

DRILL_PAGES, DRILL_PAGE_POSTS, DRILL_AUTHORS = 3, 100, 40


def drill_likes(n: int, version: int) -> int:
    return (n * 7) % 50 + 3 * version


def kill_drill(passes: int) -> None:
    import signal

    rng = random.Random()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="campaign.settings", DJANGO_ENV="test", DEBUG="false",
               ALLOWED_HOSTS="testserver", CACHE_URL="locmem://reach-drill", LOG_LEVEL="ERROR")
    env.pop("DATABASE_URL", None)
    with tempfile.TemporaryDirectory(prefix="reach-drill-") as tmp:
        env["VAR_DIR"] = tmp
        step = [sys.executable, __file__, "--drill"]
        subprocess.run([*step, "setup", "0"], env=env, cwd=ROOT, check=True)
        kills = 0
        for version in range(1, passes + 1):
            for _attempt in range(3):  # killed at a random moment, then run again to the end
                child = subprocess.Popen([*step, "pass", str(version)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                         text=True)
                child.stdout.readline()  # "tracking": Django is up, the pass begins (startup is no target)
                try:
                    child.wait(timeout=rng.uniform(0.05, 1.0))
                except subprocess.TimeoutExpired:
                    child.send_signal(signal.SIGKILL)
                    child.wait()
                    kills += 1
                child.stdout.close()
            subprocess.run([*step, "pass", str(version)], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"kill drill: {passes} passes, {kills} SIGKILLs mid-pass", flush=True)
        subprocess.run([*step, "check", str(passes)], env=env, cwd=ROOT, check=True)


def run_drill_step(step: str, version: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from campaign.editions.models import EditionPage
    from campaign.reach.models import Tracking
    from campaign.reach.tracker import run_network

    if step == "setup":
        call_command("migrate", verbosity=0)
        make_site()
        return
    tracking = Tracking.objects.select_related("edition").get(edition=EditionPage.objects.get(year=2027))
    if step == "pass":
        print("tracking", flush=True)
        moment = datetime(2027, 3, 12, 18, tzinfo=UTC) + timedelta(hours=2 * version)
        run_network(tracking, drill_provider(version), sleep=lambda s: None, clock=moment.timestamp)
        return
    check_drill(tracking, version)


def drill_provider(version: int):
    from campaign.reach.providers.base import Provider
    from campaign.reach.records import AuthorRecord, Page, PostRecord, Stream

    def record(n: int) -> PostRecord:
        return PostRecord(network="mastodon", external_id=f"d{n}", author_id=f"a{n % DRILL_AUTHORS}",
                          created_at=datetime(2027, 3, 12, n % 16, n % 60, tzinfo=UTC),
                          kind="reply" if n % 5 == 0 else "original", lang="en", likes=drill_likes(n, version),
                          shares=n % 3)

    def authors(numbers) -> list:
        return [AuthorRecord(network="mastodon", external_id=f"a{a}", handle=f"@a{a}", followers=100 + a)
                for a in sorted({n % DRILL_AUTHORS for n in numbers})]

    class DrillProvider(Provider):
        network = "mastodon"
        lookup_batch = 100

        def streams(self, tracking):
            return [Stream("mastodon", "drill.example", "socialprescribingday")]

        def fetch(self, tracking, stream, state, *, limit=None):
            page = state.get("next", 0)
            if page >= version * DRILL_PAGES:
                return Page(state=state, done=True)
            numbers = range(page * DRILL_PAGE_POSTS, (page + 1) * DRILL_PAGE_POSTS)
            return Page(posts=[record(n) for n in numbers], authors=authors(numbers), state={"next": page + 1},
                        done=page + 1 >= version * DRILL_PAGES, read=DRILL_PAGE_POSTS)

        def lookup(self, posts):
            numbers = [int(post.external_id[1:]) for post in posts]
            return Page(posts=[record(n) for n in numbers], authors=authors(numbers), read=len(numbers))

    return DrillProvider()


def check_drill(tracking, version: int) -> None:
    from django.db.models import Count, Sum

    from campaign.reach.models import Contributor, HourlyStat, IngestRun, Post
    from campaign.reach.store import recompute_hourly, stored_hourly

    expected = range(version * DRILL_PAGES * DRILL_PAGE_POSTS)
    stored = dict(Post.objects.filter(edition=tracking.edition).values_list("external_id", "likes"))
    problems = []
    if set(stored) != {f"d{n}" for n in expected}:
        problems.append(f"stored set differs: {len(stored)} stored, {len(expected)} expected")
    wrong = [n for n in expected if stored.get(f"d{n}") != drill_likes(n, version)]
    if wrong:
        problems.append(f"{len(wrong)} posts with stale metrics, e.g. d{wrong[0]}")
    if stored_hourly(tracking.edition_id) != recompute_hourly(tracking.edition_id):
        problems.append("hourly aggregates differ from a recomputation")
    totals = HourlyStat.objects.filter(edition=tracking.edition).aggregate(posts=Sum("posts"), likes=Sum("likes"))
    if totals != {"posts": len(expected), "likes": sum(drill_likes(n, version) for n in expected)}:
        problems.append(f"hourly totals {totals}")
    counted = dict(Contributor.objects.filter(edition=tracking.edition).values_list("author__external_id", "posts"))
    recount = dict(Post.objects.filter(edition=tracking.edition).values("author__external_id")
                   .annotate(n=Count("id")).values_list("author__external_id", "n"))
    if counted != recount:
        problems.append("contributors' post counts differ from a recount")
    if problems:
        raise SystemExit("kill drill FAILED: " + "; ".join(problems))
    killed = IngestRun.objects.filter(edition=tracking.edition, status=IngestRun.RUNNING)
    print(f"kill drill passed: {len(stored)} posts, metrics of pass {version}, aggregates equal a recomputation; "
          f"{killed.count()} runs were killed after they started, "
          f"{killed.filter(pages__gt=0).count()} of them after storing at least one page", flush=True)


if __name__ == "__main__":
    main()
