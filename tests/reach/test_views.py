import csv
import io
from datetime import date

import pytest
from django.db import connection

from campaign.reach.models import ManualFigure, Tracking
from campaign.reach.store import store_posts
from tests.factories import EditionPageFactory

from .factories import author, post

pytestmark = pytest.mark.django_db


def fill(tracking, count, start=0):
    posts = [post(start + i, i % 37, hour=8 + i % 10, likes=i % 7, impressions=i) for i in range(count)]
    store_posts(tracking, "x", posts, [author(i, location="Cardiff") for i in range(37)])


@pytest.fixture
def previous(home_page):
    edition = EditionPageFactory(parent=home_page, year=2026, day=date(2026, 3, 12))
    tracking = Tracking.objects.create(edition=edition)
    p = post(9000, 1, hour=11)
    store_posts(tracking, "x", [p.__class__(**{**p.__dict__, "created_at": p.created_at.replace(year=2026)})], [author(1)])
    return edition


def test_stats_page_shows_figures_notes_chart_and_tables(client, tracking, previous):
    fill(tracking, 20)
    ManualFigure.objects.create(edition=tracking.edition, network="linkedin", as_of=date(2027, 3, 19), posts=40, reach=9000)
    response = client.get("/2027/stats/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "How this is counted" in html and "sum of the followers of every unique contributor" in html
    assert "<svg" in html and 'data-series-year="2026"' in html and 'data-series-year="2027"' in html
    assert "Posts by hour as a table" in html and "Entered by hand" in html
    assert 'data-figure="posts">60<' in html  # 20 read + 40 entered by hand
    assert "style=" not in html and "<script>" not in html
    assert "Open the original post" in html and "https://example.org/p" in html
    assert "Demo" not in html.split("<main", 1)[1].split("Headline figures")[0]


def test_current_edition_at_stats_and_unknown_year_is_404(client, tracking):
    assert client.get("/stats/").status_code == 200
    assert client.get("/1999/stats/").status_code == 404


def test_demo_data_is_labelled(client, tracking):
    tracking.data_source = "demo"
    tracking.save()
    html = client.get("/2027/stats/").content.decode()
    assert "synthetic demo data" in html
    assert client.get("/2027/stats/data.json").json()["data_source"] == "demo"


def test_data_json_has_the_documented_fields_and_is_cached_briefly(client, tracking, django_capture_on_commit_callbacks):
    fill(tracking, 5)
    response = client.get("/2027/stats/data.json")
    data = response.json()
    assert "max-age=30" in response["Cache-Control"]
    assert set(data) >= {"edition", "data_source", "generated_at", "last_updated", "totals", "notes", "networks",
                         "countries", "languages", "timeline", "top_posts", "top_contributors", "x_volume"}
    assert data["totals"]["posts"] == 5 and data["totals"]["countries"] == 1
    assert len(data["timeline"]["hours"]) == 72 and data["timeline"]["series"][0]["year"] == 2027
    assert sum(data["timeline"]["series"][0]["posts"]) == 5
    assert data["top_posts"][0]["url"].startswith("https://")
    # New posts show at once: storing clears the cached figures.
    with django_capture_on_commit_callbacks(execute=True):
        fill(tracking, 3, start=100)
    assert client.get("/2027/stats/data.json").json()["totals"]["posts"] == 8


def test_nothing_private_is_published(client, tracking):
    fill(tracking, 3)
    response = client.get("/2027/stats/data.json")
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(response.json())
    assert "location" not in keys and "Cardiff" not in response.content.decode()  # only a country code


def test_export_csv_has_hourly_rows_per_network(client, tracking):
    fill(tracking, 12)
    ManualFigure.objects.create(edition=tracking.edition, network="instagram", as_of=date(2027, 3, 19), posts=7)
    response = client.get("/2027/stats/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["hour_utc", "network", "source", "posts"]
    api = [r for r in rows[1:] if r[2] == "api"]
    assert sum(int(r[3]) for r in api) == 12 and all(r[1] == "x" for r in api)
    assert rows[-1][:4] == ["2027-03-19", "instagram", "entered by hand", "7"]


def test_embed_may_be_framed_by_other_sites_but_the_page_may_not(client, tracking):
    embed = client.get("/2027/stats/embed/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    page = client.get("/2027/stats/")
    assert page["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in page["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/2027/stats/", "/2027/stats/data.json", "/2027/stats/export.csv", "/2027/stats/embed/"])
def test_every_endpoint_costs_the_same_queries_for_10_or_500_posts(client, tracking, previous, url):
    from django.core.cache import cache

    def count_queries():
        cache.clear()
        seen = []
        # An execute wrapper sees every query, even across the request_started reset of connection.queries.
        with connection.execute_wrapper(lambda execute, sql, params, many, context: seen.append(sql) or execute(sql, params, many, context)):
            assert client.get(url).status_code == 200
        return seen

    fill(tracking, 10)
    count_queries()  # warm up site settings and the like
    small = count_queries()
    fill(tracking, 490, start=10)
    large = count_queries()
    assert len(small) == len(large)
    assert 3 <= len(large) <= 20


def test_edition_page_links_to_its_stats(client, tracking):
    html = client.get(tracking.edition.url).content.decode()
    assert "/2027/stats/" in html


def test_home_page_points_to_the_live_reach(client, tracking):
    html = client.get("/").content.decode()
    assert "Follow the hashtag live" in html and 'href="/stats/"' in html
