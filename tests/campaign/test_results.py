"""The results report (/<year>/results/): every figure recounted independently from factory data,
in the page, the JSON, the CSV and the PDF, with nothing personal in any of them."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC, date, datetime

import pypdf
import pytest
from django.core.cache import cache

from campaign.editions import days
from campaign.editions.results import (
    FINAL,
    LIVE,
    NOT_YET,
    build_report,
    nice_ceiling,
    results_state,
)
from campaign.reach.models import Tracking
from campaign.reach.store import store_posts
from events.setup import ensure_event_index
from stories.models import StoryActivity, StorySubmission
from stories.setup import ensure_story_section
from tests.events.factories import make_event
from tests.factories import EditionPageFactory
from tests.reach.factories import author, post
from tests.stories.factories import published_story
from tests.toolkit.factories import make_design, make_resource, make_toolkit
from tests.toolkit.test_views import post_graphic
from toolkit import downloads

DAY = date(2027, 3, 12)
SECRET_EMAIL = "private.person@example.org"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2027, day=DAY, hashtags="#SocialPrescribingDay")


@pytest.fixture
def after_the_day(monkeypatch):
    monkeypatch.setattr(days, "today", lambda: date(2027, 3, 20))


def test_results_state_follows_the_day():
    assert results_state(None, DAY) == NOT_YET
    assert results_state(DAY, date(2027, 3, 11)) == NOT_YET
    assert results_state(DAY, DAY) == LIVE
    assert results_state(DAY, date(2027, 3, 13)) == FINAL


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0, 1, 7, 11, 24, 260, 4999)] == [1, 1, 10, 20, 25, 500, 5000]


@pytest.fixture
def day_data(home_page, edition):
    """A Day's worth of content, with things that must not count beside things that must."""
    other = EditionPageFactory(parent=home_page, year=2026, day=date(2026, 3, 12))
    events = ensure_event_index()
    start = datetime(2027, 3, 12, 10, tzinfo=UTC)
    listed = [
        make_event(events, title="Walk one", edition=edition, event_type="walk", format="in_person", country="GB-ENG",
                   start=start, submission={"email": SECRET_EMAIL, "name": "Private Person"}),
        make_event(events, title="Walk two", edition=edition, event_type="walk", format="hybrid", country="GB-SCT",
                   start=start, online_url="https://meet.example.org/a"),
        make_event(events, title="Webinar", edition=edition, event_type="webinar", format="online", country="",
                   start=start, online_url="https://meet.example.org/b"),
        make_event(events, title="Fair", edition=edition, event_type="fair", format="in_person", country="IE",
                   start=start, cancelled=True),
    ]
    make_event(events, title="Pending", edition=edition, event_type="talk", live=False, start=start)
    make_event(events, title="Last year", edition=other, event_type="talk", start=start)

    section = ensure_story_section()
    walking = StoryActivity.objects.create(name="Walking test", slug="walking-test")
    arts = StoryActivity.objects.create(name="Arts test", slug="arts-test")
    stories = [
        published_story(section, [walking], edition=edition, role="referred", region="london"),
        published_story(section, [walking, arts], edition=edition, role="link_worker", region="wales"),
        published_story(section, [arts], edition=edition, role="referred", region="london"),
    ]
    StorySubmission.objects.create(page=stories[0], contact_email=SECRET_EMAIL, display_choice="anonymous")
    draft = published_story(section, [walking], edition=edition, role="carer", region="london")
    draft.unpublish()

    toolkit = make_toolkit(edition)
    poster = make_resource(toolkit, title="Poster")
    guide = make_resource(toolkit, title="Guide", category="guides")
    for _ in range(3):
        downloads.count_resource_download(poster.pk, on=DAY)
    downloads.count_resource_download(guide.pk, on=date(2027, 3, 13))
    downloads.count_archive_download(toolkit.pk, on=DAY)
    design = make_design(edition)
    downloads.count_graphic_made(design.pk, on=DAY)
    downloads.count_graphic_made(design.pk, on=DAY)

    tracking = Tracking.objects.create(edition=edition)
    posts = [post(i, i % 4, hour=9 + i % 5, likes=i) for i in range(12)] + [post(99, 1, kind="repost")]  # providers read no metrics of a repost
    store_posts(tracking, "x", posts, [author(i) for i in range(4)])
    return {"events": listed, "stories": stories, "activities": (walking, arts), "posts": posts}


def section(report, key):
    return next(s for s in report.sections if s.key == key)


def figures(report, key):
    return {f.key: f.value for f in section(report, key).figures}


def breakdown(report, key, name):
    return dict(next(b for b in section(report, key).breakdowns if b.key == name).rows)


def test_every_figure_matches_an_independent_recount(edition, day_data):
    report = build_report(edition, on=date(2027, 3, 20))
    assert report.state == FINAL
    events = day_data["events"]

    assert figures(report, "events") == {
        "listed": len(events),
        "online": sum(e.format in ("online", "hybrid") for e in events),
        "countries": len({e.country.split("-")[0] for e in events if e.format != "online" and e.country}),
        "cancelled": sum(e.cancelled for e in events),
    }
    assert breakdown(report, "events", "by_type") == {"Walk": 2, "Webinar": 1, "Fair": 1}
    assert breakdown(report, "events", "by_format") == {"In person": 2, "Hybrid": 1, "Online": 1}
    assert breakdown(report, "events", "by_nation") == {"England": 1, "Scotland": 1}
    assert breakdown(report, "events", "by_country") == {"United Kingdom": 2, "Ireland": 1}

    stories = day_data["stories"]
    walking, arts = day_data["activities"]
    assert figures(report, "stories") == {"published": len(stories)}
    assert breakdown(report, "stories", "by_role") == {"Someone who was referred": 2, "A link worker": 1}
    assert breakdown(report, "stories", "by_activity") == {walking.name: 2, arts.name: 2}
    assert breakdown(report, "stories", "by_region") == {"London": 2, "Wales": 1}

    assert figures(report, "toolkit") == {"downloads": 4, "archives": 1, "graphics": 2}
    assert breakdown(report, "toolkit", "by_resource") == {"Poster": 3, "Guide": 1}

    posts = day_data["posts"]
    reach = figures(report, "reach")
    assert reach["posts"] == len(posts)
    assert reach["contributors"] == len({p.author_id for p in posts})
    assert reach["engagements"] == sum(p.likes for p in posts if p.kind != "repost")
    top = next(listing for listing in section(report, "reach").listings if listing.key == "top_posts")
    assert "https://example.org/p99" not in top.links  # a repost never tops the list
    assert top.links[0] == "https://example.org/p11"


def test_report_is_not_open_before_the_day_and_live_on_it(client, edition, monkeypatch):
    monkeypatch.setattr(days, "today", lambda: date(2027, 3, 11))
    assert client.get("/2027/results/").status_code == 404
    assert client.get("/2027/results/results.pdf").status_code == 404
    monkeypatch.setattr(days, "today", lambda: DAY)
    cache.clear()
    response = client.get("/2027/results/")
    assert response.status_code == 200
    assert "live today" in response.content.decode()
    assert "max-age=30" in response["Cache-Control"]
    assert client.get("/1999/results/").status_code == 404


def test_page_json_csv_and_pdf_carry_the_same_figures_and_nothing_personal(client, edition, day_data, after_the_day):
    html = client.get("/2027/results/").content.decode()
    data = client.get("/2027/results/results.json").json()
    rows = list(csv.reader(io.StringIO(client.get("/2027/results/results.csv").content.decode())))
    pdf_response = client.get("/2027/results/results.pdf")
    assert pdf_response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf_response.content))
    pdf_text = "\n".join(page.extract_text() for page in reader.pages)

    events = {f["key"]: f["value"] for s in data["sections"] if s["key"] == "events" for f in s["figures"]}
    assert events["listed"] == 4
    assert rows[0] == ["section", "table", "label", "series", "value", "note"]
    assert ["Events", "Headline figures", "Events listed", "", "4"] == rows[1][:5]
    assert ["Toolkit", "Downloads by resource", "Poster", "", "3"] in [r[:5] for r in rows]
    for surface in (html, pdf_text):
        assert "Events listed" in surface and "Personalised graphics made" in surface
        assert "How this is counted" in surface or "how its figures are counted" in surface
    assert "4,650" not in html  # no demo figure from elsewhere
    for surface in (html, str(data), str(rows), pdf_text):
        assert SECRET_EMAIL not in surface and "Private Person" not in surface
    assert "style=" not in html and "<script>" not in html.split("</head>")[1]


def test_pdf_is_a4_with_vector_charts_and_tables(client, edition, day_data, after_the_day):
    reader = pypdf.PdfReader(io.BytesIO(client.get("/2027/results/results.pdf").content))
    assert len(reader.pages) >= 5  # the cover, then events, stories, toolkit and reach
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        assert not page.images  # charts are drawn, not pasted in as pictures
    reach_page = next(p for p in reader.pages[1:] if "Reach of the hashtag" in p.extract_text())
    text = reach_page.extract_text()
    assert "Posts over the three days" in text and "Time" in text and "The Day 09:00" in text
    content = reach_page.get_contents().get_data()
    assert b" re" in content or b" l" in content  # rectangles and line segments


def test_editors_highlights_appear_everywhere(client, edition, after_the_day):
    edition.highlights = [
        ("quote", {"quote": "It gave me my Tuesdays back.", "attribution": "Walking group member"}),
        ("trending", {"position": "Trending 2nd", "where": "UK trends on X, 10:00"}),
        ("media", {"outlet": "Local radio", "headline": "Why GPs prescribe walks", "url": "https://radio.example.org/"}),
    ]
    edition.save_revision().publish()
    html = client.get("/2027/results/").content.decode()
    assert "It gave me my Tuesdays back." in html and "Trending 2nd" in html
    assert 'href="https://radio.example.org/"' in html
    pdf = pypdf.PdfReader(io.BytesIO(client.get("/2027/results/results.pdf").content))
    assert "Trending 2nd" in pdf.pages[0].extract_text()
    data = client.get("/2027/results/results.json").json()
    assert [h["kind"] for h in data["highlights"]] == ["quote", "trending", "media"]


def test_an_edition_without_content_says_so_in_past_tense(client, edition, after_the_day):
    html = client.get("/2027/results/").content.decode()
    assert "No events were listed for 2027." in html
    assert "No stories were shared for 2027." in html


def test_making_a_graphic_counts_one_set(client, edition):
    design = make_design(edition)
    assert post_graphic(client, design).status_code == 302
    report = build_report(edition, on=date(2027, 3, 20))
    assert figures(report, "toolkit")["graphics"] == 1
    assert Counter(dict(breakdown(report, "toolkit", "by_design"))) == Counter({design.name: 1})


def test_the_events_map_is_on_the_report_and_links_to_that_years_events(client, edition, day_data, after_the_day):
    html = client.get("/2027/results/").content.decode()
    assert "Where the in-person events were" in html and "event-map__svg" in html
    assert 'href="/events/past/?edition=2027&amp;country=GB-SCT"' in html
    assert "css/event-map" in html
    data = client.get("/2027/results/results.json").json()
    assert all("extra_context" not in s and "extra_template" not in s for s in data["sections"])
