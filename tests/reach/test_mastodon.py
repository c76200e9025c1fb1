"""Mastodon on recorded tag-timeline pages served by httpx.MockTransport."""

import httpx
import pytest

from campaign.reach.models import Author, Cursor, Post
from campaign.reach.providers.mastodon import MastodonProvider, link_min_id, snowflake_for
from campaign.reach.store import recompute_hourly, stored_hourly
from campaign.reach.tracker import run_network

from .conftest import clock, payload

pytestmark = pytest.mark.django_db


class Server:
    """Serves recorded pages per (host, min_id), with the Link headers Mastodon sends."""

    def __init__(self, pages):
        self.pages = pages
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        host = request.url.host
        min_id = request.url.params.get("min_id")
        answer = self.pages.get((host, min_id), self.pages.get((host, "*"), []))
        if isinstance(answer, httpx.Response):
            return answer
        headers = {}
        if answer:
            ids = [s["id"] for s in answer]
            base = f"https://{host}/api/v1/timelines/tag/socialprescribingday"
            headers["Link"] = f'<{base}?max_id={min(ids)}>; rel="next", <{base}?min_id={max(ids)}>; rel="prev"'
        return httpx.Response(200, json=answer, headers=headers)


def provider(server, servers=("mastodon.social",), tokens=None):
    p = MastodonProvider(list(servers), tokens or {}, transport=httpx.MockTransport(server), clock=clock)
    p.page_size = 2
    return p


def test_walks_forward_with_min_id_from_the_window_start(tracking, sleeps):
    start = snowflake_for(tracking.window()[0])
    server = Server({
        ("mastodon.social", start): payload("mastodon_social_page1"),
        ("mastodon.social", "113900000000000012"): payload("mastodon_social_page2"),
    })
    result = run_network(tracking, provider(server), sleep=sleeps, clock=clock)
    assert (result.status, result.posts_new, result.pages) == ("ok", 2, 2)
    assert [r.url.params["min_id"] for r in server.requests] == [start, "113900000000000012"]
    assert server.requests[0].url.path == "/api/v1/timelines/tag/socialprescribingday"
    assert Cursor.objects.get(server="mastodon.social").state == {"min_id": "113900000000000012"}
    stored = Post.objects.get(external_id__endswith="/113900000000000012")
    assert stored.text.startswith("Link workers & community groups, thank you")
    assert Post.objects.get(external_id__endswith="/113900000000000011").kind == "reply"
    assert "private-ish bio" not in str(list(Author.objects.values()))


def test_posts_seen_on_two_servers_are_stored_once_with_the_highest_counts(tracking, sleeps):
    server = Server({
        ("mastodon.social", "*"): payload("mastodon_social_page1"),
        ("mastodon.online", "*"): payload("mastodon_online_page1"),
    })
    server.pages[("mastodon.social", "113900000000000012")] = []
    server.pages[("mastodon.online", "113900000000000002")] = []
    result = run_network(
        tracking, provider(server, ("mastodon.social", "mastodon.online"), {"mastodon.social": "tok-social"}),
        sleep=sleeps, clock=clock,
    )
    assert (result.posts_new, result.posts_updated) == (3, 1)
    shared = Post.objects.get(external_id="https://mastodon.social/users/linkworker_sam/statuses/113900000000000012")
    assert (shared.likes, shared.shares) == (15, 5)
    assert Author.objects.filter(handle="@linkworker_sam@mastodon.social").count() == 1
    tokens = {r.url.host: r.headers.get("authorization") for r in server.requests}
    assert tokens == {"mastodon.social": "Bearer tok-social", "mastodon.online": None}
    assert Cursor.objects.count() == 2
    assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)


def test_rate_limit_reset_as_a_timestamp_is_waited_for(tracking, sleeps):
    from datetime import UTC, datetime, timedelta

    reset = (datetime.fromtimestamp(clock(), tz=UTC) + timedelta(seconds=120)).isoformat()
    server = Server({})
    answers = iter([httpx.Response(429, headers={"X-RateLimit-Reset": reset}), httpx.Response(200, json=[])])
    server.pages = {}

    def handler(request):
        server.requests.append(request)
        return next(answers)

    p = MastodonProvider(["mastodon.social"], {}, transport=httpx.MockTransport(handler), clock=clock)
    result = run_network(tracking, p, sleep=sleeps, clock=clock)
    assert sleeps == [121] and result.status == "ok"


def test_timeouts_back_off_then_give_up(tracking, sleeps):
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    p = MastodonProvider(["mastodon.social"], {}, transport=httpx.MockTransport(handler), clock=clock)
    result = run_network(tracking, p, sleep=sleeps, clock=clock)
    assert len(sleeps) == 4 and result.status == "failed" and not Cursor.objects.exists()


def test_a_refused_token_switches_that_server_off_alone(tracking, sleeps):
    server = Server({
        ("mastodon.social", "*"): httpx.Response(401, json={"error": "The access token is invalid"}),
        ("mastodon.online", "*"): payload("mastodon_online_page1")[:1],
    })
    p = provider(server, servers=("mastodon.social", "mastodon.online"), tokens={"mastodon.social": "old"})
    result = run_network(tracking, p, sleep=sleeps, clock=clock)
    tracking.refresh_from_db()
    assert result.status == "partial" and result.posts_new == 1 and tracking.mastodon_enabled
    assert "The access token is invalid" in tracking.mastodon_error
    assert list(tracking.servers_off()) == ["mastodon.social"]
    asked = len(server.requests)
    again = run_network(tracking, p, sleep=sleeps, clock=clock)
    assert again.errors == 0 and {r.url.host for r in server.requests[asked:]} == {"mastodon.online"}


def test_a_page_that_is_not_a_list_keeps_the_cursor(tracking, sleeps):
    Cursor.objects.create(edition=tracking.edition, network="mastodon", server="mastodon.social",
                          hashtag="socialprescribingday", state={"min_id": "5"})
    server = Server({("mastodon.social", "5"): httpx.Response(200, json={"error": "odd"})})
    result = run_network(tracking, provider(server), sleep=sleeps, clock=clock)
    assert result.errors == 1
    assert Cursor.objects.get().state == {"min_id": "5"}


def test_link_header_parsing():
    header = ('<https://m.example/api/v1/timelines/tag/x?max_id=10>; rel="next", '
              '<https://m.example/api/v1/timelines/tag/x?min_id=42>; rel="prev"')
    assert link_min_id(header) == "42"
    assert link_min_id("") is None
