"""A photo's description is submitted text: reviewed, flagged and redacted like the story itself."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory
from tests.stories.conftest import jpeg_bytes, story_data
from tests.stories.helpers import approve, latest_submission

pytestmark = pytest.mark.django_db

SUBMITTED = "Me and Sarah Jones at the allotment, jo.private@example.org"
REDACTED = "Two people at an allotment"


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", is_staff=True, is_superuser=True)


@pytest.fixture
def shared_with_photo(client, story_index):
    data = story_data(photo_alt_text=SUBMITTED)
    data["photo"] = SimpleUploadedFile("me.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert client.post("/stories/share/", data).status_code == 302
    return latest_submission().page


def test_the_stored_image_holds_none_of_the_storytellers_words(shared_with_photo):
    photo = shared_with_photo.photo
    assert shared_with_photo.photo_alt_text == SUBMITTED
    assert photo.description == ""
    assert photo.title.startswith("Story photo ")
    assert "Sarah" not in photo.title and "allotment" not in photo.title


def test_the_review_panel_shows_and_flags_the_photo_description(client, shared_with_photo, moderator):
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{shared_with_photo.pk}/edit/").content.decode()
    panel = html.split("story-review", 1)[1].split('id="panel-child-content-title', 1)[0]
    assert "Photo description" in panel and "Me and Sarah Jones at the allotment" in panel
    assert "in photo description" in panel  # a flag that says where it was found
    assert "jo.private@example.org" in panel
    assert 'name="photo_alt_text"' in html  # redactable in the editor


def test_the_public_alt_and_link_preview_use_the_redacted_description(client, shared_with_photo, moderator):
    page = shared_with_photo.get_latest_revision_as_object()
    page.photo_alt_text = REDACTED
    page.save_revision(user=moderator)
    approve(page, moderator)
    html = client.get(page.url).content.decode()
    assert "Sarah Jones" not in html and "jo.private" not in html
    assert re.search(rf'<img [^>]*alt="{REDACTED}"', html)
    assert f'<meta property="og:image:alt" content="{REDACTED}">' in html
    listing = client.get("/stories/").content.decode()
    assert f'alt="{REDACTED}"' in listing and "Sarah Jones" not in listing


def test_the_private_preview_shows_the_photo_as_it_will_be_published_without_making_it_public(
    client, shared_with_photo, moderator,
):
    """Issue 19: the storyteller sees the rendition the page will show, with the redacted description."""
    from stories.links import manage_path
    from stories.models import PAGE_RENDITION

    page = shared_with_photo.get_latest_revision_as_object()
    page.photo_alt_text = REDACTED
    page.save_revision(user=moderator)
    manage = manage_path(latest_submission())
    client.cookies.clear()

    html = client.get(manage).content.decode()
    photo_url = f"{manage}photo/"
    assert re.search(rf'<img src="{photo_url}" alt="{REDACTED}" width="\d+" height="\d+">', html)
    assert "Sarah Jones" not in html

    response = client.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    rendition = page.photo.get_rendition(PAGE_RENDITION)
    served = b"".join(response.streaming_content)
    with rendition.file.open("rb") as stored:
        assert served == stored.read()
    assert rendition.url not in html and page.photo.file.url not in html  # no public address is handed out
    assert client.get(f"/stories/manage/{'x' * 40}/photo/").status_code == 404

    approve(page, moderator)
    published = client.get(page.url).content.decode()
    assert f'src="{rendition.url}"' in published  # the very rendition the preview showed
