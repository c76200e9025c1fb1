"""Storing posts idempotently and keeping the hourly aggregates in step, in one transaction.

Why one transaction: the cursor that says "resume after this page" is saved with the posts
of the page, the aggregate changes they cause and the posts the network charged for, so a
crash or a kill mid-run loses nothing and counts nothing twice. Why incremental aggregates:
the stats page reads a few hundred hourly rows, whatever the number of posts stored.

Everything goes through Django's public ORM: upserts are bulk_create(update_conflicts=True),
counters move with F() expressions, and writers of an edition queue on its tracking row
(select_for_update on PostgreSQL; SQLite's transactions begin IMMEDIATE, see settings).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from . import places
from .models import (
    Author,
    Contributor,
    Cursor,
    Facet,
    HourlyStat,
    IngestRun,
    ManualFigure,
    NetworkVolume,
    Post,
    Tracking,
)
from .records import AuthorRecord, PostRecord, Stream

log = logging.getLogger(__name__)

KIND_COUNTER = {Post.ORIGINAL: "originals", Post.REPOST: "reposts", Post.REPLY: "replies", Post.QUOTE: "quotes"}


class DemoDataError(RuntimeError):
    """Real posts must never be written into an edition that holds demo data."""


@dataclass
class StoreResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    outside_window: int = 0
    skipped: int = 0


def stats_cache_key(edition_id: int) -> str:
    return f"reach:stats:{edition_id}"


def hour_of(moment: datetime) -> datetime:
    """The UTC hour a post counts in."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def safe_url(url: str) -> str:
    """Only http(s) links from a network's payload are kept (never javascript: or data:)."""
    url = (url or "").strip()
    return url[:500] if url.lower().startswith(("https://", "http://")) else ""


def engagements_of(likes: int, shares: int, comments: int, quotations: int) -> int:
    return likes + shares + comments + quotations


def store_posts(
    tracking: Tracking,
    network: str,
    posts: list[PostRecord],
    authors: list[AuthorRecord],
    *,
    stream: Stream | None = None,
    cursor_state: dict | None = None,
    keep_highest: bool = False,
    demo: bool = False,
    now: datetime | None = None,
    run: IngestRun | None = None,
    read: int = 0,
) -> StoreResult:
    """Upsert a page of posts and authors, update the aggregates, and save the cursor, atomically.

    ``keep_highest``: Mastodon servers each see part of a post's interactions, so the largest
    count seen across servers is kept rather than the last one read.
    ``run`` and ``read``: the posts the network charged for this page are added to the run
    in the same transaction, so a killed run still counts against X's daily budget.
    """
    if tracking.is_demo != demo:
        raise DemoDataError(
            f"{tracking.edition} holds {'demo' if tracking.is_demo else 'real'} data; "
            "clear it before storing other data there."
        )
    now = now or timezone.now()
    result = StoreResult()
    edition_id = tracking.edition_id
    start, end = tracking.window()

    author_recs = {a.external_id: a for a in authors if a.network == network}
    post_recs: dict[str, PostRecord] = {}
    for rec in posts:
        if rec.network != network:
            continue
        if rec.author_id not in author_recs:
            log.warning("Skipped %s post %s: its author is missing from the page", network, rec.external_id)
            result.skipped += 1
            continue
        if (start and rec.created_at < start) or (end and rec.created_at >= end):
            result.outside_window += 1
            continue
        post_recs[rec.external_id] = rec

    with transaction.atomic():
        _lock_editions({edition_id})
        stored_authors = _upsert_authors(network, author_recs, now)
        contributions = {
            (c.edition_id, c.author_id): c
            for c in Contributor.objects.filter(author__in=[a.pk for a in stored_authors.values()])
        }
        hourly: dict[tuple[int, str], dict[datetime, Counter]] = defaultdict(lambda: defaultdict(Counter))
        changed = _propagate_followers(edition_id, stored_authors, contributions, hourly)
        if post_recs:
            existing = {
                row[0]: row for row in Post.objects.filter(network=network, external_id__in=list(post_recs))
                .values_list(*EXISTING_COLUMNS)
            }
            changed += _store(tracking, network, post_recs, existing, stored_authors, contributions, hourly,
                              keep_highest, now, result)
        if changed:
            # Fresh objects: rows read back carry their primary key, which an upsert must not insert.
            Contributor.objects.bulk_create(
                [Contributor(edition_id=c.edition_id, author_id=c.author_id, network=c.network,
                             first_hour=c.first_hour, followers_counted=c.followers_counted, posts=c.posts,
                             engagements=c.engagements) for c in changed],
                update_conflicts=True, unique_fields=["edition", "author"],
                update_fields=["first_hour", "followers_counted", "posts", "engagements"],
            )
        _apply_hourly(hourly)
        if stream is not None and cursor_state is not None:
            Cursor.objects.bulk_create(
                [Cursor(edition_id=edition_id, network=network, server=stream.server, hashtag=stream.hashtag,
                        state=cursor_state, updated_at=now)],
                update_conflicts=True, unique_fields=["edition", "network", "server", "hashtag"],
                update_fields=["state", "updated_at"],
            )
        if run is not None:
            IngestRun.objects.filter(pk=run.pk).update(posts_read=F("posts_read") + read, pages=F("pages") + 1)
        if result.new or result.updated:
            Tracking.objects.filter(pk=tracking.pk).update(last_stored_at=now)
            transaction.on_commit(lambda: cache.delete(stats_cache_key(edition_id)))
    return result


def _upsert_authors(network: str, recs: dict[str, AuthorRecord], now: datetime) -> dict[str, Author]:
    """Write the page's authors; return them, with ids, by external id.

    An unknown follower count (None) keeps the one seen last.
    """
    if not recs:
        return {}
    known = dict(
        Author.objects.filter(network=network, external_id__in=list(recs)).values_list("external_id", "followers")
    )
    rows = []
    for ext, rec in recs.items():
        followers = rec.followers if rec.followers is not None else known.get(ext)
        rows.append(Author(
            network=network, external_id=ext, handle=rec.handle[:300], display_name=rec.display_name[:300],
            profile_url=safe_url(rec.profile_url), followers=followers, location=rec.location[:200],
            country=places.country_from_location(rec.location), seen_at=now,
        ))
    Author.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["network", "external_id"],
        update_fields=["handle", "display_name", "profile_url", "followers", "location", "country", "seen_at"],
    )
    return {author.external_id: author for author in rows}


def _propagate_followers(edition_id, stored_authors, contributions, hourly) -> list[Contributor]:
    """Keep other editions' potential reach on followers as last seen, like this edition's."""
    followers = {author.pk: author.followers or 0 for author in stored_authors.values()}
    stale = []
    for (other_edition, author_id), c in contributions.items():
        new = followers[author_id]
        if other_edition == edition_id or c.followers_counted == new:
            continue
        hourly[(other_edition, c.network)][c.first_hour]["reach"] += new - c.followers_counted
        c.followers_counted = new
        stale.append(c)
        transaction.on_commit(lambda e=other_edition: cache.delete(stats_cache_key(e)))
    return stale


EXISTING_COLUMNS = ["external_id", "edition_id", "hour", "kind", "likes", "shares", "comments", "quotations",
                    "engagements", "impressions"]


def _store(tracking, network, post_recs, existing, stored_authors, contributions, hourly, keep_highest,
           now, result) -> list[Contributor]:
    edition_id = tracking.edition_id
    deltas = hourly[(edition_id, network)]
    facets: Counter = Counter()
    per_author: dict[int, list] = {}  # author pk: [posts, engagements, earliest new hour]
    rows = []
    for ext, rec in post_recs.items():
        old = existing.get(ext)
        if old is not None and old[1] != edition_id:
            result.skipped += 1  # already counted for another edition: never count it twice
            continue
        author = stored_authors[rec.author_id]
        likes, shares, comments, quotations = (
            max(int(rec.likes or 0), 0), max(int(rec.shares or 0), 0),
            max(int(rec.comments or 0), 0), max(int(rec.quotations or 0), 0),
        )
        impressions = rec.impressions
        contrib = per_author.setdefault(author.pk, [0, 0, None])
        if old is None:
            hour = hour_of(rec.created_at)
            engagement = engagements_of(likes, shares, comments, quotations)
            d = deltas[hour]
            d["posts"] += 1
            d[KIND_COUNTER.get(rec.kind, "originals")] += 1
            d["likes"] += likes
            d["shares"] += shares
            d["comments"] += comments
            d["quotations"] += quotations
            if impressions is not None:
                d["impressions"] += impressions
                d["impression_posts"] += 1
            contrib[0] += 1
            contrib[1] += engagement
            if contrib[2] is None or hour < contrib[2]:
                contrib[2] = hour
            country = places.country_from_code(rec.country) or author.country
            if country:
                facets[(Facet.COUNTRY, country)] += 1
            lang = (rec.lang or "").lower()[:12]
            if lang and lang != "und":
                facets[(Facet.LANGUAGE, lang)] += 1
            else:
                lang = ""
            kind = rec.kind if rec.kind in KIND_COUNTER else Post.ORIGINAL
            result.new += 1
        else:
            _ext, _edition, hour, kind, o_likes, o_shares, o_comments, o_quotations, o_engagement, o_impr = old
            if keep_highest:
                likes, shares = max(likes, o_likes), max(shares, o_shares)
                comments, quotations = max(comments, o_comments), max(quotations, o_quotations)
                if o_impr is not None:
                    impressions = max(impressions or 0, o_impr)
            if impressions is None:
                impressions = o_impr
            engagement = engagements_of(likes, shares, comments, quotations)
            changed = False
            if (likes, shares, comments, quotations) != (o_likes, o_shares, o_comments, o_quotations):
                d = deltas[hour]
                d["likes"] += likes - o_likes
                d["shares"] += shares - o_shares
                d["comments"] += comments - o_comments
                d["quotations"] += quotations - o_quotations
                changed = True
            if impressions != o_impr:
                d = deltas[hour]
                d["impressions"] += (impressions or 0) - (o_impr or 0)
                if o_impr is None:
                    d["impression_posts"] += 1
                changed = True
            contrib[1] += engagement - o_engagement
            country = lang = ""  # not written: only the metrics of a stored post change
            if changed:
                result.updated += 1
            else:
                result.unchanged += 1
        rows.append(Post(
            network=network, external_id=ext, edition_id=edition_id, author_id=author.pk, url=safe_url(rec.url),
            text=rec.text[:1000], created_at=rec.created_at, hour=hour, kind=kind, lang=lang, country=country or "",
            likes=likes, shares=shares, comments=comments, quotations=quotations, engagements=engagement,
            impressions=impressions, sensitive=rec.sensitive, seen_at=now,
        ))
    if not rows:
        return []
    Post.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["network", "external_id"],
        update_fields=["url", "text", "likes", "shares", "comments", "quotations", "engagements", "impressions",
                       "sensitive", "seen_at"],
    )
    _apply_facets(edition_id, network, facets)
    return _update_contributors(edition_id, network, per_author, stored_authors, contributions, deltas)


def _update_contributors(edition_id, network, per_author, stored_authors, contributions, deltas) -> list[Contributor]:
    """New contributors count once, at the hour of their earliest post; reach follows followers."""
    followers_of = {author.pk: author.followers or 0 for author in stored_authors.values()}
    changed = []
    for a_pk, (posts, engagements, min_hour) in per_author.items():
        followers = followers_of[a_pk]
        c = contributions.get((edition_id, a_pk))
        if c is None:
            if min_hour is None:
                continue
            c = Contributor(edition_id=edition_id, author_id=a_pk, network=network, first_hour=min_hour,
                            followers_counted=followers, posts=0, engagements=0)
            deltas[c.first_hour]["new_contributors"] += 1
            deltas[c.first_hour]["reach"] += followers
        elif min_hour is not None and min_hour < c.first_hour:
            deltas[c.first_hour]["new_contributors"] -= 1
            deltas[c.first_hour]["reach"] -= c.followers_counted
            c.first_hour = min_hour
            deltas[c.first_hour]["new_contributors"] += 1
            deltas[c.first_hour]["reach"] += followers
        elif followers != c.followers_counted:
            deltas[c.first_hour]["reach"] += followers - c.followers_counted
        c.followers_counted = followers
        c.posts += posts
        c.engagements += engagements
        changed.append(c)
    return changed


def _apply_hourly(hourly: dict[tuple[int, str], dict[datetime, Counter]]) -> None:
    """Add the page's changes to the hourly rows of every edition and network it touched.

    One read of the rows touched and one upsert of their new totals, whatever the number of
    hours: the editions concerned are locked (their tracking rows), so no other writer
    moves these rows between the read and the write.
    """
    touched = {
        (edition_id, network, hour): d
        for (edition_id, network), deltas in hourly.items()
        for hour, d in deltas.items()
        if any(d.values())
    }
    if not touched:
        return
    _lock_editions({edition_id for edition_id, _n, _h in touched})
    stored = {
        (row.edition_id, row.network, row.hour): row
        for row in HourlyStat.objects.filter(
            edition_id__in={e for e, _n, _h in touched}, network__in={n for _e, n, _h in touched},
            hour__in={h for _e, _n, h in touched},
        )
    }
    rows = []
    for (edition_id, network, hour), d in touched.items():
        row = stored.get((edition_id, network, hour)) or HourlyStat(edition_id=edition_id, network=network, hour=hour)
        rows.append(HourlyStat(edition_id=edition_id, network=network, hour=hour,
                               **{name: getattr(row, name) + d.get(name, 0) for name in HourlyStat.COUNTERS}))
    HourlyStat.objects.bulk_create(rows, update_conflicts=True, unique_fields=["edition", "network", "hour"],
                                   update_fields=HourlyStat.COUNTERS)


def _apply_facets(edition_id, network, facets: Counter) -> None:
    """Countries and languages of the page's new posts: one read, one upsert (the edition is locked)."""
    if not facets:
        return
    stored = {
        (kind, value): posts
        for kind, value, posts in Facet.objects.filter(
            edition_id=edition_id, network=network, value__in={value for _kind, value in facets}
        ).values_list("kind", "value", "posts")
    }
    Facet.objects.bulk_create(
        [Facet(edition_id=edition_id, network=network, kind=kind, value=value,
               posts=stored.get((kind, value), 0) + count) for (kind, value), count in facets.items()],
        update_conflicts=True, unique_fields=["edition", "network", "kind", "value"], update_fields=["posts"],
    )


def _lock_editions(edition_ids: set[int]) -> None:
    """Queue behind any other writer of these editions (a no-op on SQLite, already locked whole)."""
    list(Tracking.objects.select_for_update().filter(edition_id__in=edition_ids).order_by("pk")
         .values_list("pk", flat=True))


def recompute_hourly(edition_id: int) -> dict[tuple[str, datetime], dict[str, int]]:
    """The hourly aggregates computed from raw posts: what the incremental ones must equal."""
    out: dict[tuple[str, datetime], Counter] = defaultdict(Counter)
    posts = Post.objects.filter(edition_id=edition_id).values_list(
        "network", "hour", "kind", "likes", "shares", "comments", "quotations", "impressions"
    )
    for network, hour, kind, likes, shares, comments, quotations, impressions in posts.iterator():
        d = out[(network, hour)]
        d["posts"] += 1
        d[KIND_COUNTER[kind]] += 1
        d["likes"] += likes
        d["shares"] += shares
        d["comments"] += comments
        d["quotations"] += quotations
        if impressions is not None:
            d["impressions"] += impressions
            d["impression_posts"] += 1
    firsts = (
        Post.objects.filter(edition_id=edition_id)
        .values("network", "author_id", "author__followers")
        .annotate(first=Min("hour"))
    )
    for row in firsts:
        d = out[(row["network"], row["first"])]
        d["new_contributors"] += 1
        d["reach"] += row["author__followers"] or 0
    return {key: {name: d.get(name, 0) for name in HourlyStat.COUNTERS} for key, d in out.items()}


def stored_hourly(edition_id: int) -> dict[tuple[str, datetime], dict[str, int]]:
    return {
        (row.network, row.hour): {name: getattr(row, name) for name in HourlyStat.COUNTERS}
        for row in HourlyStat.objects.filter(edition_id=edition_id)
        if any(getattr(row, name) for name in HourlyStat.COUNTERS)
    }


@transaction.atomic
def rebuild_aggregates(edition_id: int) -> int:
    """Replace the hourly aggregates with a recomputation (a repair tool; normally never needed)."""
    fresh = recompute_hourly(edition_id)
    HourlyStat.objects.filter(edition_id=edition_id).delete()
    HourlyStat.objects.bulk_create(
        [HourlyStat(edition_id=edition_id, network=n, hour=h, **counts) for (n, h), counts in fresh.items()],
        batch_size=500,
    )
    cache.delete(stats_cache_key(edition_id))
    return len(fresh)


@transaction.atomic
def clear_edition_data(tracking: Tracking) -> None:
    """Remove every stored post, aggregate and cursor of an edition (e.g. demo data before real tracking)."""
    edition_id = tracking.edition_id
    for model in (Post, Contributor, HourlyStat, Facet, NetworkVolume, Cursor, IngestRun):
        model.objects.filter(edition_id=edition_id).delete()
    ManualFigure.objects.filter(edition_id=edition_id, is_demo=True).delete()
    Author.objects.filter(posts__isnull=True).delete()
    Tracking.objects.filter(pk=tracking.pk).update(data_source="real", last_stored_at=None)
    tracking.data_source = "real"
    tracking.last_stored_at = None
    cache.delete(stats_cache_key(edition_id))
