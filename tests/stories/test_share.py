import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Revision

from stories import consent
from stories.models import StoryPage, StorySubmission
from tests.stories.conftest import jpeg_bytes, story_data
from tests.stories.helpers import latest_submission

pytestmark = pytest.mark.django_db


def test_form_page_renders_with_guidance(client, story_index):
    response = client.get("/stories/share/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for text in ["What happened?", "How did the referral", "What did you take part in?", "Walking group",
                 consent.WORDING[consent.PUBLISH], "Anonymous: no name at all", "Your email address (optional)"]:
        assert text in html
    assert "<legend" in html
    assert 'name="website_address"' in html  # honeypot
    assert "<script>" not in html and " style=" not in html


def test_a_submission_is_a_draft_in_the_stories_workflow(client, share, story_index, edition, settings):
    settings.MODERATOR_EMAILS = ["moderators@example.org"]
    response = share()
    assert response.status_code == 302
    assert response["Location"] == "/stories/share/thank-you/"
    submission = latest_submission()
    page = submission.page
    assert not page.live
    assert page.get_parent().pk == story_index.pk
    assert page.edition_id == edition.pk
    assert page.display_name == "Maureen"
    assert sorted(a.slug for a in page.activities.all()) == ["gardening", "walking-group"]
    assert page.current_workflow_state.workflow.name == "Stories"
    assert page.current_workflow_state.status == "in_progress"
    assert submission.contact_email == "maureen.private@example.org"
    assert submission.consent_publish and submission.consent_age and submission.consent_own_story
    assert not submission.consent_campaign_use
    assert submission.consent_wording[consent.PUBLISH] == consent.WORDING[consent.PUBLISH]
    assert submission.consented_at is not None
    assert len(submission.manage_secret) >= 24

    # The moderators' email says where to look, not who wrote it or what it says.
    moderator_mail = [m for m in mail.outbox if "moderators@example.org" in m.to]
    assert len(moderator_mail) == 1
    assert f"/admin/pages/{page.pk}/edit/" in moderator_mail[0].body
    assert "maureen" not in moderator_mail[0].body.lower()
    assert "walking group" not in moderator_mail[0].body.lower()
    # The storyteller gets their private link.
    storyteller_mail = [m for m in mail.outbox if m.to == ["maureen.private@example.org"]]
    assert len(storyteller_mail) == 1
    assert "/stories/manage/" in storyteller_mail[0].body


def test_private_details_are_never_in_a_revision(share):
    share()
    submission = latest_submission()
    for revision in Revision.objects.all():
        dumped = str(revision.content)
        assert "maureen.private@example.org" not in dumped
        assert submission.manage_secret not in dumped
        assert "consent" not in dumped


def test_the_thank_you_page_explains_what_next_and_gives_the_private_link(client, share):
    share()
    response = client.get("/stories/share/thank-you/")
    html = response.content.decode()
    assert "What happens next" in html
    assert "/stories/manage/" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_risk_flag_marks_the_moderators_email(share, settings):
    settings.MODERATOR_EMAILS = ["moderators@example.org"]
    share(what_happened="I was in crisis and thinking about suicide before the walking group found me.")
    subjects = [m.subject for m in mail.outbox if "moderators@example.org" in m.to]
    assert subjects == ["[Safeguarding check] A new story is waiting for review"]


def test_anonymous_stories_have_no_name(share):
    share(display_choice="anonymous", name="Should Not Appear")
    assert latest_submission().page.display_name == ""


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"consent_publish": None}, "consent_publish", "We can only publish your story with your agreement"),
        ({"consent_age": None}, "consent_age", "16 or over"),
        ({"consent_own_story": None}, "consent_own_story", "yours to tell"),
        ({"what_happened": "Too short."}, "what_happened", "at least 50 characters"),
        ({"what_happened": "x" * 5001}, "what_happened", "5,000 characters or fewer"),
        ({"title": ""}, "title", "Give your story a short title"),
        ({"title": "t" * 101}, "title", "100 characters or fewer"),
        ({"role": ""}, "role", "Choose the description"),
        ({"region": "atlantis"}, "region", "Select a valid choice"),
        ({"name": ""}, "name", "Enter the name to show"),
        ({"name": "Jo 07700900123"}, "name", "cannot contain numbers"),
        ({"contact_email": "not-an-email"}, "contact_email", "Enter an email address like"),
        ({"what_happened": "See http://a.example and http://b.example and www.c.example for my walking group."},
         "what_happened", "no more than 2 web links"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(client, story_index, overrides, field, message):
    response = client.post("/stories/share/", story_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}' in html  # the summary links to the field
    assert StoryPage.objects.count() == 0 and StorySubmission.objects.count() == 0
    # What they typed is kept.
    if field != "what_happened":
        assert "My link worker took me to a walking group" in html


def test_honeypot_and_fill_time(client, story_index):
    response = client.post("/stories/share/", story_data(website_address="http://spam.example"))
    assert "could not accept" in response.content.decode()
    from campaign.submissions import antispam

    response = client.post("/stories/share/", story_data(form_started=antispam.signed_form_start(seconds_ago=0)))
    assert "very quick" in response.content.decode()
    assert StoryPage.objects.count() == 0


def test_rate_limit_gives_a_clear_429(client, story_index):
    for _ in range(5):
        assert client.post("/stories/share/", story_data()).status_code == 302
    response = client.post("/stories/share/", story_data())
    assert response.status_code == 429
    assert "Please wait a while" in response.content.decode()
    assert StoryPage.objects.count() == 5


def test_photo_is_cleaned_of_metadata_and_kept_with_alt_text(client, story_index):
    upload = SimpleUploadedFile("me.jpg", jpeg_bytes((3000, 2000), exif_gps=True), content_type="image/jpeg")
    data = story_data(photo_alt_text="Raised beds in a community garden")
    data["photo"] = upload
    assert client.post("/stories/share/", data).status_code == 302
    page = latest_submission().page
    assert page.photo is not None
    assert page.photo_alt_text == "Raised beds in a community garden"
    assert page.photo.collection.name == "Story photos"
    assert "me.jpg" not in page.photo.file.name and "Maureen" not in page.photo.title
    with page.photo.file.open("rb") as fh, Image.open(io.BytesIO(fh.read())) as stored:
        assert max(stored.size) <= 1600
        assert not stored.getexif()
        assert "exif" not in stored.info


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"%PDF-1.4 not an image", "story.jpg", "not an image we can read"),
        (b"GIF89a" + b"\x00" * 10, "x.gif", "not an image we can read"),
    ],
)
def test_bad_photos_are_refused_and_nothing_saved(client, story_index, content, name, message):
    data = story_data(photo_alt_text="A photo")
    data["photo"] = SimpleUploadedFile(name, content)
    response = client.post("/stories/share/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "choose your photo again" in response.content.decode()
    assert StoryPage.objects.count() == 0
    assert get_image_model().objects.count() == 0


def test_too_large_photo(client, story_index, monkeypatch):
    from stories import forms

    monkeypatch.setattr(forms, "MAX_PHOTO_BYTES", 1000)
    data = story_data(photo_alt_text="A photo")
    data["photo"] = SimpleUploadedFile("big.jpg", jpeg_bytes((600, 600)))
    response = client.post("/stories/share/", data)
    assert "too large" in response.content.decode()
    assert StoryPage.objects.count() == 0


def test_photo_needs_a_description(client, story_index):
    data = story_data(photo_alt_text="")
    data["photo"] = SimpleUploadedFile("p.jpg", jpeg_bytes())
    response = client.post("/stories/share/", data)
    assert "Describe your photo" in response.content.decode()
    assert get_image_model().objects.count() == 0
