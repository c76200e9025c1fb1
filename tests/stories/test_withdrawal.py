import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Revision, WorkflowState
from wagtail.search.models import IndexEntry

from campaign.submissions import tokens
from stories import services
from stories.models import StoryPage
from tests.factories import UserFactory
from tests.stories.conftest import jpeg_bytes, story_data
from tests.stories.helpers import approve, latest_submission, reject

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", is_staff=True, is_superuser=True)


def manage_url_from_email() -> str:
    body = next(m.body for m in mail.outbox if "/stories/manage/" in m.body)
    return next(line.strip() for line in body.splitlines() if "/stories/manage/" in line).replace(
        "http://testserver", ""
    )


def test_private_link_shows_status_and_the_version_to_be_published(client, share, moderator):
    share()
    url = manage_url_from_email()
    response = client.get(url)
    html = response.content.decode()
    assert "Waiting for review" in html
    assert "The walking group that changed my week" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"

    # The moderator redacts: the storyteller sees the redacted version they intend to publish.
    page = latest_submission().page.get_latest_revision_as_object()
    page.title = "A walking group changed my week"
    page.save_revision(user=moderator)
    html = client.get(url).content.decode()
    assert "A walking group changed my week" in html
    assert "The walking group that changed my week" not in html

    approve(page, moderator)
    html = client.get(url).content.decode()
    assert "Published" in html
    assert page.url in html


def test_rejected_status_shows_the_reason(client, share, moderator):
    share()
    url = manage_url_from_email()
    reject(latest_submission().page, moderator, comment="It names a small village group.")
    html = client.get(url).content.decode()
    assert "Not published" in html
    assert "It names a small village group." in html


@pytest.mark.parametrize("page_cache_seconds", [0, 600], ids=["uncached", "pages and fragments kept"])
def test_withdrawal_unpublishes_and_erases_text_photo_and_personal_data(client, story_index, moderator, settings,
                                                                        django_capture_on_commit_callbacks,
                                                                        page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    data = story_data(photo_alt_text="My allotment", what_happened="A unique sentence about marrows " * 3)
    data["photo"] = SimpleUploadedFile("p.jpg", jpeg_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/stories/share/", data)
    submission = latest_submission()
    page = submission.page
    approve(page, moderator)
    image = page.photo
    rendition = image.get_rendition("fill-640x400")
    storage = image.file.storage
    files = [image.file.name, rendition.file.name]
    assert all(storage.exists(name) for name in files)
    page_url = page.url
    assert client.get(page_url).status_code == 200

    url = manage_url_from_email()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "withdraw"})
    assert response.status_code == 302
    assert client.get(page_url).status_code == 404
    assert "unique sentence about marrows" not in client.get("/stories/").content.decode()

    submission.refresh_from_db()
    assert submission.page is None
    assert submission.withdrawn_at is not None
    assert submission.contact_email == ""
    assert not StoryPage.objects.filter(pk=page.pk).exists()
    assert not Revision.objects.filter(object_id=str(page.pk)).exists()
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists()
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert not any(storage.exists(name) for name in files)
    for entry in PageLogEntry.objects.filter(page_id=page.pk):
        assert "marrows" not in str(entry.data) and entry.label == "Erased story"
        assert "walking group" not in entry.label.lower()

    html = client.get(url).content.decode()
    assert "Withdrawn" in html
    assert "marrows" not in html
    assert "Withdraw my story" not in html


def test_withdrawal_of_a_story_still_in_review(client, share):
    share()
    submission = latest_submission()
    page_pk = submission.page.pk
    response = client.post(manage_url_from_email(), {"confirm": "withdraw"})
    assert response.status_code == 302
    assert not StoryPage.objects.filter(pk=page_pk).exists()
    assert not Revision.objects.filter(object_id=str(page_pk)).exists()
    submission.refresh_from_db()
    assert submission.is_withdrawn


def test_withdrawal_needs_confirmation(client, share):
    share()
    url = manage_url_from_email()
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert latest_submission().page is not None


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature broken
    lambda t: t.split(":")[0] + ":x:y",  # garbage
    lambda t: "",
])
def test_tampered_links_are_refused(client, share, mangle):
    share()
    token = manage_url_from_email().rstrip("/").split("/")[-1]
    response = client.get(f"/stories/manage/{mangle(token) or 'x'}/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    response = client.post(f"/stories/manage/{mangle(token) or 'x'}/", {"confirm": "withdraw"})
    assert response.status_code == 404
    assert latest_submission().page is not None


def test_a_link_for_another_submission_with_the_wrong_secret_is_refused(client, share):
    share()
    first = latest_submission()
    forged = tokens.make_token(services.MANAGE_LINK.purpose, first.pk, "guessed-secret")
    assert client.get(f"/stories/manage/{forged}/").status_code == 404
    other_purpose = tokens.make_token("event-manage", first.pk, first.manage_secret)
    assert client.get(f"/stories/manage/{other_purpose}/").status_code == 404
