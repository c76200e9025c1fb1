"""The kernel's private links, private responses, slugs and submitted images, as both apps use them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.models import Page

from campaign.submissions import images, slugs, tokens
from campaign.submissions.responses import private
from campaign.submissions.uploads import clean_uploaded_image
from events.models import EventSubmission
from events.setup import ensure_event_index
from events.submissions import MANAGE_LINK as EVENT_LINK
from stories.services import MANAGE_LINK as STORY_LINK
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


def _event_submission() -> EventSubmission:
    event = make_event(ensure_event_index(), submission={})
    return EventSubmission.objects.get(event=event)


def test_private_response_keeps_csrf_working_and_the_token_out_of_caches_and_referrers():
    response = private(HttpResponse("private"))
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # no-referrer makes browsers send "Origin: null" with the page's forms, which CSRF refuses.
    assert response["Referrer-Policy"] == "same-origin"


def test_both_apps_links_are_kernel_links_with_their_own_purpose():
    assert isinstance(EVENT_LINK, tokens.PrivateLink) and isinstance(STORY_LINK, tokens.PrivateLink)
    assert EVENT_LINK.purpose != STORY_LINK.purpose


def test_private_link_finds_its_record_and_refuses_other_purposes_and_revoked_secrets(home_page):
    submission = _event_submission()
    token = EVENT_LINK.token(submission)
    assert EVENT_LINK.url(submission).endswith(f"/events/manage/{token}/")
    assert EVENT_LINK.find(EventSubmission.objects.all(), token) == submission
    other_purpose = tokens.PrivateLink("story-manage", "stories:manage", "secret")
    assert other_purpose.find(EventSubmission.objects.all(), token) is None
    assert EVENT_LINK.find(EventSubmission.objects.all(), token[:-2] + "xx") is None
    submission.secret = ""
    submission.save()
    assert EVENT_LINK.find(EventSubmission.objects.all(), token) is None


def test_private_link_age_comes_from_its_setting(home_page):
    submission = _event_submission()
    token = EVENT_LINK.token(submission)
    with override_settings(EVENTS_MANAGE_LINK_MAX_AGE=-1):
        assert EVENT_LINK.find(EventSubmission.objects.all(), token) is None


def test_unique_slug_skips_taken_and_reserved_addresses(home_page):
    home_page.add_child(instance=Page(title="Walk", slug="walk"))
    assert slugs.unique_slug(home_page, "Walk") == "walk-2"
    assert slugs.unique_slug(home_page, "Submit", reserved={"submit"}, fallback="event") == "submit-event"
    assert slugs.unique_slug(home_page, "!!!", fallback="story") == "story"


def test_follow_title_renames_only_pages_never_published(home_page):
    draft = home_page.add_child(instance=Page(title="Met Sarah Jones", slug="met-sarah-jones", live=False))
    draft.title = "Met a link worker"
    assert slugs.follow_title(draft) is True
    assert Page.objects.get(pk=draft.pk).slug == "met-a-link-worker"
    published = home_page.add_child(instance=Page(title="Published", slug="published"))
    published.title = "Renamed"
    assert slugs.follow_title(published) is False
    assert Page.objects.get(pk=published.pk).slug == "published"


def test_submitted_image_goes_to_its_own_collection_with_its_description(home_page):
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(out, "PNG")
    cleaned = clean_uploaded_image(SimpleUploadedFile("me.png", out.getvalue()))
    image = images.store_image(cleaned, title="Photo", description="  A garden  ", collection="Kernel photos")
    assert image.collection.name == "Kernel photos" and image.description == "A garden"
    title = images.neutral_title("Story photo")
    assert title.startswith("Story photo ") and title != images.neutral_title("Story photo")
    assert images.submission_collection("Kernel photos") == image.collection
