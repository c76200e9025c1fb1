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
