"""A moderator approving stories while a load test runs: one publish every ``--every`` seconds.

On the Day moderators approve stories and events all along, and every approval publishes a
page, which makes every cached page stale at once (campaign.cache): the next visitor of each
page, on each worker, pays a cold render. `bench/load.sh` runs this in the background when
``PUBLISH_EVERY`` is set, so its p99 figures include those renders.

Each publish is a real one, as Wagtail's workflow does on approval: a new revision of a live
demo story (taking turns through them), published. Uses the database and Redis of
`make run-prod`. Stops on SIGTERM or Ctrl-C and prints how many publishes it made.

Usage: .venv/bin/python bench/moderation.py [--every 5] [--database postgres://postgres@127.0.0.1:5432/spd_prod]
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=5.0, help="seconds between publishes")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spd_prod"))
    args = parser.parse_args()
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "campaign.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + "x1y2z3" * 10,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": args.database,
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/1"),
        "VAR_DIR": os.environ.get("VAR_DIR", str(ROOT / "var" / "prod")),
    })
    import django

    django.setup()
    from campaign.cache import current_generation
    from stories.models import StoryPage

    stories = list(StoryPage.objects.live().filter(is_demo=True).order_by("pk"))
    if not stories:
        sys.exit("No live demo story to publish: run make run-prod first (it loads the demo).")
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    first = current_generation()
    published = 0
    next_at = time.monotonic() + args.every
    for story in itertools.cycle(stories):
        while not stopping and time.monotonic() < next_at:
            time.sleep(min(0.2, max(next_at - time.monotonic(), 0)))
        if stopping:
            break
        story.refresh_from_db()
        story.save_revision().publish()
        published += 1
        next_at += args.every
    print(f"{published} publishes, one every {args.every:g} s; page cache generation {first} -> {current_generation()}")


if __name__ == "__main__":
    main()
