"""A visitor watches the live reach page update itself as new posts are stored."""

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from campaign.reach.models import Tracking
from campaign.reach.records import AuthorRecord, PostRecord
from campaign.reach.store import store_posts
from tests.e2e.conftest import check_accessibility
from tests.factories import EditionPageFactory


def _posts(start: int, count: int):
    authors = [AuthorRecord("bluesky", f"did:plc:e2e{i}", f"@walker{i}.bsky.social", followers=100 + i,
                            profile_url=f"https://bsky.app/profile/walker{i}.bsky.social") for i in range(count)]
    posts = [
        PostRecord("bluesky", f"at://did:plc:e2e{i}/app.bsky.feed.post/{start + i}", f"did:plc:e2e{i}",
                   datetime(2027, 3, 12, 9 + i % 8, tzinfo=UTC), url=f"https://bsky.app/profile/walker{i}.bsky.social/post/{start + i}",
                   text=f"Walking group day {start + i} #SocialPrescribingDay", likes=3 + i, lang="en")
        for i in range(count)
    ]
    return posts, authors


@pytest.fixture
def tracked(home_page):
    edition = EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12), hashtags="#SocialPrescribingDay")
    tracking = Tracking.objects.create(edition=edition)
    posts, authors = _posts(0, 4)
    store_posts(tracking, "bluesky", posts, authors)
    return tracking


def test_stats_page_updates_without_reloading(page, tracked):
    page.goto("/stats/")
    assert page.locator("h1").count() == 1
    posts_figure = page.locator('[data-figure="posts"]')
    assert posts_figure.inner_text() == "4"
    assert page.locator(".reach-chart--wide svg.reach-chart__svg").is_visible()
    assert not page.locator(".reach-chart--compact").is_visible()  # the phone's drawing
    check_accessibility(page, "live stats")
    before = {v: page.locator(f'.reach-chart--{v} [data-series-year="2027"]').get_attribute("points") for v in ("wide", "compact")}

    page.evaluate("""() => {
        window.__sameDocument = true;
        document.querySelector('[data-reach-poll]').setAttribute('data-reach-interval', '1');
    }""")
    posts, authors = _posts(100, 7)
    store_posts(tracked, "bluesky", posts, authors)

    expect(posts_figure).to_have_text("11", timeout=10_000)
    assert page.evaluate("window.__sameDocument") is True  # updated in place, not reloaded
    assert page.locator('[data-figure="contributors"]').inner_text() == "7"
    assert "Figures updated" in page.locator("[data-reach-status]").inner_text()
    # Both drawings of the chart are redrawn: the wide one and the phone's compact one.
    for variant in ("wide", "compact"):
        points = page.locator(f'.reach-chart--{variant} [data-series-year="2027"]').get_attribute("points")
        assert points and points.count(",") == 72 and points != before[variant]
    check_accessibility(page, "after the live update")

    reach_card = page.locator(".reach-figure", has=page.locator('[data-figure="potential_reach"]'))
    reach_card.locator("summary").click()
    assert reach_card.get_by_text("sum of the followers", exact=False).is_visible()
    check_accessibility(page, "note open")


def test_embed_widget_is_accessible(page, tracked):
    page.goto("/stats/embed/")
    assert page.locator('[data-figure="posts"]').inner_text() == "4"
    check_accessibility(page, "embed")
