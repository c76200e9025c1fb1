from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from events import demo
from events.models import EventIndexPage, EventPage
from tests.events.factories import make_event


@pytest.mark.django_db
def test_edition_page_shows_how_many_events_are_listed(client, event_index, edition_2027):
    make_event(event_index, title="A", edition=edition_2027)
    make_event(event_index, title="B", edition=edition_2027)
    make_event(event_index, title="Not yet approved", live=False, edition=edition_2027)
    html = client.get(edition_2027.url).content.decode()
    assert "2 events listed for 2027" in html
    assert 'href="/events/?edition=2027"' in html
    listing = client.get("/events/?edition=2027")
    assert listing.context["event_count"] == 2


@pytest.mark.django_db
def test_home_page_shows_upcoming_events(client, event_index, home_page):
    make_event(event_index, title="Coming soon coffee morning", start=timezone.now() + timedelta(days=2))
    html = client.get("/").content.decode()
    assert "Coming soon coffee morning" in html
    assert "/events/submit/" in html


@pytest.mark.django_db
def test_demo_events_are_labelled_published_and_idempotent(home_page, edition_2027):
    demo.load(StringIO())
    count = EventPage.objects.count()
    assert count >= 20
    assert EventIndexPage.objects.get().get_workflow().name == "Event listings"
    assert all(e.is_demo and e.live for e in EventPage.objects.all())
    assert EventPage.objects.filter(edition=edition_2027).count() >= 15
    assert EventPage.objects.filter(format="online").exists()
    assert EventPage.objects.exclude(country__startswith="GB").exclude(country="").exists()
    demo.load(StringIO())
    assert EventPage.objects.count() == count


@pytest.mark.django_db
def test_setup_events_command_creates_the_index_once(home_page):
    from django.core.management import call_command

    call_command("setup_events", stdout=StringIO())
    call_command("setup_events", stdout=StringIO())
    assert EventIndexPage.objects.count() == 1
    assert EventIndexPage.objects.get().url_path.endswith("/events/")
