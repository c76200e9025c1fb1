"""The live wall and the hide list: nothing editors hid, nothing sensitive, and in 'approved'
mode nobody they have not approved, on any public screen (wall, its JSON, top posts, report)."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from django.urls import reverse

from campaign.editions import days
from campaign.editions.results import build_report
from campaign.reach.models import ApprovedAccount, ScreenHide, Tracking
from campaign.reach.providers.bluesky import BlueskyProvider
from campaign.reach.providers.mastodon import MastodonProvider
from campaign.reach.providers.x import TWEET_FIELDS, XProvider
from campaign.reach.store import store_posts

from .factories import author, post
from .test_recordings import cassette, jsonl, recorded_post_view

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(tracking):
    records = [post(i, i % 3, hour=9 + i, likes=10 * (i + 1)) for i in range(6)]
    records[5].sensitive = True  # the most liked post of all, behind a content warning
    store_posts(tracking, "x", records, [author(i) for i in range(3)])
    return records


def wall_texts(client, year=2027):
    return [p["text"] for p in client.get(f"/{year}/stats/wall.json").json()["posts"]]


def top_urls(client):
    return [p["url"] for p in client.get("/2027/stats/data.json").json()["top_posts"]]


def test_wall_shows_only_approved_accounts_by_default(client, tracking, posts):
    assert tracking.wall_mode == Tracking.WALL_APPROVED
    assert wall_texts(client) == []
    ApprovedAccount.objects.create(network="x", handle="USER1")  # stored as @user1, matched case-insensitively
    assert wall_texts(client) == ["post 4 #SocialPrescribingDay", "post 1 #SocialPrescribingDay"]


def test_any_post_mode_still_drops_sensitive_hidden_posts_and_hidden_accounts(client, tracking, posts):
    tracking.wall_mode = Tracking.WALL_ALL
    tracking.save()
    assert "post 5 #SocialPrescribingDay" not in wall_texts(client)  # sensitive
    assert len(wall_texts(client)) == 5
    ScreenHide.objects.create(kind=ScreenHide.POST, network="x", value="https://example.org/p4", reason="names a person")
    ScreenHide.objects.create(kind=ScreenHide.ACCOUNT, network="x", value="@User0", reason="spam")
    texts = wall_texts(client)
    assert texts == ["post 2 #SocialPrescribingDay", "post 1 #SocialPrescribingDay"]


def test_figures_only_mode_shows_no_post_text(client, tracking, posts):
    tracking.wall_mode = Tracking.WALL_FIGURES
    tracking.save()
    ApprovedAccount.objects.create(network="x", handle="@user1")
    data = client.get("/2027/stats/wall.json").json()
    assert data["posts"] == [] and data["figures"]["posts"] == 6
    html = client.get("/2027/stats/wall/").content.decode()
    assert "post 1 #" not in html and "post 4 #" not in html


def test_hidden_and_sensitive_posts_never_reach_top_posts_contributors_or_the_report(client, tracking, posts, monkeypatch):
    urls = top_urls(client)
    assert "https://example.org/p5" not in urls  # sensitive, though the most liked
    assert urls[0] == "https://example.org/p4"
    ScreenHide.objects.create(kind=ScreenHide.POST, network="x", value="https://example.org/p4", reason="names a person")
    ScreenHide.objects.create(kind=ScreenHide.ACCOUNT, network="x", value="@user2", reason="asked not to be shown")
    # The 30-second stats cache is emptied by the change: no waiting for it to expire.
    urls = top_urls(client)
    assert "https://example.org/p4" not in urls and "https://example.org/p2" not in urls
    handles = [c["handle"] for c in client.get("/2027/stats/data.json").json()["top_contributors"]]
    assert "@user2" not in handles
    monkeypatch.setattr(days, "today", lambda: date(2027, 3, 20))
    report = build_report(tracking.edition)
    reach = next(s for s in report.sections if s.key == "reach")
    links = [link for listing in reach.listings for link in listing.links]
    assert "https://example.org/p4" not in links and "https://example.org/@user2" not in links
    assert "post 4" not in client.get("/2027/results/").content.decode()


def test_wall_page_is_a_bare_full_screen(client, tracking, posts):
    ApprovedAccount.objects.create(network="x", handle="@user1")
    response = client.get("/stats/wall/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "post 4 #SocialPrescribingDay" in html
    assert 'class="site-header' not in html and "cookie" not in html.lower() and "<nav" not in html
    assert "<svg" in html and "Join in" in html  # the QR code to the site
    assert 'data-wall-poll="/stats/wall.json"' in html
    assert "style=" not in html and "<script>" not in html and " onload=" not in html
    assert 'name="robots" content="noindex"' in html
    assert "max-age=15" in response["Cache-Control"]


def test_editors_hide_a_post_in_the_admin(admin_client, tracking, posts):
    tracking.wall_mode = Tracking.WALL_ALL
    tracking.save()
    add = reverse("wagtailsnippets_reach_screenhide:add")
    response = admin_client.post(add, {"kind": "post", "network": "x", "value": " https://example.org/p3 ",
                                       "reason": "shows a child's face"})
    assert response.status_code == 302
    assert ScreenHide.objects.get().value == "https://example.org/p3"
    assert "post 3 #SocialPrescribingDay" not in wall_texts(admin_client.__class__())


# --- Sensitive posts, as each network marks them in its real (recorded) responses -------------


def test_x_possibly_sensitive_is_kept():
    tweet = jsonl("twarc_csv_two_tweets.jsonl")["data"][0]
    assert tweet["possibly_sensitive"] is False  # twarc asks for every field, this one included
    assert XProvider.parse_tweet(copy.deepcopy(tweet), "someone").sensitive is bool(tweet.get("possibly_sensitive"))
    tweet["possibly_sensitive"] = True
    assert XProvider.parse_tweet(tweet, "someone").sensitive is True


def test_mastodon_sensitive_and_content_warnings_are_kept():
    status = json.loads(cassette("mastodon/mastodonpy_hashtag_tl.yaml")["body"])[0]
    assert MastodonProvider.parse_status(copy.deepcopy(status))[0].sensitive is bool(status["sensitive"] or status["spoiler_text"])
    status["sensitive"], status["spoiler_text"] = False, "mental health"
    assert MastodonProvider.parse_status(status)[0].sensitive is True


def test_bluesky_labels_are_kept():
    view = recorded_post_view()
    assert BlueskyProvider.parse_post(copy.deepcopy(view)).sensitive is bool(view.get("labels"))
    view["labels"] = [{"val": "graphic-media", "src": "did:plc:moderation", "uri": view["uri"], "cts": "2024-01-01T00:00:00Z"}]
    assert BlueskyProvider.parse_post(view).sensitive is True


def test_the_x_request_asks_for_possibly_sensitive():
    assert "possibly_sensitive" in TWEET_FIELDS
