"""Faults a real deployment sees, as far as the test client can reproduce them."""

import errno
import io
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image

from tests.factories import EditionPageFactory


def jpeg(size=(640, 480)) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 110, 90)).save(out, "JPEG")
    out.seek(0)
    out.name = "photo.jpg"
    return out


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def sections(home_page):
    from events.setup import ensure_event_index
    from stories.setup import ensure_story_section

    EditionPageFactory(parent=home_page, year=2027)
    return ensure_event_index(), ensure_story_section()


def _counts():
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    from events.models import EventSubmission
    from stories.models import StorySubmission

    return (Page.objects.count(), Revision.objects.count(), get_image_model().objects.count(),
            EventSubmission.objects.count(), StorySubmission.objects.count())


def test_full_disk_during_an_event_submission(client, sections, settings):
    from tests.events.helpers import form_data

    before = _counts()
    with mock.patch.object(FileSystemStorage, "_save", side_effect=disk_full):
        response = client.post("/events/submit/", {**form_data(), "image": jpeg(), "image_alt": "A walk"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "We could not save your upload" in html and "nothing you sent was saved" in html
    assert _counts() == before  # no page, revision, image or private record half-saved
    # With space again, the same submission goes through.
    response = client.post("/events/submit/", {**form_data(), "image": jpeg(), "image_alt": "A walk"})
    assert response.status_code == 302


def test_full_disk_while_sharing_a_story(client, sections):
    from tests.stories.conftest import story_data

    story = story_data(photo_alt_text="Me on a walk")
    before = _counts()
    with mock.patch.object(FileSystemStorage, "_save", side_effect=disk_full):
        response = client.post("/stories/share/", {**story, "photo": jpeg()})
    assert response.status_code == 503
    assert "nothing you sent was saved" in response.content.decode()
    assert _counts() == before


def test_other_os_errors_are_not_disguised(client, sections, settings):
    from campaign.middleware import StorageFullMiddleware

    middleware = StorageFullMiddleware(lambda request: None)
    assert middleware.process_exception(None, OSError(errno.EACCES, "Permission denied")) is None


def _database_gone(*args, **kwargs):
    from django.db import OperationalError

    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.mark.parametrize("where", ["view", "middleware"])
def test_database_restarting_gives_a_retry_page_not_a_500(home_page, where):
    from django.test import Client

    client = Client(raise_request_exception=False)
    target = ("wagtail.models.Page.route_for_request" if where == "view"
              else "campaign.middleware.TwoFactorMiddleware.__call__")
    with mock.patch(target, side_effect=_database_gone):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Back in a moment" in html and "Please try again in a minute" in html
    assert 'lang="en-GB"' in html and 'href="#main"' in html and "<main" in html
    assert client.get("/").status_code == 200  # back by itself, nothing restarted


def test_other_server_errors_still_say_so(home_page):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch("wagtail.models.Page.route_for_request", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500 and "Sorry, something went wrong" in response.content.decode()
