"""manage.py track_hashtags: one tracking pass, repeated with --every, or a --backfill."""

from __future__ import annotations

import logging
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from campaign.reach.models import API_NETWORKS, Tracking
from campaign.reach.store import clear_edition_data, rebuild_aggregates
from campaign.reach.tracker import run_pass

log = logging.getLogger(__name__)


class ProgressBar:
    """A one-line progress bar on a terminal; plain lines otherwise."""

    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, tracking, network, where, read, total):
        label = f"{tracking.edition.year} {network} {where}"[:60]
        if total:
            share = min(read / total, 1.0)
            filled = int(share * self.width)
            bar = "#" * filled + "." * (self.width - filled)
            line = f"[{bar}] {share:4.0%} {label}: {read}/{total} posts"
        else:
            line = f"{label}: {read} posts read"
        if self.tty:
            self.stream.write("\r\033[K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def end(self):
        if self.tty:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Read new posts with the tracked hashtags from X, Mastodon and Bluesky for every active edition."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, metavar="SECONDS", help="Repeat the pass every N seconds (at least 60).")
        parser.add_argument("--backfill", action="store_true", help="Walk as far back as each network allows.")
        parser.add_argument("--network", action="append", choices=[n for n, _ in API_NETWORKS])
        parser.add_argument("--year", action="append", type=int, help="Only this edition (repeatable).")
        parser.add_argument("--clear-demo", type=int, metavar="YEAR",
                            help="Remove an edition's demo data so real tracking can start, then exit.")
        parser.add_argument("--rebuild-aggregates", type=int, metavar="YEAR",
                            help="Recompute an edition's hourly figures from its stored posts, then exit.")

    def handle(self, *args, **options):
        if options["clear_demo"]:
            tracking = Tracking.objects.filter(edition__year=options["clear_demo"]).select_related("edition").first()
            if tracking is None:
                raise CommandError("No tracking settings for that year.")
            clear_edition_data(tracking)
            self.stdout.write(self.style.SUCCESS(f"Cleared stored data for {options['clear_demo']}; it now tracks real posts."))
            return
        if options["rebuild_aggregates"]:
            tracking = Tracking.objects.filter(edition__year=options["rebuild_aggregates"]).first()
            if tracking is None:
                raise CommandError("No tracking settings for that year.")
            rows = rebuild_aggregates(tracking.edition_id)
            self.stdout.write(self.style.SUCCESS(f"Rebuilt {rows} hourly rows."))
            return
        every = options["every"]
        if every is not None and every < 60:
            raise CommandError("--every must be at least 60 seconds.")
        progress = ProgressBar(sys.stderr) if options["backfill"] else None
        while True:
            started = time.monotonic()
            try:
                run_pass(
                    backfill=options["backfill"], networks=options["network"], years=options["year"],
                    progress=progress, out=self.stdout.write,
                )
            except Exception as exc:
                if not every:
                    raise
                # A loop that tracks for a week must outlive any one pass's fault.
                log.exception("Tracking pass failed; the next one starts on schedule")
                self.stderr.write(f"Pass failed ({exc.__class__.__name__}: {exc}); trying again in {every} s.")
            if progress:
                progress.end()
            if not every:
                return
            time.sleep(max(0.0, every - (time.monotonic() - started)))
