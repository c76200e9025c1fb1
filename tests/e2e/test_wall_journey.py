"""At an event, the live wall runs on a projector: it updates itself as posts arrive, and
rides out a dropped network without anyone touching it."""

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from campaign.reach.models import ApprovedAccount, ScreenHide, Tracking
from campaign.reach.records import AuthorRecord, PostRecord
from campaign.reach.store import store_posts
from tests.e2e.conftest import check_accessibility
from tests.factories import EditionPageFactory


def _posts(start: int, count: int):
    authors = [AuthorRecord("bluesky", f"did:plc:wall{i}", f"@group{i}.bsky.social", display_name=f"Garden group {i}",
                            followers=50 + i) for i in range(count)]
    posts = [
        PostRecord("bluesky", f"at://did:plc:wall{i}/app.bsky.feed.post/{start + i}", f"did:plc:wall{i}",
                   datetime(2027, 3, 12, 9 + i % 8, start % 60, tzinfo=UTC),
                   text=f"Planting day {start + i} #SocialPrescribingDay", likes=i)
        for i in range(count)
    ]
    return posts, authors


@pytest.fixture
def tracked(home_page):
    edition = EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12), hashtags="#SocialPrescribingDay")
    tracking = Tracking.objects.create(edition=edition, wall_mode=Tracking.WALL_ALL)
    posts, authors = _posts(0, 3)
    store_posts(tracking, "bluesky", posts, authors)
    return tracking


def test_wall_updates_without_reload_and_recovers_after_the_network_drops(page, tracked):
    ScreenHide.objects.create(kind=ScreenHide.ACCOUNT, network="bluesky", value="@group4.bsky.social", reason="test")
    page.goto("/stats/wall/")
    posts_figure = page.locator('[data-wall-figure="posts"]')
    expect(posts_figure).to_have_text("3")
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")  # nothing to scroll
    assert page.locator("nav").count() == 0
    check_accessibility(page, "live wall")

    page.evaluate("""() => {
        window.__sameDocument = true;
        document.body.setAttribute('data-wall-interval', '1');
    }""")
    posts, authors = _posts(100, 6)
    store_posts(tracked, "bluesky", posts, authors)
    expect(posts_figure).to_have_text("9", timeout=10_000)
    expect(page.locator(".wall__post-text").first).to_contain_text("Planting day 10")
    assert page.get_by_text("Planting day 104").count() == 0  # a hidden account never shows
    assert page.evaluate("window.__sameDocument") is True

    page.context.set_offline(True)
    expect(page.locator("[data-wall-status]")).to_contain_text("Connection lost", timeout=10_000)
    expect(posts_figure).to_have_text("9")  # the last figures stay up
    posts, authors = _posts(200, 2)
    store_posts(tracked, "bluesky", posts, authors)
    page.context.set_offline(False)
    expect(posts_figure).to_have_text("11", timeout=15_000)
    expect(page.locator("[data-wall-status]")).to_contain_text("Updated")
    assert page.evaluate("window.__sameDocument") is True
    check_accessibility(page, "after the network came back")


def test_wall_in_approved_mode_shows_only_approved_accounts(page, tracked):
    tracked.wall_mode = Tracking.WALL_APPROVED
    tracked.save()
    ApprovedAccount.objects.create(network="bluesky", handle="@group1.bsky.social")
    page.goto("/stats/wall/")
    texts = page.locator(".wall__post-text").all_inner_texts()
    assert texts == ["Planting day 1 #SocialPrescribingDay"]
