"""X through tweepy, on recorded pages served by `responses` (tweepy uses requests)."""

import json

import pytest
import requests
import responses

from campaign.reach.models import Cursor, IngestRun, NetworkVolume, Post, Tracking
from campaign.reach.providers.x import TWEET_FIELDS, USER_FIELDS, XProvider
from campaign.reach.stats import build_stats
from campaign.reach.store import recompute_hourly, stored_hourly
from campaign.reach.tracker import RetryPolicy, run_network

from .conftest import clock, payload, raw_payload

pytestmark = pytest.mark.django_db
SEARCH = "https://api.twitter.com/2/tweets/search/recent"
COUNTS = "https://api.twitter.com/2/tweets/counts/recent"


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(COUNTS, json=payload("x_counts"))
        yield mock


def provider(**kwargs):
    kwargs.setdefault("max_per_run", 1000)
    kwargs.setdefault("max_per_day", 10000)
    return XProvider("test-bearer", clock=clock, **kwargs)


def searches(api):
    return [call.request for call in api.calls if call.request.url.startswith(SEARCH)]


def run(tracking, sleeps, **kwargs):
    return run_network(tracking, provider(**kwargs), sleep=sleeps, clock=clock)


def test_walks_every_page_and_resumes_from_the_newest_post(api, tracking, sleeps):
    api.get(SEARCH, json=payload("x_search_page1"))
    api.get(SEARCH, json=payload("x_search_page2"))
    result = run(tracking, sleeps)
    assert (result.status, result.posts_new, result.posts_updated, result.pages) == ("ok", 4, 1, 2)
    first, second = searches(api)
    params = first.params
    assert params["query"] == "#SocialPrescribingDay"
    assert params["expansions"] == "author_id,geo.place_id" and params["place.fields"] == "country_code"
    assert params["tweet.fields"] == ",".join(TWEET_FIELDS)
    assert params["user.fields"] == ",".join(USER_FIELDS)
    assert "since_id" not in params and params["start_time"] == "2027-03-06T12:01:00Z"
    assert second.params["next_token"] == payload("x_search_page1")["meta"]["next_token"]
    assert Cursor.objects.get().state == {"since_id": "2164290000000000005"}
    # Seen on both pages: stored once, metrics from the later read.
    assert Post.objects.get(external_id="2164290000000000003").likes == 9
    assert set(Post.objects.values_list("kind", flat=True)) == {"original", "repost", "quote", "reply"}
    assert Post.objects.get(external_id="2164290000000000005").impressions == 950
    assert NetworkVolume.objects.count() == 3

    api.get(SEARCH, json=payload("x_search_newer"))
    again = run(tracking, sleeps)
    assert again.posts_new == 1
    assert searches(api)[-1].params["since_id"] == "2164290000000000005"
    assert Cursor.objects.get().state == {"since_id": "2164290000000000009"}
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)


def test_a_crash_mid_pagination_resumes_without_losing_or_double_counting(api, tracking, sleeps, monkeypatch):
    from campaign.reach import tracker

    api.get(SEARCH, json=payload("x_search_page1"))
    api.get(SEARCH, json=payload("x_search_page2"))
    real_store = tracker.store_posts
    calls = []

    def store_then_die(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("killed")  # the process dies while storing page 2
        return real_store(*args, **kwargs)

    monkeypatch.setattr(tracker, "store_posts", store_then_die)
    with pytest.raises(SystemExit):
        run(tracking, sleeps)
    assert Post.objects.count() == 3
    state = Cursor.objects.get().state
    assert state["next_token"] and state["pending_newest"] == "2164290000000000005"

    monkeypatch.setattr(tracker, "store_posts", real_store)
    api.get(SEARCH, json=payload("x_search_page2"))
    resumed = run(tracking, sleeps)
    assert searches(api)[-1].params["next_token"] == state["next_token"]
    assert (resumed.posts_new, Post.objects.count()) == (1, 4)
    assert Cursor.objects.get().state == {"since_id": "2164290000000000005"}
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)
    assert sum(v["posts"] for v in stored_hourly(tracking.edition_id).values()) == 4


def test_empty_results_have_no_data_and_change_nothing(api, tracking, sleeps):
    api.get(SEARCH, json=payload("x_search_empty"))
    result = run(tracking, sleeps)
    assert (result.status, result.posts_new) == ("ok", 0)
    assert Cursor.objects.get().state == {"since_id": None}


def test_429_waits_until_the_reset_x_gives(api, tracking, sleeps):
    reset = int(clock()) + 30
    api.get(SEARCH, status=429, headers={"x-rate-limit-reset": str(reset)}, json={"title": "Too Many Requests"})
    api.get(SEARCH, json=payload("x_search_empty"))
    result = run(tracking, sleeps)
    assert sleeps == [31]
    assert result.status == "ok" and "rate limited" in result.messages


def test_429_without_a_reset_header_waits_a_bounded_default(api, tracking, sleeps):
    api.get(SEARCH, status=429, json={"title": "Too Many Requests"})
    api.get(SEARCH, json=payload("x_search_empty"))
    run(tracking, sleeps)
    assert sleeps == [RetryPolicy().default_rate_wait]


def test_429_with_a_far_reset_stops_the_walk_and_keeps_the_cursor(api, tracking, sleeps):
    api.get(SEARCH, status=429, headers={"x-rate-limit-reset": str(int(clock()) + 3600)})
    result = run(tracking, sleeps)
    assert sleeps == [] and result.status == "failed"
    assert not Cursor.objects.exists()
    tracking.refresh_from_db()
    assert tracking.x_enabled and "rate limited" in tracking.x_error


def test_server_errors_back_off_with_jitter_then_succeed(api, tracking, sleeps):
    api.get(SEARCH, status=503)
    api.get(SEARCH, status=502)
    api.get(SEARCH, json=payload("x_search_empty"))
    result = run(tracking, sleeps)
    assert result.status == "ok" and len(sleeps) == 2
    assert 1 <= sleeps[0] <= 3 and 2 <= sleeps[1] <= 6


def test_server_errors_give_up_after_bounded_retries(api, tracking, sleeps):
    for _ in range(6):
        api.get(SEARCH, status=500)
    result = run(tracking, sleeps)
    assert len(sleeps) == RetryPolicy().transient_retries
    assert result.status == "failed" and not Cursor.objects.exists()


def test_timeouts_are_retried(api, tracking, sleeps):
    api.get(SEARCH, body=requests.exceptions.ReadTimeout("read timed out"))
    api.get(SEARCH, json=payload("x_search_page2"))
    result = run(tracking, sleeps)
    assert len(sleeps) == 1 and result.posts_new == 2


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_switch_x_off_for_the_edition(api, tracking, sleeps, status):
    api.get(SEARCH, status=status, json={"title": "Unauthorized", "detail": "Unauthorized", "status": status})
    result = run(tracking, sleeps)
    assert result.status == "failed"
    tracking.refresh_from_db()
    assert not tracking.x_enabled and str(status) in tracking.x_error
    again = run(Tracking.objects.get(pk=tracking.pk), sleeps)
    assert again.status == "disabled" and len(searches(api)) == 1


def test_malformed_json_is_skipped_without_moving_the_cursor(api, tracking, sleeps):
    Cursor.objects.create(edition=tracking.edition, network="x", hashtag="#SocialPrescribingDay", state={"since_id": "17"})
    api.get(SEARCH, body=raw_payload("x_search_malformed"), content_type="application/json")
    result = run(tracking, sleeps)
    assert result.errors == 1 and "malformed" in result.messages
    assert Cursor.objects.get().state == {"since_id": "17"}
    assert not Post.objects.exists()


def test_malformed_items_are_skipped_and_the_rest_stored(api, tracking, sleeps):
    body = payload("x_search_page2")
    del body["data"][0]["created_at"]
    api.get(SEARCH, body=json.dumps(body), content_type="application/json")
    result = run(tracking, sleeps)
    assert result.posts_new == 1 and result.errors == 1


def test_the_run_budget_stops_cleanly_and_the_next_run_resumes(api, tracking, sleeps):
    api.get(SEARCH, json=payload("x_search_page1"))
    result = run(tracking, sleeps, max_per_run=12)
    assert searches(api)[0].params["max_results"] == "12"
    assert result.status == "partial" and "budget" in result.messages
    assert len(searches(api)) == 1
    assert Cursor.objects.get().state["next_token"]


def test_the_daily_budget_counts_earlier_runs(api, tracking, sleeps):
    IngestRun.objects.create(edition=tracking.edition, network="x", posts_read=995)
    result = run(tracking, sleeps, max_per_day=1000)
    assert result.status == "partial" and searches(api) == []


def test_tweepy_never_waits_on_rate_limits_itself():
    client = provider().client
    assert client.wait_on_rate_limit is False


def test_the_volume_line_replaces_a_partial_hour_when_read_again(tracking, sleeps):
    first = {"data": [
        {"start": "2027-03-12T10:00:00.000Z", "end": "2027-03-12T11:00:00.000Z", "tweet_count": 52},
        {"start": "2027-03-12T11:00:00.000Z", "end": "2027-03-12T11:40:00.000Z", "tweet_count": 9},
    ]}
    later = {"data": [
        {"start": "2027-03-12T10:00:00.000Z", "end": "2027-03-12T11:00:00.000Z", "tweet_count": 52},
        {"start": "2027-03-12T11:00:00.000Z", "end": "2027-03-12T12:00:00.000Z", "tweet_count": 20},
        {"start": "2027-03-12T12:00:00.000Z", "end": "2027-03-12T12:05:00.000Z", "tweet_count": 2},
    ]}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as api:
        api.get(SEARCH, json=payload("x_search_empty"))
        api.get(COUNTS, json=first)
        api.get(COUNTS, json=later)
        run(tracking, sleeps)
        run(tracking, sleeps)
        starts = [call.request.params["start_time"] for call in api.calls if call.request.url.startswith(COUNTS)]
    # Asked from a whole hour, so every bucket is an hour and a re-read replaces it.
    assert starts == ["2027-03-06T13:00:00Z", "2027-03-06T13:00:00Z"]
    assert sorted(NetworkVolume.objects.values_list("count", flat=True)) == [2, 20, 52]
    assert build_stats(tracking.edition)["x_volume"] == 74
