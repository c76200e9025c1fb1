"""What calendar apps and search engines read from an event: its .ics, its add-to-calendar
links and its JSON-LD, checked field by field as those clients read them."""

from __future__ import annotations

import importlib
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site, WorkflowState

from events.models import EventPage
from events.submissions import management_token
from tests.events.factories import make_event
from tests.events.helpers import form_data
from tests.html_checker import html_errors

SITE = "https://www.socialprescribingday.example"
ZOOM = "https://us02web.zoom.us/j/123456789"
REGISTER = "https://tickets.example.org/register/spd"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]


def _json_ld(response) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(block)


def _vevent(client, event):
    response = client.get(f"/events/{event.slug}/calendar.ics")
    assert response.status_code == 200
    [vevent] = Calendar.from_ical(response.content).walk("VEVENT")
    return vevent


def _calendar_links(response) -> dict[str, dict[str, list[str]]]:
    html = response.content.decode()
    links = {}
    for name, host in (("google", "calendar.google.com"), ("outlook", "outlook.live.com")):
        found = re.findall(rf'href="(https://{re.escape(host)}[^"]+)"', html)
        if found:
            links[name] = parse_qs(urlsplit(found[0].replace("&amp;", "&")).query)
    return links


@pytest.mark.django_db
def test_a_public_joining_link_is_the_calendars_conference_and_in_every_description(client, event_index):
    event = make_event(event_index, title="Link workers' webinar", format="online", online_url=ZOOM,
                       online_link_kind="joining", venue_name="", address="", town="", postcode="", country="")
    vevent = _vevent(client, event)
    conference = vevent["CONFERENCE"]
    assert str(conference) == ZOOM
    assert conference.params["VALUE"] == "URI"
    assert "VIDEO" in conference.params["FEATURE"]
    assert f"Join online: {ZOOM}" in str(vevent["DESCRIPTION"])
    assert str(vevent["URL"]) == f"{SITE}/events/{event.slug}/"
    assert f"Details: {SITE}/events/{event.slug}/" in str(vevent["DESCRIPTION"])

    response = client.get(event.url, HTTP_HOST="localhost")
    links = _calendar_links(response)
    assert f"Join online: {ZOOM}" in links["google"]["details"][0]
    assert f"Join online: {ZOOM}" in links["outlook"]["body"][0]
    assert f"{SITE}/events/{event.slug}/" in links["google"]["details"][0]
    assert "Join online" in response.content.decode()
    assert _json_ld(response)["offers"]["url"] == f"{SITE}/events/{event.slug}/"


@pytest.mark.django_db
def test_a_registration_link_is_never_given_out_as_the_joining_link(client, event_index):
    event = make_event(event_index, title="Hybrid talk", format="hybrid", online_url=REGISTER,
                       online_link_kind="registration")
    vevent = _vevent(client, event)
    assert "CONFERENCE" not in vevent
    assert "Join online" not in str(vevent["DESCRIPTION"])
    assert f"Register to get the joining link: {REGISTER}" in str(vevent["DESCRIPTION"])

    response = client.get(event.url)
    links = _calendar_links(response)
    assert "Join online" not in links["google"]["details"][0]
    assert "Join online" not in links["outlook"]["body"][0]
    html = response.content.decode()
    assert "Register online" in html and "sends the joining link to the people who register" in html
    assert _json_ld(response)["offers"]["url"] == REGISTER


@pytest.mark.django_db
def test_a_cancelled_event_offers_no_calendar_buttons_and_is_not_on_sale(client, event_index):
    event = make_event(event_index, title="Cancelled walk", cancelled=True, format="hybrid", online_url=ZOOM,
                       online_link_kind="joining")
    response = client.get(event.url)
    html = response.content.decode()
    assert "Add to calendar" not in html
    assert _calendar_links(response) == {}
    assert "calendar.ics" not in html
    data = _json_ld(response)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["offers"]["availability"] != "https://schema.org/InStock"
    vevent = _vevent(client, event)  # subscribed calendars still learn it is cancelled
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "CONFERENCE" not in vevent


@pytest.mark.django_db
def test_json_ld_has_googles_recommended_event_fields(client, event_index, edition_2027):
    edition_2027.hero_image = get_image_model().objects.create(title="Day", file=get_test_image_file())
    edition_2027.save_revision().publish()
    event = make_event(
        event_index, title="Dublin coffee morning", edition=edition_2027, time_zone="Europe/Dublin",
        venue_name="Pearse Street Library", address="138–144 Pearse Street", town="Dublin", postcode="D02 HE37",
        country="IE", is_free=False, price_amount=Decimal("12.50"), currency="EUR", price="concessions €6",
        organisation_name="Dublin Link Workers", organisation_website="https://links.example.ie/",
    )
    data = _json_ld(client.get(event.url, HTTP_HOST="localhost"))
    assert data["url"] == f"{SITE}/events/{event.slug}/"
    address = data["location"]["address"]
    assert address == {
        "@type": "PostalAddress", "streetAddress": "138–144 Pearse Street", "addressLocality": "Dublin",
        "postalCode": "D02 HE37", "addressCountry": "IE",
    }
    offer = data["offers"]
    assert offer["price"] == 12.5 and isinstance(offer["price"], float)
    assert offer["priceCurrency"] == "EUR"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["description"] == "concessions €6"
    assert data["organizer"] == {"@type": "Organization", "name": "Dublin Link Workers",
                                 "url": "https://links.example.ie/"}
    [image] = data["image"]
    assert image.startswith(f"{SITE}/") and ".fill-1200x630" in image  # the edition's share image
    assert data["startDate"].endswith(("+00:00", "+01:00"))


@pytest.mark.django_db
def test_json_ld_prefers_the_events_own_image_and_prices_a_free_uk_event_in_pounds(client, event_index):
    image = get_image_model().objects.create(title="Walk", file=get_test_image_file())
    event = make_event(event_index, title="Canal walk", image=image, image_alt_text="Walkers by the canal")
    data = _json_ld(client.get(event.url))
    [url] = data["image"]
    assert url.startswith(f"{SITE}/") and url.endswith(image.get_rendition("fill-1200x630").url.rsplit("/", 1)[1])
    assert data["offers"]["price"] == 0 and data["offers"]["priceCurrency"] == "GBP"
    assert data["location"]["address"]["addressLocality"] == "Leeds"
    assert data["location"]["address"]["addressRegion"] == "England"


@pytest.mark.django_db
def test_a_free_event_outside_the_uk_is_not_priced_in_pounds(client, event_index):
    event = make_event(event_index, title="Toronto lunch", time_zone="America/Toronto", venue_name="Hall",
                       address="168 Bathurst Street", town="Toronto", postcode="M5V 2R4", country="CA")
    assert _json_ld(client.get(event.url))["offers"]["priceCurrency"] == "CAD"


@pytest.mark.django_db
def test_an_event_abroad_shows_its_own_time_and_uk_time_and_leaves_the_visitors_to_a_script(client, event_index):
    start = datetime(2027, 3, 12, 17, 0, tzinfo=UTC)  # 12:00 in Toronto, 17:00 in London
    event = make_event(event_index, title="Toronto lunch and learn", start=start,
                       end=start.replace(hour=18), time_zone="America/Toronto", venue_name="Hall",
                       address="168 Bathurst Street", town="Toronto", postcode="M5V 2R4", country="CA")
    html = client.get(event.url).content.decode()
    assert "Friday 12 March 2027, 12:00–13:00 EST" in html
    assert "UK time: Friday 12 March 2027, 17:00–18:00 GMT" in html
    assert 'data-visitor-time data-start="2027-03-12T12:00:00-05:00" data-end="2027-03-12T13:00:00-05:00"' in html
    assert 'data-zone="America/Toronto" hidden' in html
    assert re.search(r'<script src="/static/js/event-times(\.[0-9a-f]+)?\.js" defer>', html)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert all('type="application/ld+json"' in attrs or (not body.strip() and "src=" in attrs)
               for attrs, body in scripts)  # no inline script

    london = make_event(event_index, title="Leeds walk")
    assert "UK time:" not in client.get(london.url).content.decode()


@pytest.mark.django_db
def test_the_events_pages_are_valid_html(client, event_index, edition_2027):
    """The Nu Html Checker finds no error on an event, the listings, the form and the private pages."""
    event = make_event(event_index, title="Hybrid talk & questions", format="hybrid", online_url=ZOOM,
                       online_link_kind="joining", time_zone="Europe/Paris", country="FR", town="Paris",
                       address="1 rue de Rivoli", postcode="75001", is_free=False, price_amount=Decimal("5"),
                       currency="EUR", submission={})
    make_event(event_index, title="Cancelled walk", cancelled=True)
    token = management_token(event.submission)
    pages = {}
    for path in ["/events/", "/events/?type=walk&free=on", "/events/past/", "/events/submit/", event.url,
                 f"/events/manage/{token}/", f"/events/manage/{token}/edit/", f"/events/manage/{token}/cancel/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    invalid = client.post("/events/submit/", form_data(is_free=None, town="", title=""))
    pages["/events/submit/ with errors"] = invalid.content.decode()
    assert html_errors(pages) == []


@pytest.mark.django_db
def test_the_form_takes_a_price_in_the_organisers_own_currency_and_what_the_link_is(client, event_index):
    response = client.post("/events/submit/", form_data(
        format="hybrid", online_url="https://meet.example.org/spd", online_link_kind="joining", is_free=None,
        price_amount="12.50", currency="EUR", price="concessions €6", country="IE", town="Dublin",
        time_zone="Europe/Dublin",
    ))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(title="Wellbeing walk by the canal")
    assert (event.price_amount, event.currency, event.price) == (Decimal("12.50"), "EUR", "concessions €6")
    assert event.online_link_kind == "joining" and event.town == "Dublin"
    assert event.cost_text == "€12.50; concessions €6"


@pytest.mark.django_db
def test_the_form_shows_price_and_currency_errors_on_their_fields(client, event_index):
    response = client.post("/events/submit/", form_data(is_free=None, price_amount="", currency=""))
    html = response.content.decode()
    form = response.context["form"]
    assert set(form.errors) == {"price_amount", "currency"}
    for name in ("price_amount", "currency"):
        assert f'<div id="div_id_{name}" class="field field--invalid">' in html
    assert "Give the price of a place in numbers" in html and "Choose the currency people pay in." in html


def test_existing_events_are_filled_from_what_they_already_say():
    filled = importlib.import_module("events.migrations.0005_fill_address_price_and_joining_link").filled
    assert filled({"format": "in_person", "address": "Abbey Road\nKirkstall, Leeds", "is_free": False,
                   "price": "£5, concessions £2", "country": "GB-ENG", "online_url": ""}) == {
        "address": "Abbey Road", "town": "Kirkstall, Leeds", "price_amount": Decimal("5"),
        "price": "concessions £2", "currency": "GBP"}
    assert filled({"format": "hybrid", "address": "168 Bathurst Street\nToronto, ON", "is_free": False,
                   "price": "$20", "country": "CA", "online_url": ZOOM}) == {
        "address": "168 Bathurst Street", "town": "Toronto, ON", "price_amount": Decimal("20"), "price": "",
        "currency": "CAD", "online_link_kind": "joining"}
    # No amount to read, a registration page, a one-line address: left for a person to complete.
    assert filled({"format": "in_person", "address": "Abbey Road", "is_free": False, "price": "Donations welcome",
                   "country": "GB-ENG", "online_url": REGISTER}) == {}


@pytest.mark.django_db
def test_the_listed_email_links_to_the_public_address_whatever_the_site_record_says(
    client, admin_client, event_index, django_capture_on_commit_callbacks
):
    Site.objects.update(hostname="localhost", port=80)  # a Site record not yet following SITE_URL
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/events/submit/", form_data(title="Canal walk for the Day"))
    event = EventPage.objects.get(title="Canal walk for the Day")
    state = WorkflowState.objects.for_instance(event).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", state.current_task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"comment": ""})
    [listed] = [m for m in mail.outbox if m.subject.startswith("Your event is listed")]
    links = re.findall(r"https?://\S+", listed.body)
    assert f"{SITE}/events/{event.slug}/" in links
    assert links and all(link.startswith(f"{SITE}/") or link == SITE for link in links), links


@pytest.mark.django_db
def test_every_address_of_the_site_in_the_calendar_feed_is_the_public_one(client, event_index):
    """Asked on another host name, the feed still gives SITE_URL; other links are the organisers' own."""
    walk = make_event(event_index, title="Canal walk", description="A gentle walk.")
    webinar = make_event(event_index, title="Webinar", format="online", online_url=ZOOM, online_link_kind="joining",
                         venue_name="", address="", town="", postcode="", country="", description="Talks.")
    body = client.get("/events/feed.ics", HTTP_HOST="internal-lb.example.net").content.decode()
    unfolded = body.replace("\r\n ", "")
    urls = set(re.findall(r"https?://[^\s\\,;]+", unfolded))
    assert {f"{SITE}/events/{walk.slug}/", f"{SITE}/events/{webinar.slug}/", ZOOM} <= urls
    assert all(url.startswith(f"{SITE}/") or url == ZOOM for url in urls), urls
    [uid] = {str(e["UID"]).split("@")[1] for e in Calendar.from_ical(body).walk("VEVENT")}
    assert uid == "www.socialprescribingday.example"


@pytest.mark.django_db
def test_an_event_names_its_day_only_while_that_edition_is_live(client, event_index, edition_2027, settings):
    """Its edition comes from the kept list of live editions (EventPage.public_edition): no
    query for it, nor for its share image, and never a link to an edition taken down."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    client.cookies["sessionid"] = "not-a-real-session"  # renders every time
    edition_2027.hero_image = get_image_model().objects.create(title="Day", file=get_test_image_file())
    edition_2027.save_revision().publish()
    event = make_event(event_index, title="Canal walk", edition=edition_2027)
    html = client.get(event.url).content.decode()
    assert f'<dd><a href="/2027/">{edition_2027.title}</a></dd>' in html
    [image] = _json_ld(client.get(event.url))["image"]
    assert ".fill-1200x630" in image  # the edition's share image
    edition_2027.unpublish()
    response = client.get(event.url)
    assert "Part of" not in response.content.decode() and "image" not in _json_ld(response)
