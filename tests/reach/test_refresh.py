"""Metrics read again on a schedule, with each network's batch lookup, on recorded answers."""

import copy
import json
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import responses

from campaign.reach.models import HourlyStat, IngestRun, Post, Tracking
from campaign.reach.providers.bluesky import BlueskyProvider
from campaign.reach.providers.mastodon import MastodonProvider, status_api_url
from campaign.reach.refresh import due_posts
from campaign.reach.rules import refresh_due
from campaign.reach.store import recompute_hourly, store_posts, stored_hourly
from campaign.reach.tracker import run_network
from tests.factories import EditionPageFactory

from .factories import author, post
from .test_recordings import COUNTS, SEARCH, at, cassette, jsonl, recorded_post_view, x_run

pytestmark = pytest.mark.django_db
LOOKUP = "https://api.twitter.com/2/tweets"
T0 = datetime(2022, 10, 3, 18, 0, tzinfo=UTC)


@pytest.fixture
def tracking(home_page):
    """As in test_recordings: a window wide enough for every recording."""
    edition = EditionPageFactory(parent=home_page, year=2022, day=date(2022, 10, 3), hashtags="#SocialPrescribingDay")
    return Tracking.objects.create(edition=edition, starts_at=datetime(2021, 1, 1, tzinfo=UTC),
                                   ends_at=datetime(2024, 1, 1, tzinfo=UTC))


def test_young_posts_are_due_hourly_and_older_ones_daily():
    assert refresh_due(T0, T0, T0 + timedelta(minutes=59)) is False
    assert refresh_due(T0, T0, T0 + timedelta(hours=1)) is True
    three_days = T0 + timedelta(days=3)
    assert refresh_due(T0, three_days - timedelta(hours=23), three_days) is False
    assert refresh_due(T0, three_days - timedelta(hours=24), three_days) is True


def test_x_metrics_grow_through_the_tweet_lookup(tracking):
    edited = jsonl("twarc_csv_edited.jsonl")
    users = edited["includes"]["users"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as api:
        api.get(COUNTS, json={"data": []})
        api.get(SEARCH, json={"data": edited["includes"]["tweets"], "includes": {"users": users},
                              "meta": {"newest_id": "1576994789110992896"}})
        api.get(SEARCH, json={"data": jsonl("twarc_csv_two_tweets.jsonl")["data"],
                              "includes": jsonl("twarc_csv_two_tweets.jsonl")["includes"], "meta": {}})
        x_run(tracking, "2022-10-03T18:00:12Z")
        x_run(tracking, "2022-10-03T18:00:30Z")
        assert Post.objects.count() == 2
        Post.objects.update(seen_at=T0)
        later = jsonl("twarc_csv_quoted_edit.jsonl")["includes"]["tweets"][2]  # read two minutes later
        api.get(LOOKUP, json={"data": [later], "includes": {"users": users}})
        api.get(SEARCH, json={"meta": {"result_count": 0}})
        run = x_run(tracking, "2022-10-03T19:30:00Z")
        lookups = [c.request for c in api.calls if c.request.url.split("?")[0] == LOOKUP]
    # The edited post is asked for by its latest version; the retweet has nothing to re-read.
    assert [r.params["ids"] for r in lookups] == ["1576994789110992896"]
    assert run.posts_updated == 1 and run.posts_read == 1
    assert IngestRun.objects.get(pk=run.pk).posts_read == 1  # counted against the budget
    assert Post.objects.get(kind="original").likes == 39
    assert HourlyStat.objects.get(network="x", hour=T0.replace(hour=17)).likes == 39
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)
    assert due_posts(tracking, "x", datetime(2022, 10, 3, 19, 45, tzinfo=UTC)) == []


def test_bluesky_metrics_are_read_25_posts_a_call(tracking):
    made = datetime(2022, 10, 3, 10, tzinfo=UTC)
    records = [post(n, n % 3, network="bluesky") for n in range(30)]
    for record in records:
        record.external_id = f"at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/p{record.external_id}"
        record.created_at = made
    store_posts(tracking, "bluesky", records, [author(n, "bluesky") for n in range(3)], now=made)
    asked = []

    def handler(request):
        method = request.url.path.rsplit("/", 1)[-1]
        if method == "com.atproto.server.createSession":
            return httpx.Response(200, json={"accessJwt": "jwt"})
        if method == "app.bsky.feed.getPosts":
            uris = request.url.params.get_list("uris")
            asked.append(len(uris))
            views = []
            for uri in uris:
                view = copy.deepcopy(recorded_post_view())  # the recorded postView, at each uri asked
                view.update(uri=uri, likeCount=5)
                view["author"]["did"] = f"a{int(uri.rsplit('/pp', 1)[1]) % 3}"
                view["record"]["createdAt"] = "2022-10-03T10:00:00.000Z"
                views.append(view)
            return httpx.Response(200, json={"posts": views})
        if method == "app.bsky.actor.getProfiles":
            return httpx.Response(200, json={"profiles": []})
        if method == "app.bsky.feed.searchPosts":
            return httpx.Response(200, json={"posts": []})
        return httpx.Response(404)

    provider = BlueskyProvider("h", "p", service="https://bsky.social", transport=httpx.MockTransport(handler),
                               clock=at("2022-10-03T12:00:00Z"))
    run = run_network(tracking, provider, sleep=lambda s: None, clock=at("2022-10-03T12:00:00Z"))
    assert asked == [25, 5] and run.posts_updated == 30
    assert set(Post.objects.values_list("likes", flat=True)) == {5}
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)


def test_mastodon_posts_are_read_again_from_their_origin_server(tracking):
    tracking.hashtags = "#hoot"
    tracking.save()
    recorded = cassette("mastodon/mastodonpy_hashtag_tl.yaml")
    body = recorded["body"].replace("http://localhost:3000", "https://m.example")
    status = json.loads(body)[0]
    walked = []

    def handler(request):
        if request.url.path.startswith("/api/v1/timelines/tag/"):
            walked.append(request)
            answer = [status] if len(walked) == 1 else []
            return httpx.Response(200, json=answer, request=request)
        if request.url.path == "/api/v1/statuses/109440153064280358":
            grown = dict(status, favourites_count=4, reblogs_count=1)  # the recorded status, liked since
            return httpx.Response(200, json=grown, request=request)
        return httpx.Response(404, request=request)

    provider = MastodonProvider(["m.example"], {}, transport=httpx.MockTransport(handler),
                                clock=at("2022-12-01T20:00:00Z"))
    provider.page_size = 1
    run_network(tracking, provider, sleep=lambda s: None, clock=at("2022-12-01T20:00:00Z"))
    stored = Post.objects.get()
    assert status_api_url(stored.external_id) == "https://m.example/api/v1/statuses/109440153064280358"
    Post.objects.update(seen_at=datetime(2022, 12, 1, 20, tzinfo=UTC))
    run = run_network(tracking, provider, sleep=lambda s: None, clock=at("2022-12-01T21:30:00Z"))
    assert run.posts_updated == 1
    assert (Post.objects.get().likes, Post.objects.get().shares) == (4, 1)
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)
