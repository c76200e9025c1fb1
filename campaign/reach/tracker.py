"""One tracking pass: every active edition, every network switched on, page by page.

The rules for faults live here, the same for every network: a 429 waits until the reset
the network gives (bounded: a longer wait ends the walk and the next run resumes), 5xx
and timeouts back off with jitter a bounded number of times, 401/403 switch the network off
for the edition with the error shown in the admin, and a malformed page is logged and
skipped without moving the cursor. Each (edition, network) pass is recorded as an IngestRun.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaign.editions.current import current_edition

from .models import API_NETWORKS, NETWORK_LABELS, Cursor, IngestRun, NetworkVolume, Tracking
from .providers import (
    AuthFailed,
    Malformed,
    Provider,
    ProviderError,
    RateLimited,
    ServerRefused,
    Transient,
    build_providers,
)
from .records import Stream
from .refresh import due_posts, mark_read
from .store import DemoDataError, store_posts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    transient_retries: int = 4
    base_delay: float = 2.0
    max_delay: float = 60.0
    rate_limit_waits: int = 3
    default_rate_wait: float = 60.0
    max_rate_wait: float = 900.0


class GaveUp(ProviderError):
    """Retries or waits ran out: end this walk, keep the cursor, try again next run."""


def call_with_retries(fn: Callable, *, sleep: Callable[[float], None], clock: Callable[[], float] = time.time,
                      policy: RetryPolicy = RetryPolicy(), rand: Callable[[], float] = random.random,
                      notes: list[str] | None = None):
    """Call ``fn``; wait out rate limits and back off on transient faults, within bounds."""
    rate_waits = transient = 0
    while True:
        try:
            return fn()
        except RateLimited as exc:
            rate_waits += 1
            if rate_waits > policy.rate_limit_waits:
                raise GaveUp(f"still rate limited after {policy.rate_limit_waits} waits") from exc
            wait = (exc.reset_at - clock() + 1) if exc.reset_at is not None else policy.default_rate_wait
            wait = max(wait, 1.0)
            if wait > policy.max_rate_wait:
                raise GaveUp(f"rate limited for {int(wait)} s, longer than we wait; the next run resumes") from exc
            if notes is not None:
                notes.append(f"rate limited: waited {int(wait)} s")
            sleep(wait)
        except Transient as exc:
            transient += 1
            if transient > policy.transient_retries:
                raise GaveUp(f"{exc} (gave up after {policy.transient_retries} retries)") from exc
            delay = min(policy.max_delay, policy.base_delay * 2 ** (transient - 1)) * (0.5 + rand())
            if notes is not None:
                notes.append(f"{exc}: retrying in {delay:.1f} s")
            sleep(delay)


def tracking_for(edition) -> Tracking:
    tracking, _ = Tracking.objects.select_related("edition").get_or_create(edition=edition)
    return tracking


def active_trackings(now: datetime | None = None, *, backfill: bool = False) -> list[Tracking]:
    """Real-data editions whose tracking window is open now (for a backfill: has started)."""
    now = now or timezone.now()
    edition = current_edition()
    if edition is not None and edition.day is not None:
        tracking_for(edition)
    active = []
    for tracking in Tracking.objects.select_related("edition").filter(data_source="real", edition__live=True):
        start, end = tracking.window()
        if start is None or start > now:
            continue
        if not backfill and end is not None and end <= now:
            continue
        if backfill and end is not None and end <= now - timedelta(days=8):
            continue  # no network we read lets us search that far back
        active.append(tracking)
    return active


ProgressFn = Callable[[Tracking, str, str, int, int | None], None]


def run_network(tracking: Tracking, provider: Provider, *, backfill: bool = False,
                sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                policy: RetryPolicy = RetryPolicy(), progress: ProgressFn | None = None) -> IngestRun:
    """Walk every stream of one network for one edition, storing page by page.

    The run is saved first and every stored page adds the posts it read to it in the page's
    own transaction: a run killed halfway still counts against the network's budget.
    A fault in one stream is recorded on the run and the next stream goes on.
    """
    network = provider.network
    run = IngestRun.objects.create(edition_id=tracking.edition_id, network=network, backfill=backfill,
                                   status=IngestRun.RUNNING)
    run.status = IngestRun.OK
    began = time.monotonic()
    notes: list[str] = []
    errors: list[str] = []
    if not tracking.is_enabled(network):
        run.status = IngestRun.DISABLED
        notes.append(tracking.error_for(network) or "switched off for this edition")
        return _finish(run, began, notes, tracking, "")
    if tracking.is_demo:
        run.status = IngestRun.SKIPPED
        notes.append("this edition holds demo data: clear it before tracking for real")
        return _finish(run, began, notes, tracking, "")
    for stream in provider.streams(tracking):
        where = " ".join(filter(None, [stream.server, stream.hashtag]))
        try:
            outcome = _walk(tracking, provider, stream, run, backfill=backfill, sleep=sleep, clock=clock,
                            policy=policy, progress=progress, notes=notes)
        except AuthFailed as exc:
            _switch_off(tracking, network, str(exc))
            run.errors += len(errors) + 1
            run.status = IngestRun.FAILED
            notes.extend([*errors, str(exc)])
            return _finish(run, began, notes, tracking, str(exc))
        except ServerRefused as exc:
            _switch_off_server(tracking, exc.server, str(exc))
            errors.append(f"{where}: {exc}; {exc.server} is switched off for this edition")
        except DemoDataError as exc:
            run.status = IngestRun.SKIPPED
            notes.append(str(exc))
            return _finish(run, began, notes, tracking, "")
        except Malformed as exc:
            log.warning("Skipped a malformed %s page (%s): %s", network, where, exc)
            errors.append(f"{where}: malformed page skipped ({exc})")
        except ProviderError as exc:
            log.warning("%s walk %s stopped: %s", network, where, exc)
            errors.append(f"{where}: {exc}")
        except Exception as exc:  # noqa: BLE001 - one stream's fault never stops the others
            log.exception("%s walk %s failed", network, where)
            errors.append(f"{where}: unexpected {exc.__class__.__name__}: {exc}")
        else:
            if outcome:
                errors.append(outcome)
            continue
    if provider.lookup_batch:
        try:
            _refresh(tracking, provider, run, sleep=sleep, clock=clock, policy=policy, notes=notes)
        except AuthFailed as exc:
            _switch_off(tracking, network, str(exc))
            run.status = IngestRun.FAILED
            errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - a failed refresh waits for the next pass
            log.warning("%s metrics refresh stopped: %s", network, exc)
            errors.append(f"metrics refresh: {exc}")
    run.errors += len(errors)
    notes.extend(errors)
    if run.status == IngestRun.OK and errors and not run.posts_read:
        run.status = IngestRun.FAILED
    _record_volume(tracking, provider, notes)
    return _finish(run, began, notes, tracking, errors[-1] if errors else "")


def _state_key(state: dict) -> str:
    return json.dumps(state, sort_keys=True, default=str)


def _walk(tracking: Tracking, provider: Provider, stream: Stream, run: IngestRun, *, backfill: bool,
          sleep, clock, policy: RetryPolicy, progress: ProgressFn | None, notes: list[str]) -> str:
    """Walk one stream page by page; return an error to record when the walk had to stop
    for a reason of its own (a page token seen twice), else ''. Faults raise."""
    network = provider.network
    cursor = Cursor.objects.filter(
        edition_id=tracking.edition_id, network=network, server=stream.server, hashtag=stream.hashtag
    ).first()
    state = {} if backfill else dict(cursor.state if cursor else {})
    where = " ".join(filter(None, [stream.server, stream.hashtag]))
    seen = {_state_key(state)}
    pages = 0
    max_pages = settings.REACH_MAX_PAGES_PER_STREAM
    while True:
        limit = provider.budget_remaining(run.posts_read)
        if limit is not None and limit < provider.min_page:
            run.status = IngestRun.PARTIAL
            notes.append(f"budget reached after {run.posts_read} posts read; the next run resumes")
            return ""
        if pages >= max_pages:
            run.status = IngestRun.PARTIAL
            notes.append(f"{where}: stopped after {pages} pages; the next run resumes")
            return ""
        page = call_with_retries(
            lambda state=state, limit=limit: provider.fetch(tracking, stream, state, limit=limit),
            sleep=sleep, clock=clock, policy=policy, notes=notes,
        )
        repeated = not page.done and _state_key(page.state) in seen
        next_state = provider.end_walk(page.state) if repeated else page.state
        pages += 1
        if page.skipped:
            log.warning("Skipped %s malformed %s items (%s)", page.skipped, network, where)
            notes.append(f"{where}: {page.skipped} malformed items skipped")
            run.errors += page.skipped
        if page.missing_authors:
            notes.append(f"{where}: {page.missing_authors} posts whose author the network left out of the page, "
                         "stored under the author's id")
            run.errors += page.missing_authors
        result = store_posts(
            tracking, network, page.posts, page.authors, stream=stream, cursor_state=next_state,
            keep_highest=provider.keep_highest, run=run, read=page.read,
            now=datetime.fromtimestamp(clock(), tz=UTC),
        )
        run.pages += 1
        run.posts_read += page.read
        run.posts_new += result.new
        run.posts_updated += result.updated
        if result.skipped:
            notes.append(f"{where}: {result.skipped} posts not stored (already counted for another edition)")
        state = next_state
        seen.add(_state_key(state))
        if progress is not None:
            progress(tracking, network, where, run.posts_read, page.total_hint)
        if repeated:
            return f"{where}: the network sent the same page token twice; walk stopped so the budget is not spent on the same page"
        if page.done:
            return ""


def _refresh(tracking: Tracking, provider: Provider, run: IngestRun, *, sleep, clock, policy: RetryPolicy,
             notes: list[str]) -> None:
    """Read the metrics of the posts that are due again, a network batch at a time, within
    the budget; store_posts moves the aggregates by the difference."""
    now = datetime.fromtimestamp(clock(), tz=UTC)
    due = due_posts(tracking, provider.network, now)
    refreshed = 0
    for i in range(0, len(due), provider.lookup_batch):
        batch = due[i : i + provider.lookup_batch]
        limit = provider.budget_remaining(run.posts_read)
        if limit is not None and limit < len(batch):
            run.status = IngestRun.PARTIAL
            notes.append(f"metrics refresh: budget reached after {refreshed} posts; the next pass goes on")
            break
        page = call_with_retries(lambda batch=batch: provider.lookup(batch), sleep=sleep, clock=clock,
                                 policy=policy, notes=notes)
        result = store_posts(tracking, provider.network, page.posts, page.authors,
                             keep_highest=provider.keep_highest, run=run, read=page.read, now=now)
        mark_read(batch, now)
        run.posts_updated += result.updated
        run.posts_read += page.read
        run.pages += 1
        refreshed += len(page.posts)
    if due:
        notes.append(f"metrics read again for {refreshed} of {len(due)} posts due")


def _record_volume(tracking: Tracking, provider: Provider, notes: list[str]) -> None:
    """The network's own hourly counts, each hour replaced when read again."""
    try:
        hours = provider.volume(tracking)
    except Exception as exc:  # noqa: BLE001 - the counts are a side figure: never stop a run for them
        notes.append(f"hourly counts not read: {exc}")
        return
    if not hours:
        return
    NetworkVolume.objects.bulk_create(
        [NetworkVolume(edition_id=tracking.edition_id, network=provider.network, hour=h, count=c) for h, c in hours],
        update_conflicts=True, unique_fields=["edition", "network", "hour"], update_fields=["count"],
    )


def _switch_off_server(tracking: Tracking, server: str, message: str) -> None:
    """Switch one Mastodon server off for the edition, the reason shown to editors."""
    stamp = timezone.localtime().strftime("%d %b %Y %H:%M")
    lines = [line for line in tracking.mastodon_servers_off.splitlines() if line.strip()]
    lines.append(f"{server}: {stamp}: {message}")
    tracking.mastodon_servers_off = "\n".join(lines)
    Tracking.objects.filter(pk=tracking.pk).update(mastodon_servers_off=tracking.mastodon_servers_off)


def _switch_off(tracking: Tracking, network: str, message: str) -> None:
    stamp = timezone.localtime().strftime("%d %b %Y %H:%M")
    text = f"{stamp}: {message}. {NETWORK_LABELS[network]} is switched off for this edition."
    Tracking.objects.filter(pk=tracking.pk).update(**{f"{network}_enabled": False, f"{network}_error": text})
    setattr(tracking, f"{network}_enabled", False)
    setattr(tracking, f"{network}_error", text)


def _finish(run: IngestRun, began: float, notes: list[str], tracking: Tracking, last_error: str) -> IngestRun:
    run.duration = round(time.monotonic() - began, 3)
    run.messages = "\n".join(notes)[:5000]
    if run.status == IngestRun.OK and run.errors:
        run.status = IngestRun.PARTIAL
    with transaction.atomic():
        run.save()
        network = run.network
        if run.status in (IngestRun.OK, IngestRun.PARTIAL, IngestRun.FAILED) and tracking.is_enabled(network):
            text = f"{timezone.localtime():%d %b %Y %H:%M}: {last_error}" if last_error else ""
            if text != tracking.error_for(network):
                Tracking.objects.filter(pk=tracking.pk).update(**{f"{network}_error": text})
                setattr(tracking, f"{network}_error", text)
    return run


def run_pass(*, backfill: bool = False, networks: list[str] | None = None, years: list[int] | None = None,
             providers: dict[str, Provider] | None = None, sleep: Callable[[float], None] = time.sleep,
             progress: ProgressFn | None = None, out: Callable[[str], None] | None = None) -> list[IngestRun]:
    """One pass for every active edition and every network: what the command and the task run."""
    own = providers is None
    missing: dict[str, str] = {}
    if own:
        providers, missing = build_providers()
    runs = []
    try:
        trackings = active_trackings(backfill=backfill)
        if years:
            trackings = [t for t in trackings if t.edition.year in years]
        if out and not trackings:
            out("No edition is being tracked now (its window is closed or it holds demo data).")
        for tracking in trackings:
            for network, _label in API_NETWORKS:
                if networks and network not in networks:
                    continue
                provider = providers.get(network)
                if provider is None:
                    if out and tracking.is_enabled(network):
                        out(f"{tracking.edition.year} {network}: not configured ({missing.get(network, 'no provider')})")
                    continue
                try:
                    run = run_network(tracking, provider, backfill=backfill, sleep=sleep, progress=progress)
                except Exception as exc:  # noqa: BLE001 - one network's fault never stops the others
                    log.exception("%s run for %s failed", network, tracking.edition)
                    if out:
                        out(f"{tracking.edition.year} {network}: failed ({exc.__class__.__name__}: {exc})")
                    continue
                runs.append(run)
                if out:
                    out(
                        f"{tracking.edition.year} {network}: {run.get_status_display()}, {run.posts_new} new, "
                        f"{run.posts_updated} updated, {run.errors} errors, {run.duration:.1f} s"
                    )
    finally:
        if own:
            for provider in providers.values():
                provider.close()
    return runs
