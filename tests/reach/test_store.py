from dataclasses import replace
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.reach import store
from campaign.reach.models import Author, Contributor, Cursor, Facet, HourlyStat, Post
from campaign.reach.records import Stream
from campaign.reach.store import DemoDataError, recompute_hourly, store_posts, stored_hourly

from .factories import author, post

pytestmark = pytest.mark.django_db


def test_a_post_is_stored_once_and_its_metrics_updated(tracking):
    first = store_posts(tracking, "x", [post(1, 1, likes=3)], [author(1)])
    again = store_posts(tracking, "x", [post(1, 1, likes=3)], [author(1)])
    more = store_posts(tracking, "x", [post(1, 1, likes=8, shares=2)], [author(1, followers=150)])
    assert (first.new, again.new, again.updated, again.unchanged) == (1, 0, 0, 1)
    assert (more.new, more.updated) == (0, 1)
    stored = Post.objects.get()
    assert (stored.likes, stored.shares, stored.engagements) == (8, 2, 10)
    row = HourlyStat.objects.get()
    assert (row.posts, row.likes, row.shares, row.new_contributors, row.reach) == (1, 8, 2, 1, 150)
    assert Author.objects.get().followers == 150
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)


def test_contributors_count_once_at_their_earliest_hour(tracking):
    store_posts(tracking, "x", [post(1, 1, hour=15), post(2, 1, hour=16)], [author(1, followers=40)])
    store_posts(tracking, "x", [post(3, 1, hour=9)], [author(1, followers=40)])  # an earlier post, read later
    assert Contributor.objects.get().posts == 3
    hours = {row.hour.hour: row for row in HourlyStat.objects.all()}
    assert hours[9].new_contributors == 1 and hours[9].reach == 40
    assert hours[15].new_contributors == 0 and hours[15].reach == 0
    assert sum(r.new_contributors for r in hours.values()) == 1
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)


def test_follower_changes_move_reach_without_counting_the_author_twice(tracking):
    store_posts(tracking, "x", [post(1, 1)], [author(1, followers=100)])
    store_posts(tracking, "x", [post(2, 1, hour=12)], [author(1, followers=130)])
    assert sum(r.reach for r in HourlyStat.objects.all()) == 130
    assert sum(r.new_contributors for r in HourlyStat.objects.all()) == 1


def test_unknown_follower_count_keeps_the_last_one_seen(tracking):
    store_posts(tracking, "bluesky", [post(1, 1, network="bluesky")], [author(1, "bluesky", followers=70)])
    store_posts(tracking, "bluesky", [post(2, 1, network="bluesky")], [author(1, "bluesky", followers=None)])
    assert Author.objects.get().followers == 70


def test_kinds_impressions_languages_and_countries_are_counted(tracking):
    store_posts(
        tracking, "x",
        [post(1, 1, kind="original", impressions=500, lang="en"), post(2, 2, kind="repost", lang="cy"),
         post(3, 2, kind="reply", lang="und"), post(4, 1, kind="quote", impressions=10)],
        [author(1, location="Leeds, England"), author(2, location="Earth")],
    )
    row = HourlyStat.objects.get()
    assert (row.posts, row.originals, row.reposts, row.replies, row.quotes) == (4, 1, 1, 1, 1)
    assert (row.impressions, row.impression_posts) == (510, 2)
    facets = {(f.kind, f.value): f.posts for f in Facet.objects.all()}
    assert facets == {("country", "GB"): 2, ("lang", "en"): 2, ("lang", "cy"): 1}


def test_posts_outside_the_window_or_without_author_are_not_stored(tracking):
    inside = post(1, 1, day=1)  # the window runs from 26 February to the end of 19 March
    early = replace(post(4, 1), created_at=datetime(2027, 2, 25, 23, 59, tzinfo=UTC))
    late = post(2, 1, day=20)
    orphan = post(3, 9)
    result = store_posts(tracking, "x", [inside, early, late, orphan], [author(1)])
    assert result.outside_window == 2 and result.skipped == 1
    assert list(Post.objects.values_list("external_id", flat=True)) == ["p1"]


def test_cursor_is_saved_with_the_posts(tracking):
    stream = Stream("x", "", "#SocialPrescribingDay")
    store_posts(tracking, "x", [post(1, 1)], [author(1)], stream=stream, cursor_state={"since_id": "1"})
    assert Cursor.objects.get().state == {"since_id": "1"}


def test_cursor_is_not_saved_when_storing_fails(tracking, monkeypatch):
    from campaign.reach import store

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_apply_hourly", broken)
    stream = Stream("x", "", "#SocialPrescribingDay")
    with pytest.raises(RuntimeError):
        store_posts(tracking, "x", [post(1, 1)], [author(1)], stream=stream, cursor_state={"since_id": "9"})
    assert not Cursor.objects.exists() and not Post.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_database_error_mid_page_rolls_the_whole_page_back(tracking, monkeypatch):
    """Committed for real (not inside a test transaction): posts and aggregates already written
    when the error comes are rolled back with it."""
    stream = Stream("x", "", "#SocialPrescribingDay")
    real = store._apply_hourly

    def failing(*args, **kwargs):
        real(*args, **kwargs)
        Post.objects.update(likes=-1)  # breaks the column's check: an error from the database itself

    monkeypatch.setattr(store, "_apply_hourly", failing)
    with pytest.raises(DatabaseError):
        store_posts(tracking, "x", [post(1, 1)], [author(1)], stream=stream, cursor_state={"since_id": "1"})
    assert not Cursor.objects.exists() and not Post.objects.exists() and not HourlyStat.objects.exists()

    monkeypatch.setattr(store, "_apply_hourly", real)
    result = store_posts(tracking, "x", [post(1, 1)], [author(1)], stream=stream, cursor_state={"since_id": "1"})
    assert result.new == 1
    assert Cursor.objects.get().state == {"since_id": "1"} and Post.objects.count() == 1


def test_real_posts_never_go_into_demo_data(tracking):
    tracking.data_source = "demo"
    tracking.save()
    with pytest.raises(DemoDataError):
        store_posts(tracking, "x", [post(1, 1)], [author(1)])
    with pytest.raises(DemoDataError):
        tracking.data_source = "real"
        store_posts(tracking, "x", [post(1, 1)], [author(1)], demo=True)


def test_a_post_already_counted_for_another_edition_is_not_counted_again(tracking, home_page):
    from datetime import date

    from campaign.reach.models import Tracking
    from tests.factories import EditionPageFactory

    other = Tracking.objects.create(
        edition=EditionPageFactory(parent=home_page, year=2028, day=date(2028, 3, 10)),
        starts_at=datetime(2027, 3, 1, tzinfo=UTC), ends_at=datetime(2028, 3, 20, tzinfo=UTC),
    )
    store_posts(tracking, "x", [post(1, 1)], [author(1)])
    result = store_posts(other, "x", [post(1, 1, likes=5)], [author(1)])
    assert result.skipped == 1
    assert not HourlyStat.objects.filter(edition=other.edition).exists()


operations = st.lists(
    st.tuples(
        st.integers(0, 12),  # post number
        st.integers(0, 4),  # author
        st.integers(0, 23),  # hour
        st.sampled_from(["original", "repost", "reply", "quote"]),
        st.integers(0, 50), st.integers(0, 9), st.integers(0, 5),  # likes, shares, comments
        st.one_of(st.none(), st.integers(0, 900)),  # impressions
        st.integers(1, 3000),  # followers
    ),
    min_size=1, max_size=25,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(operations, min_size=1, max_size=4))
def test_aggregates_always_equal_a_recomputation_from_raw_posts(tracking, batches):
    HourlyStat.objects.all().delete()
    Post.objects.all().delete()
    Contributor.objects.all().delete()
    Author.objects.all().delete()
    created: dict[int, tuple] = {}
    for batch in batches:
        posts, authors = [], {}
        for n, a, hour, kind, likes, shares, comments, impressions, followers in batch:
            # A post's author, hour and kind never change once posted; its metrics do.
            a, hour, kind = created.setdefault(n, (a, hour, kind))
            posts.append(post(n, a, hour=hour, kind=kind, likes=likes, shares=shares, comments=comments,
                              impressions=impressions))
            authors[a] = author(a, followers=followers)
        store_posts(tracking, "x", posts, list(authors.values()))
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)


def test_reach_of_earlier_editions_follows_the_followers_as_last_seen(tracking, home_page):
    from datetime import date

    from campaign.reach.models import Tracking
    from tests.factories import EditionPageFactory

    later = Tracking.objects.create(edition=EditionPageFactory(parent=home_page, year=2028, day=date(2028, 3, 10)))
    store_posts(tracking, "x", [post(1, 1)], [author(1, followers=100)])
    p = post(2, 1)
    store_posts(later, "x", [replace(p, created_at=p.created_at.replace(year=2028, day=9))], [author(1, followers=250)])
    for edition_id in (tracking.edition_id, later.edition_id):
        assert stored_hourly(edition_id) == recompute_hourly(edition_id)
    assert sum(r.reach for r in HourlyStat.objects.filter(edition_id=tracking.edition_id)) == 250


def test_only_web_links_from_payloads_are_kept(tracking):
    bad = replace(post(1, 1), url="javascript:alert(1)")
    store_posts(tracking, "x", [bad], [replace(author(1), profile_url="data:text/html,hi")])
    assert Post.objects.get().url == "" and Author.objects.get().profile_url == ""
