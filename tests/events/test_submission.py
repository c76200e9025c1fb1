import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from campaign.submissions import antispam
from events.models import EventPage, EventSubmission
from tests.events.helpers import form_data, png_bytes, upload, wall_clock

SUBMIT = "/events/submit/"


@pytest.fixture
def moderator_emails(settings):
    settings.MODERATOR_EMAILS = ["moderators@example.org"]


@pytest.mark.django_db
def test_the_form_renders_with_fieldsets_labels_and_the_spam_guards(client, event_index):
    response = client.get(SUBMIT)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") >= 6
    for label in ["Event title", "Your email address", "Joining or registration link", "Describe the image"]:
        assert label in html
    assert 'name="website_address"' in html and 'name="form_started"' in html
    assert "<script>" not in html and " style=" not in html


@pytest.mark.django_db
def test_a_submission_waits_for_moderation_and_emails_organiser_and_moderators(
    client, event_index, moderator_emails, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT, form_data())
    assert response.status_code == 302 and response.url == reverse("events:submitted")
    event = EventPage.objects.get()
    assert not event.live
    assert event.get_parent().pk == event_index.pk
    assert event.edition.year == 2027  # the current edition, as no edition exists for the event's year
    state = WorkflowState.objects.for_instance(event).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Event listings"
    assert event.start_date is not None
    submission = EventSubmission.objects.get()
    assert submission.contact_email == "ada.organiser@example.org"
    # The private contact is not in the page's revision.
    revision_json = str(event.get_latest_revision().content)
    assert "ada.organiser@example.org" not in revision_json and "Ada Organiser" not in revision_json
    subjects = {m.to[0]: m for m in mail.outbox}
    organiser = subjects["ada.organiser@example.org"]
    assert "/events/manage/" in organiser.body
    moderators = subjects["moderators@example.org"]
    assert "ada.organiser@example.org" not in moderators.body and "Ada Organiser" not in moderators.body
    assert f"/admin/pages/{event.pk}/edit/" in moderators.body
    follow = client.get(reverse("events:submitted"))
    assert "Wellbeing walk by the canal" in follow.content.decode()


@pytest.mark.django_db
def test_nothing_submitted_is_public_before_approval(client, event_index):
    client.post(SUBMIT, form_data(title="Secret pending walk"))
    event = EventPage.objects.get()
    assert client.get("/events/").content.decode().count("Secret pending walk") == 0
    assert client.get(f"/events/{event.slug}/").status_code == 404
    assert client.get(f"/events/{event.slug}/calendar.ics").status_code == 404
    assert b"Secret pending walk" not in client.get("/events/feed.ics").content
    assert b"Secret pending walk" not in client.get("/events/feed.rss").content
    assert b"Secret pending walk" not in client.get("/search/?q=Secret").content
    assert event.slug.encode() not in client.get("/sitemap.xml").content


BAD_INPUT = [
    ({"end": wall_clock(40, 9)}, "end", "after the start"),
    ({"end": wall_clock(60, 9)}, "end", "14 days"),
    ({"start": wall_clock(-3, 9), "end": wall_clock(-3, 10)}, "start", "in the past"),
    ({"start": wall_clock(800, 9), "end": wall_clock(800, 10)}, "start", "2 years ahead"),
    ({"format": "online"}, "online_url", "joining or registration link"),
    ({"venue_name": ""}, "venue_name", "venue name"),
    ({"organisation_website": "not a web address"}, "organisation_website", "valid URL"),
    ({"online_url": "javascript:alert(1)", "format": "hybrid"}, "online_url", "valid URL"),
    ({"contact_email": "ada@"}, "contact_email", "valid email"),
    ({"title": "x" * 121}, "title", "at most 120"),
    ({"description": "word " * 1001}, "description", "at most 5000"),
    ({"description": " ".join(f"https://spam{i}.example.com" for i in range(6))}, "description", "no more than 5"),
    ({"agree_terms": None}, "agree_terms", "agree to the listing terms"),
    ({"start": "2027-03-28T01:30", "end": "2027-03-28T03:30"}, "start", "clocks go forward"),
    ({"is_free": None}, "price_amount", "price of a place in numbers"),
    ({"is_free": None, "price_amount": "5"}, "currency", "currency people pay in"),
    ({"is_free": None, "price_amount": "five pounds", "currency": "GBP"}, "price_amount", "Enter a number"),
    ({"town": ""}, "town", "town or city"),
    ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "field", "words"), BAD_INPUT)
def test_bad_input_gets_a_message_on_the_field_and_nothing_is_saved(client, event_index, changes, field, words):
    response = client.post(SUBMIT, form_data(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert words in " ".join(form.errors[field])
    assert EventPage.objects.count() == 0 and EventSubmission.objects.count() == 0
    html = response.content.decode()
    assert 'id="error-summary"' in html
    # What the organiser typed is kept.
    assert "Kirkstall Community Walks" in html


def _bomb() -> bytes:
    return png_bytes(size=(12000, 12000), mode="1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "words"),
    [
        (lambda: upload("notes.png", b"this is not an image"), "not an image"),
        (lambda: upload("huge.png", b"\x89PNG" + b"0" * (9 * 1024 * 1024)), "too large"),
        (lambda: upload("bomb.png", _bomb()), "pixels"),
        (lambda: upload("pic.bmp", png_bytes(fmt="BMP"), "image/bmp"), "not accepted"),
    ],
)
def test_bad_images_are_refused(client, event_index, file, words):
    response = client.post(SUBMIT, {**form_data(image_alt="A photo"), "image": file()})
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors["image"])
    assert EventPage.objects.count() == 0


@pytest.mark.django_db
def test_an_image_needs_a_description(client, event_index):
    response = client.post(SUBMIT, {**form_data(), "image": upload()})
    assert "image_alt" in response.context["form"].errors


@pytest.mark.django_db
def test_a_good_image_is_cleaned_and_stored_with_its_alt_text(client, event_index):
    response = client.post(SUBMIT, {**form_data(image_alt="Walkers on a towpath"), "image": upload()})
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.image_alt_text == "Walkers on a towpath"
    assert event.image.description == "" and "Wellbeing walk" not in event.image.title
    assert event.image.file.name.endswith(".jpg")


@pytest.mark.django_db
def test_honeypot_and_too_fast_submissions_are_refused(client, event_index):
    response = client.post(SUBMIT, form_data(website_address="http://spam.example"))
    assert response.status_code == 200 and EventPage.objects.count() == 0
    response = client.post(SUBMIT, form_data(form_started=antispam.signed_form_start(seconds_ago=0)))
    assert response.status_code == 200 and EventPage.objects.count() == 0
    assert "very quick" in response.content.decode()


@pytest.mark.django_db
def test_submissions_are_rate_limited_per_client(client, event_index, settings):
    settings.EVENTS_SUBMIT_RATE_LIMIT = (2, 3600)
    for n in range(2):
        assert client.post(SUBMIT, form_data(title=f"Walk {n}")).status_code == 302
    response = client.post(SUBMIT, form_data(title="Walk 3"))
    assert response.status_code == 429
    assert "wait a while" in response.content.decode()
    assert EventPage.objects.count() == 2


@pytest.mark.django_db
def test_online_event_in_another_zone(client, event_index):
    response = client.post(SUBMIT, form_data(
        format="online", online_url="https://meet.example.org/abc", venue_name="", address="", postcode="",
        country="", time_zone="America/New_York",
    ))
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.time_zone == "America/New_York"
    assert event.local_start.hour == 10
    assert event.start.utcoffset().total_seconds() == 0


@pytest.mark.django_db
def test_the_image_description_is_reviewed_on_the_page_and_used_publicly(client, event_index):
    client.post(SUBMIT, {**form_data(image_alt="Sarah Jones leading the walk"), "image": upload()})
    event = EventPage.objects.get()
    assert event.image.description == "" and event.image.title.startswith("Event image ")
    draft = event.get_latest_revision_as_object()
    draft.image_alt_text = "A walk leader on the towpath"
    draft.save_revision().publish()
    html = client.get(event.url).content.decode()
    assert "Sarah Jones" not in html
    assert 'alt="A walk leader on the towpath"' in html
    assert '<meta property="og:image:alt" content="A walk leader on the towpath">' in html


@pytest.mark.django_db
def test_the_review_panel_shows_and_flags_the_image_description(client, admin_client, event_index):
    client.post(SUBMIT, {**form_data(image_alt="The walk led by Sarah Jones, ring 07700 900123"), "image": upload()})
    event = EventPage.objects.get()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    panel = html.split('class="help-block event-review"', 1)[1].split("</div>", 1)[0]
    assert "“The walk led by Sarah Jones, ring 07700 900123”" in panel
    assert "<strong>Phone number</strong> in image description" in panel
    assert "<strong>Possible name</strong> in image description" in panel
    assert 'name="image_alt_text"' in html
