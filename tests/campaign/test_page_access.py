"""Privacy an editor sets on a page applies at once, although each worker remembers that no
page was private (campaign.page_access): with the worker's memory on and off, for a visitor
the page cache serves and one it cannot, on the page and on the pages below it.
"""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, get_page_models

from campaign.page_access import ViewRestrictionsMixin
from events.setup import ensure_event_index
from stories.setup import ensure_story_section
from tests.events.factories import make_event
from tests.factories import ContentPageFactory, EditionPageFactory
from tests.stories.factories import published_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    about = ContentPageFactory(parent=home_page, title="About the Day", slug="about")
    ContentPageFactory(parent=about, title="Our team", slug="team")
    return about


@pytest.fixture(params=["with a session", "without"])
def reader(request, content_cache):
    """Someone reading the site: with a session cookie (never served from the page cache) or without."""
    reader = Client()
    if request.param == "with a session":
        reader.cookies["sessionid"] = "not-a-real-session"
    return reader


def set_privacy(admin_client, page, **form) -> None:
    """What the editor's "Privacy" dialog in the Wagtail page editor posts."""
    response = admin_client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), form)
    assert response.status_code == 200 and b"set_privacy_done" in response.content


def shows(reader, path: str, text: str) -> bool:
    response = reader.get(path)
    return response.status_code == 200 and text in response.content.decode()


def test_a_password_set_by_an_editor_guards_the_page_and_those_below_it_at_once(reader, admin_client, about):
    for _ in range(2):  # the second time from the worker's memory and the page cache, when they are on
        assert shows(reader, "/about/", "About the Day") and shows(reader, "/about/team/", "Our team")

    set_privacy(admin_client, about, restriction_type="password", password="walking-group-2027")
    for path in ("/about/", "/about/team/"):
        response = reader.get(path)
        html = response.content.decode()
        assert 'name="password"' in html and "Our team" not in html and "About the Day" not in html, path
    form_action = re.search(r'action="(/_util/authenticate_with_password/[^"]+)"', reader.get("/about/team/").content.decode()).group(1)
    reader.post(form_action, {"password": "walking-group-2027", "return_url": "/about/team/"})
    assert shows(reader, "/about/team/", "Our team")  # who knows the password gets in

    set_privacy(admin_client, about, restriction_type="none")
    assert shows(reader, "/about/", "About the Day") and shows(reader, "/about/team/", "Our team")


def test_a_page_for_signed_in_users_sends_others_to_sign_in(reader, admin_client, about):
    assert shows(reader, "/about/team/", "Our team")
    set_privacy(admin_client, about, restriction_type="login")
    response = reader.get("/about/team/")
    assert response.status_code == 302 and "next=/about/team/" in response["Location"]
    assert shows(admin_client, "/about/team/", "Our team")  # the editor is signed in


@pytest.fixture
def listed(home_page):
    """An event and a story, each found in its listing, its feed and site search."""
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    event = make_event(ensure_event_index(), title="Lantern walk by the canal", start=timezone.now() + timedelta(days=3))
    story = published_story(ensure_story_section(), title="Lantern making with my neighbours")
    return {"event": event, "story": story}


def test_a_page_made_private_leaves_listings_feeds_and_search_at_once(reader, admin_client, listed):
    places = {
        "event": ["/events/", "/events/feed.rss", "/events/embed/", "/search/?q=lantern"],
        "story": ["/stories/", "/stories/feed/", "/search/?q=lantern"],
    }
    for name, page in listed.items():
        for _ in range(2):  # the second time from the worker's memory and the page cache, when they are on
            assert all(shows(reader, path, page.title) for path in places[name]), name
    for name, page in listed.items():
        set_privacy(admin_client, page, restriction_type="password", password="lanterns")
        for path in places[name]:
            assert not shows(reader, path, page.title), (name, path)
        set_privacy(admin_client, page, restriction_type="none")
        assert all(shows(reader, path, page.title) for path in places[name]), name


def test_no_privacy_query_while_no_page_is_private(content_cache, visitor, about):
    visitor.get("/about/team/")
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get("/about/team/").status_code == 200
    privacy = [q["sql"] for q in queries if "pageviewrestriction" in q["sql"]]
    assert len(privacy) == (0 if content_cache else 1)  # without the memory: one "is any page private?"


def test_every_page_type_checks_privacy_the_quick_way():
    ours = [model for model in get_page_models() if model is not Page and model.__module__.split(".")[0] != "wagtail"]
    assert ours and all(issubclass(model, ViewRestrictionsMixin) for model in ours)
