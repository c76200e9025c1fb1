"""Supporters: a snippet editors order, shown with logos and links on the edition page."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaign.editions import demo
from campaign.editions.models import Supporter, supporters_of
from tests.factories import EditionPageFactory
from tests.toolkit.factories import make_image, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))


def test_edition_page_shows_its_supporters_in_order_with_logos_and_links(client, home_page, edition):
    other = EditionPageFactory(parent=home_page, year=2026, day=date(2026, 3, 12))
    logo = make_image("Greenway logo", png_bytes((400, 200)))
    Supporter.objects.create(name="Greenway Gardens", logo=logo, url="https://greenway.example/", sort_order=2, edition=edition)
    Supporter.objects.create(name="Every Year Trust", about="Backs the Day every year", sort_order=1)
    Supporter.objects.create(name="Only in 2026", sort_order=0, edition=other)
    assert [s.name for s in supporters_of(edition)] == ["Every Year Trust", "Greenway Gardens"]

    html = client.get("/2027/").content.decode()
    assert 'id="supporters-heading">Supported by</h2>' in html
    assert html.index("Every Year Trust") < html.index("Greenway Gardens")
    assert "Only in 2026" not in html
    assert '<a class="supporter__link" href="https://greenway.example/" rel="noopener">' in html
    assert 'class="supporter__logo"' in html and 'alt=""' in html  # the name beside it is the link text
    assert "Backs the Day every year" in html
    assert "made up for the demo site" not in html
    assert "Only in 2026" in client.get("/2026/").content.decode()


def test_no_supporters_no_section(client, edition):
    assert "supporters-heading" not in client.get("/2027/").content.decode()


def test_editors_add_and_reorder_supporters_in_the_admin(admin_client, edition):
    listing = reverse("wagtailsnippets_campaign_supporter:list")
    response = admin_client.post(reverse("wagtailsnippets_campaign_supporter:add"), {
        "name": "Harbour Walking Friends", "url": "https://harbour.example/", "about": "Weekly walks",
        "edition": edition.pk,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    first = Supporter.objects.get(name="Harbour Walking Friends")
    second = Supporter.objects.create(name="Oakvale Choir", sort_order=(first.sort_order or 0) + 1)
    assert [s.name for s in supporters_of(edition)] == ["Harbour Walking Friends", "Oakvale Choir"]
    # Wagtail's reorder view (drag and drop in the listing) moves the second to the top.
    response = admin_client.post(reverse("wagtailsnippets_campaign_supporter:reorder", args=[second.pk]) + "?position=0")
    assert response.status_code == 200
    assert [s.name for s in supporters_of(edition)] == ["Oakvale Choir", "Harbour Walking Friends"]
    assert admin_client.get(listing).status_code == 200


def test_demo_supporters_are_labelled_as_demo(client, monkeypatch):
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    supporters = list(Supporter.objects.all())
    assert len(supporters) == len(demo.DEMO_SUPPORTERS)
    assert all(s.is_demo and s.logo_id and s.url.endswith(".example/") and s.about.startswith("Demo:") for s in supporters)
    html = client.get("/2027/").content.decode()
    assert "These supporters are made up for the demo site" in html
    assert "Riverside Link Worker Network" in html
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    assert Supporter.objects.count() == len(supporters)
