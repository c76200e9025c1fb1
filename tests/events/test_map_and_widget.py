"""Where events are (the tile map, by nation and England's region) and the widget partners embed."""

from __future__ import annotations

import html as html_lib
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from events.embed import iframe_code
from events.maps import event_map
from events.models import EventPage
from events.regions import english_region

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("postcode, region", [
    ("LS5 3EH", "yorkshire"), ("ls53eh", "yorkshire"), ("M1 1AE", "north_west"), ("SW1A 1AA", "london"),
    ("EX1 1AA", "south_west"), ("B1 1AA", "west_midlands"), ("Leeds", ""), ("", ""), ("ZZ9 9ZZ", ""),
])
def test_region_from_the_postcode_area(postcode, region):
    assert english_region(postcode) == region


@pytest.fixture
def spread(event_index, edition_2027):
    start = timezone.now() + timedelta(days=20)
    return [
        make_event(event_index, title="Leeds walk", country="GB-ENG", postcode="LS5 3EH", start=start),
        make_event(event_index, title="Leeds talk", country="GB-ENG", postcode="LS6 1AA", start=start, event_type="talk"),
        make_event(event_index, title="London fair", country="GB-ENG", postcode="E1 6AN", start=start, event_type="fair",
                   organisation_name="Tower Hamlets Link Workers", address="Whitechapel Road", town="London"),
        make_event(event_index, title="Somewhere in England", country="GB-ENG", postcode="", start=start),
        make_event(event_index, title="Glasgow walk", country="GB-SCT", postcode="G1 1AA", start=start),
        make_event(event_index, title="Dublin walk", country="IE", postcode="D01", start=start),
        make_event(event_index, title="Webinar", format="online", country="", postcode="",
                   online_url="https://meet.example.org/x", start=start, event_type="webinar"),
        make_event(event_index, title="Pending", country="GB-ENG", postcode="LS1 1AA", start=start, live=False),
    ]


def test_the_map_counts_nations_regions_countries_and_online_apart(spread):
    tiles = {tile.key: tile for tile in event_map(EventPage.objects.live()).tiles}
    assert tiles["yorkshire"].count == 2 and tiles["london"].count == 1 and tiles["GB-SCT"].count == 1
    assert tiles["GB-WLS"].count == 0 and tiles["GB-WLS"].level == 0
    assert tiles["yorkshire"].level == 4 and tiles["london"].level == 2
    assert tiles["yorkshire"].url == "/events/?country=GB-ENG&region=yorkshire"
    assert tiles["GB-SCT"].url == "/events/?country=GB-SCT"
    whole = event_map(EventPage.objects.live())
    assert whole.england_unplaced.count == 1
    assert [(p.name, p.count) for p in whole.other_countries] == [("Ireland", 1)]
    assert whole.online == 1
    assert whole.placed + whole.online == EventPage.objects.live().count()


def test_the_listing_shows_the_map_and_each_tile_filters_it(client, spread):
    page = client.get("/events/").content.decode()
    assert "Where upcoming events are" in page and "event-map__svg" in page
    assert 'href="/events/?country=GB-ENG&amp;region=yorkshire"' in page
    filtered = client.get("/events/?country=GB-ENG&region=yorkshire").content.decode()
    assert "Leeds walk" in filtered and "Leeds talk" in filtered
    assert "London fair" not in filtered and "Glasgow walk" not in filtered
    assert "style=" not in page


def test_the_widget_is_framable_and_filtered(client, spread):
    response = client.get("/events/embed/?region=yorkshire&type=talk")
    body = response.content.decode()
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "Leeds talk" in body and "Leeds walk" not in body
    assert f'href="{settings.SITE_URL}/events/' in body and 'target="_blank"' in body
    assert "max-age=300" in response["Cache-Control"]
    by_organiser = client.get("/events/embed/?organiser=tower hamlets link workers").content.decode()
    assert "London fair" in by_organiser and "Leeds" not in by_organiser
    assert "Pending" not in client.get("/events/embed/?count=20").content.decode()
    # A bad value is ignored, as in the listing: the widget never breaks a partner's page.
    assert client.get("/events/embed/?count=abc&region=nowhere").status_code == 200


def test_the_widget_shows_only_as_many_as_asked(client, spread):
    body = client.get("/events/embed/?count=2").content.decode()
    assert body.count('class="event-embed__event"') == 2


def test_the_builder_gives_iframe_code_with_a_plain_link_inside(client, spread):
    response = client.get("/events/embed/build/?region=london&type=fair&count=3")
    page = response.content.decode()
    assert response.status_code == 200
    code = html_lib.unescape(page.split('id="embed-code"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0])
    assert code.startswith(f'<iframe src="{settings.SITE_URL}/events/embed/?region=london&amp;type=fair&amp;count=3"')
    assert '<a href="' in code and "</iframe>" in code
    assert 'src="/events/embed/?region=london&amp;type=fair&amp;count=3"' in page  # the preview
    assert 'for="embed-code"' in page


def test_iframe_code_escapes_what_partners_typed():
    code = iframe_code({"organiser": '"><script>alert(1)</script>'})
    assert "<script>" not in code
