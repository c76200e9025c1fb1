"""Bluesky on recorded XRPC answers served by httpx.MockTransport."""

import copy

import httpx
import pytest

from campaign.reach.models import Author, Cursor, Post
from campaign.reach.providers.bluesky import BlueskyProvider
from campaign.reach.tracker import run_network

from .conftest import clock, payload

pytestmark = pytest.mark.django_db


class PDS:
    def __init__(self, search_pages, profiles=None, login_status=200):
        self.search_pages = list(search_pages)
        self.profiles = profiles
        self.login_status = login_status
        self.requests: list[httpx.Request] = []
        self.logins = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        method = request.url.path.rsplit("/", 1)[-1]
        if method == "com.atproto.server.createSession":
            self.logins += 1
            if self.login_status != 200:
                return httpx.Response(self.login_status, json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"})
            body = payload("bluesky_session")
            body["accessJwt"] = f"jwt-{self.logins}"
            return httpx.Response(200, json=body)
        if method == "app.bsky.feed.searchPosts":
            answer = self.search_pages.pop(0)
            return answer if isinstance(answer, httpx.Response) else httpx.Response(200, json=answer)
        if method == "app.bsky.actor.getProfiles":
            actors = request.url.params.get_list("actors")
            known = {p["did"]: p for p in (self.profiles or payload("bluesky_profiles"))["profiles"]}
            profiles = [known.get(a, {"did": a, "handle": f"{a[-6:]}.bsky.social", "followersCount": 7}) for a in actors]
            return httpx.Response(200, json={"profiles": profiles})
        return httpx.Response(404)

    def calls(self, method):
        return [r for r in self.requests if r.url.path.endswith(method)]


def provider(pds):
    return BlueskyProvider("spd-tracker.bsky.social", "app-pass", service="https://bsky.social",
                           transport=httpx.MockTransport(pds), clock=clock)


def test_searches_by_tag_newest_first_with_cursor_then_resumes_from_the_newest(tracking, sleeps):
    pds = PDS([payload("bluesky_search_page1"), payload("bluesky_search_page2")])
    result = run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    assert (result.status, result.posts_new, result.pages) == ("ok", 3, 2)
    first, second = pds.calls("searchPosts")
    assert first.url.params["tag"] == "SocialPrescribingDay" and first.url.params["sort"] == "latest"
    assert first.url.params["q"] == "#SocialPrescribingDay"
    assert first.headers["authorization"] == "Bearer jwt-1" and pds.logins == 1
    assert second.url.params["cursor"] == "1741780200000::bafyreib"
    assert Cursor.objects.get().state == {"since": "2027-03-12T12:00:00.000Z"}
    assert Author.objects.get(external_id="did:plc:bbb222").followers == 5100
    quote = Post.objects.get(external_id__endswith="3lk2aac")
    assert quote.kind == "quote" and quote.url == "https://bsky.app/profile/linkworkers.bsky.social/post/3lk2aac"

    pds.search_pages = [{"posts": []}]
    run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    # The next walk starts half an hour before the newest post seen, for posts indexed late.
    assert pds.calls("searchPosts")[-1].url.params["since"] == "2027-03-12T11:30:00Z"
    assert "cursor" not in pds.calls("searchPosts")[-1].url.params


def test_follower_counts_come_from_get_profiles_in_batches_of_25(tracking, sleeps):
    page = payload("bluesky_search_page2")
    template = page["posts"][0]
    page["posts"] = []
    for i in range(30):
        view = copy.deepcopy(template)
        view["uri"] = f"at://did:plc:user{i:04d}/app.bsky.feed.post/3lk{i:04d}"
        view["author"]["did"] = f"did:plc:user{i:04d}"
        page["posts"].append(view)
    pds = PDS([page])
    run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    batches = [len(r.url.params.get_list("actors")) for r in pds.calls("getProfiles")]
    assert batches == [25, 5]
    assert set(Author.objects.values_list("followers", flat=True)) == {7}


def test_an_expired_session_logs_in_again(tracking, sleeps):
    expired = httpx.Response(400, json={"error": "ExpiredToken", "message": "Token has expired"})
    pds = PDS([expired, payload("bluesky_search_page2")])
    result = run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    assert pds.logins == 2 and result.posts_new == 1


def test_a_wrong_app_password_switches_bluesky_off(tracking, sleeps):
    pds = PDS([], login_status=401)
    result = run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    tracking.refresh_from_db()
    assert result.status == "failed" and not tracking.bluesky_enabled
    assert "app password" in tracking.bluesky_error


def test_429_uses_the_ratelimit_reset_header(tracking, sleeps):
    limited = httpx.Response(429, headers={"ratelimit-reset": str(int(clock()) + 10)})
    pds = PDS([limited, {"posts": []}])
    run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    assert sleeps == [11]


def test_a_malformed_page_keeps_the_cursor(tracking, sleeps):
    Cursor.objects.create(edition=tracking.edition, network="bluesky", hashtag="SocialPrescribingDay",
                          state={"since": "2027-03-12T00:00:00Z"})
    pds = PDS([httpx.Response(200, content=b"<html>gateway</html>")])
    result = run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    assert result.errors == 1 and Cursor.objects.get().state == {"since": "2027-03-12T00:00:00Z"}


def test_a_walk_past_the_search_cap_goes_on_in_time_slices(tracking, sleeps):
    full = payload("bluesky_search_page1")
    full.pop("cursor", None)  # changed here: a full page with no cursor, as search gives at its cap
    pds = PDS([full, {"posts": []}])
    p = provider(pds)
    p.page_size = len(full["posts"])
    run = run_network(tracking, p, sleep=sleeps, clock=clock)
    first, second = pds.calls("searchPosts")
    assert run.pages == 2 and first.url.params["until"] == "2027-03-20T00:00:00Z"  # the window's end
    # The next slice ends just after the oldest post read (11:30), since stays where it was.
    assert second.url.params["until"] == "2027-03-12T11:30:00.001Z"
    assert second.url.params["since"] == first.url.params["since"]
    assert Cursor.objects.get().state == {"since": "2027-03-12T12:00:00.000Z"}


def test_posts_indexed_late_are_read_in_the_overlap_and_stored_once(tracking, sleeps):
    page = payload("bluesky_search_page2")
    pds = PDS([page, page])
    run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    again = run_network(tracking, provider(pds), sleep=sleeps, clock=clock)
    assert again.posts_new == 0 and Post.objects.count() == len(page["posts"])
