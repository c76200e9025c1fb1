"""Storing posts idempotently and keeping the hourly aggregates in step, in one transaction.

Why one transaction: the cursor that says "resume after this page" is saved with the posts
of the page and the aggregate changes they cause, so a crash or a kill mid-run loses
nothing and counts nothing twice. Why incremental aggregates: the stats page reads a few
hundred hourly rows, whatever the number of posts stored.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Min
from django.utils import timezone
from psycopg.types.datetime import TimestamptzLoader

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


ADD, SET, KEEP = "add", "set", "keep"


def _pg() -> bool:
    return connection.vendor == "postgresql"


def _adapt_datetime(value: datetime | None):
    """What each backend stores: PostgreSQL takes aware datetimes; SQLite naive UTC text."""
    if value is None or _pg():
        return value
    return _sqlite_datetime(value)


def _sqlite_datetime(value: datetime) -> str:
    """As Django's adapt_datetimefield_value writes it, without its per-value settings lookups."""
    return str(value.astimezone(UTC).replace(tzinfo=None))


def _read_datetime(value) -> datetime:
    """A datetime column read with a raw cursor: SQLite gives it naive (UTC)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@contextmanager
def _pipeline():
    """On PostgreSQL, send a page's statements without waiting for each one's answer.

    psycopg's pipeline mode queues them; reading a result, or committing, sends everything
    queued at once. The transaction is opened inside the pipeline, so its COMMIT travels with
    the page's writes: a page costs two round trips (reads; writes and commit) instead of a
    dozen, and an error in any write arrives with the commit and rolls the page back. That
    matters most when the machine is busy and every wait for the server is a wait to be
    scheduled. SQLite runs in process: nothing to batch.
    """
    if not _pg():
        yield
        return
    connection.ensure_connection()
    with connection.connection.pipeline():
        yield


def _execute(sql: str, params: list, *, many: bool = False):
    """Run a statement on a cursor that binds parameters on the server, in binary, on PostgreSQL.

    Django's PostgreSQL cursors bind on the client, quoting every value into the SQL text;
    for the arrays of a page's rows that quoting costs more than the statement itself.
    Wrapped like Django's own cursors, so query logging and execute wrappers see these too.
    Timestamps come back through psycopg's own (compiled) loader rather than Django's
    Python one, which only adds the connection's time zone: UTC, as the server already says.
    """
    if _pg():
        connection.validate_no_broken_transaction()
        raw = psycopg.Cursor(connection.connection)
        raw.adapters.register_loader("timestamptz", TimestamptzLoader)
        cursor = (connection.make_debug_cursor if connection.queries_logged else connection.make_cursor)(raw)
    else:
        cursor = connection.cursor()
    (cursor.executemany if many else cursor.execute)(sql, params)
    return cursor


def _query(sql: str, params: list) -> Callable[[], list[tuple]]:
    """Send a query now; call the result for its rows (which, in a pipeline, flushes it)."""
    cursor = _execute(sql, params)

    def rows() -> list[tuple]:
        with cursor:
            return cursor.fetchall()

    return rows


def _for_keys(select: str, params: list, keys: list[str]) -> tuple[str, list]:
    """``select`` (a SELECT whose last condition reads ``<key column> {match}``, after
    ``params``) for every one of ``keys``, as one statement and its parameters.

    On PostgreSQL each key is one index probe in a LATERAL subquery, OFFSET 0 keeping the
    planner from flattening it: one statement text for any page, and a plan that does not
    hang on statistics (a table filled since its last ANALYZE had the planner read every
    row of a network to find a hundred). SQLite takes an IN list.
    """
    if _pg():
        lateral = select.format(match="= keys.value")
        return (f"SELECT found.* FROM unnest(%b::text[]) AS keys(value) CROSS JOIN LATERAL ({lateral} OFFSET 0) AS found",
                [list(keys), *params])
    return select.format(match=f"IN ({', '.join(['%s'] * len(keys))})"), [*params, *keys]


@functools.cache
def _upsert_sql(vendor: str, model, columns: tuple[str, ...], conflict: tuple[str, ...],
                update: tuple[tuple[str, str], ...], returning: tuple[str, ...], rows: int) -> str:
    """The upsert's text, built once per shape: field lookups, casts and quoting cost more than a page's rows."""
    opts = model._meta
    fields = [opts.get_field(name) for name in columns]
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    col = {name: quote(field.column) for name, field in zip(columns, fields, strict=True)}
    how = {SET: "EXCLUDED.{c}", KEEP: "COALESCE(EXCLUDED.{c}, {t}.{c})", ADD: "{t}.{c} + EXCLUDED.{c}"}
    sets = ", ".join(f"{col[name]} = " + how[mode].format(c=col[name], t=table) for name, mode in update)
    sql = f"INSERT INTO {table} ({', '.join(col.values())}) "
    if vendor == "postgresql":
        sql += f"SELECT * FROM unnest({', '.join(f'%b::{f.cast_db_type(connection)}[]' for f in fields)})"
    else:
        sql += "VALUES " + ", ".join([f"({', '.join(['%s'] * len(columns))})"] * rows)
    sql += f" ON CONFLICT ({', '.join(col[name] for name in conflict)}) DO UPDATE SET {sets}"
    if returning:
        sql += " RETURNING " + ", ".join(quote(opts.get_field(name).column) for name in returning)
    return sql


@functools.cache
def _datetime_positions(model, columns: tuple[str, ...]) -> tuple[int, ...]:
    """Where the datetime columns are, looked up once per shape rather than on every page."""
    return tuple(i for i, name in enumerate(columns) if model._meta.get_field(name).get_internal_type() == "DateTimeField")


def _upsert(model, columns: list[str], rows: list[tuple], conflict: list[str], update: dict[str, str], *,
            returning: tuple[str, ...] = ()) -> Callable[[], list[tuple]]:
    """INSERT ... ON CONFLICT (...) DO UPDATE for many rows in one statement; call the result
    for the ``returning`` columns of the rows written.

    ``update`` says per column how a conflicting row changes: SET (the new value), KEEP (the
    new value unless it is NULL) or ADD (the new value added to the stored one, so aggregate
    deltas need no read first). On PostgreSQL the rows travel as one array per column through
    unnest(): one statement text for any number of rows. SQLite, in process, takes
    executemany, or multi-row VALUES when rows come back.
    Why not bulk_create(update_conflicts=True): it prepares every value through the field
    machinery, which costs more than the database work for pages of 100 posts.
    """
    if not rows:
        return list
    vendor = connection.vendor

    def sql(count: int = 1) -> str:
        return _upsert_sql(vendor, model, tuple(columns), tuple(conflict), tuple(update.items()), returning, count)

    if vendor == "postgresql":
        params = [list(values) for values in zip(*rows, strict=True)]
        if returning:
            return _query(sql(), params)
        _execute(sql(), params).close()
        return list
    datetimes = _datetime_positions(model, tuple(columns))
    if datetimes:
        adapted = []
        for row in rows:
            row = list(row)
            for i in datetimes:
                if row[i] is not None:
                    row[i] = _sqlite_datetime(row[i])
            adapted.append(row)
        rows = adapted
    if not returning:
        _execute(sql(), rows, many=True).close()
        return list
    out: list[tuple] = []
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        out.extend(_query(sql(len(chunk)), [v for row in chunk for v in row])())
    return lambda: out


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
    A page costs the same few statements whatever its size: every table is written with one
    multi-row upsert, the aggregates with deltas worked out here, never a read of the
    aggregates first.
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

    with _pipeline(), transaction.atomic():
        _begin_page(tracking.pk)
        authors_written = _upsert_authors(network, author_recs, now)
        existing = _existing_posts(network, list(post_recs))
        contributions = _contributions(network, list(author_recs))
        author_pk, followers_of = authors_written()
        contributions = contributions()
        hourly: dict[tuple[int, str], dict[datetime, Counter]] = defaultdict(lambda: defaultdict(Counter))
        changed = _propagate_followers(edition_id, followers_of, contributions, hourly)
        if post_recs:
            changed += _store(tracking, network, post_recs, existing(), author_pk, followers_of, contributions,
                              hourly, keep_highest, now, result)
        _upsert_contributors(changed)
        _apply_hourly(hourly)
        if stream is not None and cursor_state is not None:
            _save_cursor(edition_id, network, stream, cursor_state, now)
        if run is not None:
            IngestRun.objects.filter(pk=run.pk).update(posts_read=F("posts_read") + read, pages=F("pages") + 1)
        if result.new or result.updated:
            _execute(f"UPDATE {Tracking._meta.db_table} SET last_stored_at = %s WHERE id = %s",
                     [_adapt_datetime(now), tracking.pk])
            transaction.on_commit(lambda: cache.delete(stats_cache_key(edition_id)))
    return result


def _begin_page(tracking_pk: int) -> None:
    """Serialise writers per edition: a row lock on PostgreSQL; SQLite's transactions begin
    IMMEDIATE (see settings), so its write lock is already held.

    On PostgreSQL a page's commit also returns without waiting for its WAL to reach the disk
    (synchronous_commit off, for this transaction only): a database crash may then lose the
    last pages stored, but always with the cursor that covers them, so the next run reads
    them again and nothing is lost or counted twice. The flush was the largest single wait
    of a page.
    """
    if _pg():
        _execute(f"SELECT 1 FROM {Tracking._meta.db_table} WHERE id = %s FOR UPDATE", [tracking_pk])
        _execute("SET LOCAL synchronous_commit TO OFF", [])


def _upsert_authors(network: str, recs: dict[str, AuthorRecord], now: datetime):
    """Write the page's authors; call the result for their ids and (followers, country).

    An unknown follower count (None) keeps the one seen last; the merged counts come back.
    """
    rows = [
        (network, ext, rec.handle[:300], rec.display_name[:300], safe_url(rec.profile_url), rec.followers,
         rec.location[:200], places.country_from_location(rec.location), now)
        for ext, rec in recs.items()
    ]
    written = _upsert(
        Author,
        ["network", "external_id", "handle", "display_name", "profile_url", "followers", "location", "country",
         "seen_at"],
        rows, ["network", "external_id"],
        {"handle": SET, "display_name": SET, "profile_url": SET, "followers": KEEP, "location": SET, "country": SET,
         "seen_at": SET},
        returning=("external_id", "id", "followers", "country"),
    )

    def result():
        returned = written()
        ids = {ext: pk for ext, pk, _f, _c in returned}
        return ids, {pk: (followers or 0, country) for _e, pk, followers, country in returned}

    return result


@dataclass
class _Contribution:
    """An author's contributor row in one edition, as read and as it is to be written."""

    edition_id: int
    author_id: int
    network: str
    first_hour: datetime
    followers_counted: int
    posts: int = 0
    engagements: int = 0


CONTRIBUTOR_COLUMNS = ["edition", "author", "network", "first_hour", "followers_counted", "posts", "engagements"]


def _contributions(network: str, author_external_ids: list[str]):
    """Every edition's contributor rows for the page's authors, in one read sent with the
    authors' upsert (so new authors are there, with no contributions); call for the rows."""
    if not author_external_ids:
        return dict
    rows = _query(*_for_keys(
        "SELECT c.edition_id, c.author_id, c.network, c.first_hour, c.followers_counted, c.posts, c.engagements "
        f"FROM {Author._meta.db_table} a JOIN {Contributor._meta.db_table} c ON c.author_id = a.id "
        "WHERE a.network = %s AND a.external_id {match}",
        [network], author_external_ids,
    ))

    def result() -> dict[tuple[int, int], _Contribution]:
        return {
            (e, a): _Contribution(e, a, n, _read_datetime(first), followers, posts, engagements)
            for e, a, n, first, followers, posts, engagements in rows()
        }

    return result


def _propagate_followers(edition_id, followers_of, contributions, hourly) -> list[_Contribution]:
    """Keep other editions' potential reach on followers as last seen, like this edition's.

    Rows change only for authors who also contributed to another edition and whose follower
    count moved.
    """
    stale = []
    for (other_edition, author_id), c in contributions.items():
        new = followers_of[author_id][0]
        if other_edition == edition_id or c.followers_counted == new:
            continue
        hourly[(other_edition, c.network)][c.first_hour]["reach"] += new - c.followers_counted
        c.followers_counted = new
        stale.append(c)
        transaction.on_commit(lambda e=other_edition: cache.delete(stats_cache_key(e)))
    return stale


def _existing_posts(network: str, external_ids: list[str]):
    """The stored versions of the page's posts; call for them by external id."""
    if not external_ids:
        return dict
    rows = _query(*_for_keys(
        "SELECT external_id, edition_id, hour, kind, likes, shares, comments, quotations, engagements, impressions "
        f"FROM {Post._meta.db_table} "
        "WHERE network = %s AND external_id {match}",
        [network], external_ids,
    ))
    return lambda: {row[0]: row for row in rows()}


POST_COLUMNS = [
    "network", "external_id", "edition", "author", "url", "text", "created_at", "hour", "kind", "lang", "country",
    "likes", "shares", "comments", "quotations", "engagements", "impressions", "seen_at",
]
POST_UPDATES = {name: SET for name in
                ["url", "text", "likes", "shares", "comments", "quotations", "engagements", "impressions", "seen_at"]}


def _store(tracking, network, post_recs, existing, author_pk, followers_of, contributions, hourly, keep_highest,
           now, result) -> list[_Contribution]:
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
        a_pk = author_pk[rec.author_id]
        likes, shares, comments, quotations = (
            max(int(rec.likes or 0), 0), max(int(rec.shares or 0), 0),
            max(int(rec.comments or 0), 0), max(int(rec.quotations or 0), 0),
        )
        impressions = rec.impressions
        contrib = per_author.get(a_pk)
        if contrib is None:
            contrib = per_author[a_pk] = [0, 0, None]
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
            country = places.country_from_code(rec.country) or followers_of[a_pk][1]
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
            hour = _read_datetime(hour)
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
        rows.append((
            network, ext, edition_id, a_pk, safe_url(rec.url), rec.text[:1000], rec.created_at, hour, kind, lang,
            country or "", likes, shares, comments, quotations, engagement, impressions, now,
        ))
    if not rows:
        return []
    _upsert(Post, POST_COLUMNS, rows, ["network", "external_id"], POST_UPDATES)
    _apply_facets(edition_id, network, facets)
    return _update_contributors(edition_id, network, per_author, followers_of, contributions, deltas)


def _update_contributors(edition_id, network, per_author, followers_of, contributions, deltas) -> list[_Contribution]:
    """New contributors count once, at the hour of their earliest post; reach follows followers."""
    changed = []
    for a_pk, (posts, engagements, min_hour) in per_author.items():
        followers = followers_of[a_pk][0]
        c = contributions.get((edition_id, a_pk))
        if c is None:
            if min_hour is None:
                continue
            c = _Contribution(edition_id, a_pk, network, min_hour, followers)
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


def _upsert_contributors(rows: list[_Contribution]) -> None:
    _upsert(
        Contributor, CONTRIBUTOR_COLUMNS,
        [(c.edition_id, c.author_id, c.network, c.first_hour, c.followers_counted, c.posts, c.engagements)
         for c in rows],
        ["edition", "author"], {"first_hour": SET, "followers_counted": SET, "posts": SET, "engagements": SET},
    )


HOURLY_COLUMNS = ["edition", "network", "hour", *HourlyStat.COUNTERS]


def _apply_hourly(hourly: dict[tuple[int, str], dict[datetime, Counter]]) -> None:
    """Add the page's changes to the hourly rows of every edition and network it touched."""
    rows = [
        (edition_id, network, hour, *(d[name] for name in HourlyStat.COUNTERS))
        for (edition_id, network), deltas in hourly.items()
        for hour, d in deltas.items()
        if any(d.values())
    ]
    _upsert(HourlyStat, HOURLY_COLUMNS, rows, ["edition", "network", "hour"],
            {name: ADD for name in HourlyStat.COUNTERS})


def _apply_facets(edition_id, network, facets: Counter) -> None:
    _upsert(
        Facet, ["edition", "network", "kind", "value", "posts"],
        [(edition_id, network, kind, value, count) for (kind, value), count in facets.items()],
        ["edition", "network", "kind", "value"], {"posts": ADD},
    )


def _save_cursor(edition_id: int, network: str, stream: Stream, state: dict, now: datetime) -> None:
    _upsert(
        Cursor, ["edition", "network", "server", "hashtag", "state", "updated_at"],
        [(edition_id, network, stream.server, stream.hashtag,
          Cursor._meta.get_field("state").get_db_prep_save(state, connection), now)],
        ["edition", "network", "server", "hashtag"], {"state": SET, "updated_at": SET},
    )


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
