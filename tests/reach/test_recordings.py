"""The tracker on real responses recorded by the client libraries' own projects.

Every body served here comes from tests/reach/recordings (see its README.md for each file's
source and licence). Where a test changes a recorded body to make a fault (an author left
out, a place removed), it says so.
"""

import copy
import gzip
import json
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
import requests
import responses
import yaml
from django.db.models import Q

from campaign.reach import tracker
from campaign.reach.models import Author, Contributor, Cursor, IngestRun, Post, Tracking
from campaign.reach.providers.bluesky import BlueskyProvider
from campaign.reach.providers.mastodon import MastodonProvider
from campaign.reach.providers.x import XProvider
from campaign.reach.stats import build_stats
from campaign.reach.store import recompute_hourly, stored_hourly
from campaign.reach.tracker import run_network
from tests.factories import EditionPageFactory

pytestmark = pytest.mark.django_db
RECORDINGS = Path(__file__).parent / "recordings"
SEARCH = "https://api.twitter.com/2/tweets/search/recent"
COUNTS = "https://api.twitter.com/2/tweets/counts/recent"


def jsonl(name: str) -> dict:
    return json.loads((RECORDINGS / "x" / name).read_text().splitlines()[0])


def cassette(path: str) -> dict:
    """The one response of a vcrpy cassette: status, headers and the body as text."""
    response = yaml.safe_load((RECORDINGS / path).read_text())["interactions"][0]["response"]
    body = response["body"]["string"]
    headers = {name: " ".join(values) for name, values in response["headers"].items()}
    if isinstance(body, bytes):
        if headers.pop("content-encoding", "") == "gzip":
            body = gzip.decompress(body)
        body = body.decode()
    return {"status": response["status"]["code"], "headers": headers, "body": body}


def at(text: str):
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return lambda: moment.timestamp()


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2022, day=date(2022, 10, 3), hashtags="#SocialPrescribingDay")


@pytest.fixture
def tracking(edition):
    """A window wide enough for every recording, 2021 to 2023."""
    return Tracking.objects.create(edition=edition, starts_at=datetime(2021, 1, 1, tzinfo=UTC),
                                   ends_at=datetime(2024, 1, 1, tzinfo=UTC))


@pytest.fixture
def api():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(COUNTS, json={"data": [], "meta": {"total_tweet_count": 0}})
        yield mock


def x_provider(now: str, **kwargs) -> XProvider:
    kwargs.setdefault("max_per_run", 1000)
    kwargs.setdefault("max_per_day", 10000)
    return XProvider("test-bearer", clock=at(now), **kwargs)


def search_page(recording: dict) -> dict:
    """A twarc page as X sent it: twarc's own '__twarc' note removed."""
    return {key: value for key, value in recording.items() if key != "__twarc"}


def x_run(tracking, now: str, **kwargs):
    return run_network(tracking, x_provider(now, **kwargs), sleep=lambda s: None, clock=at(now))


def searches(api):
    return [call.request for call in api.calls if call.request.url.startswith(SEARCH)]


# X -----------------------------------------------------------------------------------------

def test_a_retweet_is_a_post_and_a_share_with_none_of_its_originals_engagement(api, tracking):
    api.get(SEARCH, json=search_page(jsonl("twarc_csv_two_tweets.jsonl")))
    run = x_run(tracking, "2021-05-19T15:26:17Z")
    assert (run.status, run.posts_new) == ("ok", 1)
    retweet = Post.objects.get()
    assert retweet.external_id == "1394735776701816833" and retweet.kind == "repost"
    # Its public_metrics (retweet_count 1) are the original's: none of them is counted.
    assert (retweet.likes, retweet.shares, retweet.comments, retweet.quotations, retweet.engagements) == (0, 0, 0, 0, 0)
    # The retweeter posted; the original's author, also in includes.users, did not.
    assert list(Author.objects.values_list("handle", flat=True)) == ["@LachiVeronica"]
    stats = build_stats(tracking.edition)
    assert (stats["totals"]["posts"], stats["totals"]["reposts"], stats["totals"]["engagements"]) == (1, 1, 0)
    assert stats["totals"]["contributors"] == 1 and stats["top_posts"] == []


def test_a_place_gives_the_country_before_the_profile_location(api, tracking):
    page = search_page(jsonl("twarc_csv_geo_tweets_line2.jsonl"))
    api.get(SEARCH, json=page)
    x_run(tracking, "2022-03-10T18:00:00Z")
    params = searches(api)[0].params
    assert "geo.place_id" in params["expansions"].split(",") and params["place.fields"] == "country_code"
    reply = Post.objects.get()
    # The author's profile says "Ireland"; the post's place is Berlin.
    assert (reply.kind, reply.country) == ("reply", "DE")
    # Three users came with the page: the author, the person replied to and a mention.
    assert list(Author.objects.values_list("handle", flat=True)) == ["@IgorBrigadir"]
    assert [c["code"] for c in build_stats(tracking.edition)["countries"]] == ["DE"]


def test_without_a_place_the_profile_location_is_the_fallback(api, tracking):
    page = search_page(jsonl("twarc_csv_geo_tweets_line2.jsonl"))
    del page["data"][0]["geo"]  # changed here: the same post without its place
    api.get(SEARCH, json=page)
    x_run(tracking, "2022-03-10T18:00:00Z")
    assert Post.objects.get().country == "IE"


def test_a_post_whose_author_is_missing_is_stored_and_shown_on_the_run(api, tracking):
    page = search_page(jsonl("twarc_csv_geo_tweets_line2.jsonl"))
    page["includes"]["users"] = page["includes"]["users"][1:]  # changed here: X left the author out
    api.get(SEARCH, json=page)
    run = x_run(tracking, "2022-03-10T18:00:00Z")
    post = Post.objects.get()
    assert post.author.external_id == "495430242" and post.url.endswith("/1501963039859363843")
    assert run.errors == 1 and "author the network left out" in run.messages
    assert Contributor.objects.count() == 1


def test_an_edited_post_is_one_post_at_its_latest_version(api, tracking):
    recording = jsonl("twarc_csv_edited.jsonl")
    both_versions = {"data": recording["includes"]["tweets"], "includes": {"users": recording["includes"]["users"]},
                     "meta": {"newest_id": "1576994789110992896", "result_count": 2}}
    api.get(SEARCH, json=both_versions)
    run = x_run(tracking, "2022-10-03T18:00:12Z")
    assert run.posts_new == 1
    post = Post.objects.get()
    assert post.external_id == "1576994746135764992"  # the first id of its edit history
    assert post.text.startswith("hey :)") and post.url.endswith("/1576994789110992896")
    assert (post.likes, post.comments) == (27, 12)

    # Read again two minutes later (the same version, as quoted_edit.jsonl carries it): more likes.
    later = jsonl("twarc_csv_quoted_edit.jsonl")["includes"]["tweets"][2]
    api.get(SEARCH, json={"data": [later], "includes": {"users": recording["includes"]["users"]},
                          "meta": {"newest_id": later["id"], "result_count": 1}})
    again = x_run(tracking, "2022-10-03T18:02:28Z")
    assert (again.posts_new, again.posts_updated, Post.objects.count()) == (0, 1, 1)
    assert Post.objects.get().likes == 39
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)


def test_a_reply_that_quotes_is_a_reply(api, tracking):
    api.get(SEARCH, json=search_page(jsonl("twarc_csv_quoted_edit.jsonl")))
    x_run(tracking, "2022-10-03T18:02:28Z")
    post = Post.objects.get()
    assert post.kind == "reply"  # referenced_tweets lists "quoted" first
    assert list(Author.objects.values_list("handle", flat=True)) == ["@dappdavid99"]


def test_a_repeated_next_token_stops_the_walk_with_a_recorded_error(api, tracking):
    recorded = cassette("x/tweepy_search_recent_tweets.yaml")
    for _ in range(5):
        api.get(SEARCH, body=recorded["body"], status=recorded["status"], content_type="application/json")
    run = x_run(tracking, "2022-10-07T22:43:19Z")
    assert len(searches(api)) == 2
    assert "same page token twice" in run.messages and run.status == "partial"
    # Recorded without expansions: no author or time, so every item is shown as malformed.
    assert run.posts_read == 20 and run.errors == 21 and not Post.objects.exists()
    assert Cursor.objects.get().state == {"since_id": "1578516068309794817"}
    assert IngestRun.objects.get().posts_read == 20


def test_since_id_older_than_the_search_window_falls_back_to_start_time(api, tracking):
    Cursor.objects.create(edition=tracking.edition, network="x", hashtag="#SocialPrescribingDay",
                          state={"since_id": "1394735776701816833"})  # posted 2021-05-18
    api.get(SEARCH, json=search_page(jsonl("twarc_csv_two_tweets.jsonl")))
    x_run(tracking, "2021-05-27T12:00:00Z")
    params = searches(api)[-1].params
    assert "since_id" not in params and params["start_time"] == "2021-05-20T12:01:00Z"

    x_run(tracking, "2021-05-19T15:26:17Z")  # a day later the same since_id is still searchable
    params = searches(api)[-1].params
    assert params["since_id"] == "1394735776701816833"
    assert "start_time" not in params and "end_time" not in params


def test_after_the_window_closes_start_and_end_time_replace_since_id(api, tracking):
    Tracking.objects.filter(pk=tracking.pk).update(ends_at=datetime(2021, 5, 19, tzinfo=UTC))
    tracking.refresh_from_db()
    Cursor.objects.create(edition=tracking.edition, network="x", hashtag="#SocialPrescribingDay",
                          state={"since_id": "1394735776701816833"})
    api.get(SEARCH, json=search_page(jsonl("twarc_csv_two_tweets.jsonl")))
    x_run(tracking, "2021-05-19T15:26:17Z")
    params = searches(api)[-1].params
    assert "since_id" not in params and params["end_time"] == "2021-05-19T00:00:00Z"


def test_a_connection_dropped_mid_body_is_retried(api, tracking):
    api.get(SEARCH, body=requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead"))
    api.get(SEARCH, json=search_page(jsonl("twarc_csv_two_tweets.jsonl")))
    run = x_run(tracking, "2021-05-19T15:26:17Z")
    assert (run.status, run.posts_new) == ("ok", 1) and "retrying" in run.messages


def test_posts_read_are_recorded_with_each_page_even_when_the_run_is_killed(api, tracking, monkeypatch):
    recorded = cassette("x/tweepy_search_recent_tweets.yaml")
    api.get(SEARCH, body=recorded["body"], content_type="application/json")
    page2 = search_page(jsonl("twarc_csv_two_tweets.jsonl"))
    api.get(SEARCH, json=page2)
    real_store = tracker.store_posts
    calls = []

    def store_then_die(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("killed")  # the process dies while storing page 2
        return real_store(*args, **kwargs)

    monkeypatch.setattr(tracker, "store_posts", store_then_die)
    with pytest.raises(SystemExit):
        x_run(tracking, "2021-05-19T15:26:17Z")
    killed = IngestRun.objects.get()
    assert (killed.status, killed.posts_read, killed.pages) == ("running", 10, 1)
    # The next run's budget counts what the killed one read.
    assert x_provider("2021-05-19T15:30:00Z", max_per_day=15).budget_remaining(0) == 5


def test_a_lookup_by_ids_is_parsed_like_a_search(api):
    recorded = json.loads(cassette("x/tweepy_get_tweets.yaml")["body"])
    posts, authors, skipped, missing = x_provider("2022-10-07T22:43:17Z").parse_tweets(recorded["data"], {})
    # Recorded without fields: no author or time; counted as malformed, never guessed.
    assert (posts, authors, skipped, missing) == ([], [], 2, 0)


# Mastodon ------------------------------------------------------------------------------------

def mastodon_answer(path: str, request: httpx.Request, host: str) -> httpx.Response:
    recorded = cassette(path)
    body = recorded["body"].replace("http://localhost:3000", f"https://{host}")
    headers = {k: v.replace("http://localhost:3000", f"https://{host}") for k, v in recorded["headers"].items()}
    return httpx.Response(recorded["status"], content=body.encode(), headers=headers, request=request)


def mastodon(handler, servers=("mastodon.social",)) -> MastodonProvider:
    return MastodonProvider(list(servers), {}, transport=httpx.MockTransport(handler), clock=at("2022-12-01T20:00:00Z"))


@pytest.fixture
def hoot(tracking):
    tracking.hashtags = "#hoot"
    tracking.save()
    return tracking


def test_a_mastodon_tag_timeline_is_stored_and_its_link_header_followed(hoot):
    asked = []

    def handler(request):
        asked.append(request.url.params["min_id"])
        if len(asked) == 1:
            return mastodon_answer("mastodon/mastodonpy_hashtag_tl.yaml", request, request.url.host)
        return httpx.Response(200, json=[], request=request)

    provider = mastodon(handler)
    provider.page_size = 1
    run = run_network(hoot, provider, sleep=lambda s: None)
    assert (run.status, run.posts_new) == ("ok", 1)
    post = Post.objects.get()
    assert post.text == "#hoot (hashtag toot)" and post.lang == "ja" and post.kind == "original"
    assert asked[1] == "109440153064280358"  # the rel="prev" link's min_id


def test_each_mastodon_walk_rereads_a_trailing_overlap_for_posts_federated_late(hoot):
    body = cassette("mastodon/mastodonpy_hashtag_tl.yaml")["body"]
    recorded = json.loads(body.replace("http://localhost:3000", "https://mastodon.social"))[0]
    minutes = 60_000 << 16
    late = dict(recorded, id=str(int(recorded["id"]) - 10 * minutes),  # changed here: a post federated late,
                uri=recorded["uri"].replace("109440153064280358", "109440113742680358"))  # dated 10 min earlier
    asked = []

    def handler(request):
        asked.append(request.url.params["min_id"])
        if len(asked) == 1:
            return mastodon_answer("mastodon/mastodonpy_hashtag_tl.yaml", request, request.url.host)
        if len(asked) == 3:
            return httpx.Response(200, json=[late, json.loads(json.dumps(recorded))], request=request)
        return httpx.Response(200, json=[], request=request)

    provider = mastodon(handler)
    provider.page_size = 1
    run_network(hoot, provider, sleep=lambda s: None)
    provider.page_size = 2
    again = run_network(hoot, provider, sleep=lambda s: None)
    assert int(asked[2]) == ((int(recorded["id"]) >> 16) - 30 * 60_000) << 16  # 30 minutes back
    assert (again.posts_new, Post.objects.count()) == (1, 2)
    assert stored_hourly(hoot.edition_id) == recompute_hourly(hoot.edition_id)


def test_a_repeated_link_header_stops_the_walk_with_a_recorded_error(hoot):
    requests_seen = []

    def handler(request):
        requests_seen.append(request)
        return mastodon_answer("mastodon/mastodonpy_hashtag_tl.yaml", request, request.url.host)

    provider = mastodon(handler)
    provider.page_size = 1
    run = run_network(hoot, provider, sleep=lambda s: None)
    assert len(requests_seen) == 2 and "same page token twice" in run.messages
    assert Post.objects.count() == 1


def test_a_mastodon_server_refusing_with_401_is_switched_off_alone(hoot):
    def handler(request):
        if request.url.host == "mastodon.social":
            return mastodon_answer("mastodon/mastodonpy_home_tl_anonymous_throws.yaml", request, "mastodon.social")
        return httpx.Response(200, json=[], request=request)

    run = run_network(hoot, mastodon(handler, servers=("mastodon.social", "mastodon.online")), sleep=lambda s: None)
    hoot.refresh_from_db()
    assert hoot.mastodon_enabled and list(hoot.servers_off()) == ["mastodon.social"]
    assert "The access token is invalid" in hoot.mastodon_servers_off and run.errors == 1


def test_a_mastodon_connection_dropped_mid_body_is_retried(hoot):
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            raise httpx.RemoteProtocolError("peer closed connection without sending complete message body",
                                            request=request)
        if len(calls) == 2:
            return mastodon_answer("mastodon/mastodonpy_hashtag_tl.yaml", request, request.url.host)
        return httpx.Response(200, json=[], request=request)

    provider = mastodon(handler)
    provider.page_size = 1
    run = run_network(hoot, provider, sleep=lambda s: None)
    assert run.posts_new == 1 and "retrying" in run.messages


def test_an_unexpected_error_in_one_stream_is_recorded_and_the_others_go_on(hoot):
    def handler(request):
        if request.url.host == "mastodon.social":
            raise RuntimeError("a bug in one walk")
        if request.url.params["min_id"] == "109440153064280358":
            return httpx.Response(200, json=[], request=request)
        return mastodon_answer("mastodon/mastodonpy_hashtag_tl.yaml", request, request.url.host)

    provider = mastodon(handler, servers=("mastodon.social", "mastodon.online"))
    provider.page_size = 1
    run = run_network(hoot, provider, sleep=lambda s: None)
    assert run.posts_new == 1 and run.errors == 1 and "RuntimeError: a bug in one walk" in run.messages


# Bluesky --------------------------------------------------------------------------------------

def recorded_post_view() -> dict:
    thread = json.loads((RECORDINGS / "bluesky" / "atproto_thread_view_post_with_embed_media.json").read_text())
    return thread["thread"]["post"]


def test_a_bluesky_quote_with_media_is_a_quote(tracking):
    def handler(request):
        method = request.url.path.rsplit("/", 1)[-1]
        if method == "com.atproto.server.createSession":
            return httpx.Response(200, json={"accessJwt": "jwt", "did": "did:plc:tracker"})
        if method == "app.bsky.feed.searchPosts":
            # The recorded postView in searchPosts' envelope (see recordings/README.md).
            return httpx.Response(200, json={"posts": [recorded_post_view()], "hitsTotal": 1})
        if method == "app.bsky.actor.getProfiles":
            return httpx.Response(200, json={"profiles": [{"did": "did:plc:kvwvcn5iqfooopmyzvb4qzba",
                                                           "handle": "test.marshal.dev", "followersCount": 3}]})
        return httpx.Response(404)

    provider = BlueskyProvider("h", "p", service="https://bsky.social", transport=httpx.MockTransport(handler),
                               clock=at("2023-09-28T13:00:00Z"))
    run = run_network(tracking, provider, sleep=lambda s: None)
    post = Post.objects.get()
    assert (run.posts_new, post.kind, post.lang) == (1, "quote", "en")
    assert post.url == "https://bsky.app/profile/test.marshal.dev/post/3kaheyt6vpc22"


# The notes, against an independent recount ---------------------------------------------------

def test_the_notes_match_a_recount_of_the_stored_posts(api, tracking):
    for name, now in (("twarc_csv_two_tweets.jsonl", "2021-05-19T15:26:17Z"),
                      ("twarc_csv_geo_tweets_line2.jsonl", "2022-03-10T18:00:00Z"),
                      ("twarc_csv_quoted_edit.jsonl", "2022-10-03T18:02:28Z")):
        api.get(SEARCH, json=search_page(jsonl(name)))
        x_run(tracking, now)
    edited = jsonl("twarc_csv_edited.jsonl")
    api.get(SEARCH, json={"data": copy.deepcopy(edited["includes"]["tweets"]),
                          "includes": {"users": edited["includes"]["users"]}, "meta": {}})
    x_run(tracking, "2022-10-03T18:00:12Z")

    posts = list(Post.objects.filter(edition=tracking.edition).select_related("author"))
    totals = build_stats(tracking.edition)["totals"]
    stats = build_stats(tracking.edition)
    # "each counted once however often it is seen and however often it is edited"
    assert totals["posts"] == len({(p.network, p.external_id) for p in posts}) == 4
    assert [totals[k] for k in ("originals", "reposts", "replies", "quotes")] == [
        sum(p.kind == kind for p in posts) for kind in ("original", "repost", "reply", "quote")]
    # "distinct public accounts that posted"
    assert totals["contributors"] == len({(p.network, p.author_id) for p in posts}) == 4
    # "the sum of the followers of every unique contributor, as last seen"
    assert totals["potential_reach"] == sum({p.author_id: p.author.followers or 0 for p in posts}.values())
    # "a repost ... adds none of the engagement its original received"
    assert totals["engagements"] == sum(p.likes + p.shares + p.comments + p.quotations
                                        for p in posts if p.kind != "repost")
    assert totals["engagements"] == 3 + (1 + 1) + (27 + 2 + 12 + 2)
    # "countries from a post's place or, failing that, the author's profile location"
    assert {c["code"] for c in stats["countries"]} == {p.country for p in posts if p.country} == {"DE"}
    assert totals["languages"] == len({p.lang for p in posts if p.lang and p.lang != "und"})
    assert all(t["url"] for t in stats["top_posts"]) and len(stats["top_posts"]) == 3
    assert len({t["url"] for t in stats["top_posts"]}) == 3
    assert not Post.objects.filter(Q(kind="repost") & ~Q(engagements=0)).exists()
