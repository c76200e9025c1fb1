import io

import pytest
from PIL import Image

from campaign.submissions import antispam
from stories.setup import ensure_story_section
from tests.factories import EditionPageFactory


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2027)


@pytest.fixture
def story_index(home_page, edition):
    return ensure_story_section()


def jpeg_bytes(size=(800, 600), exif_gps=False) -> bytes:
    image = Image.new("RGB", size, (30, 120, 90))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS
        image.save(out, "JPEG", exif=exif)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def story_data(**overrides) -> dict:
    data = {
        "role": "referred",
        "referral_route": "gp",
        "activities": ["walking-group", "gardening"],
        "region": "north_east",
        "title": "The walking group that changed my week",
        "what_was_going_on": "I was lonely after moving to a new town.",
        "what_happened": "My link worker took me to a walking group on a Tuesday morning and stayed with me.",
        "what_changed": "I have friends now and I feel more like myself.",
        "what_was_hard": "Going the first time.",
        "photo_alt_text": "",
        "display_choice": "first_name",
        "name": "Maureen",
        "contact_email": "maureen.private@example.org",
        "consent_publish": "on",
        "consent_campaign_use": "",
        "consent_age": "on",
        "consent_own_story": "on",
        "website_address": "",
        "form_started": antispam.signed_form_start(seconds_ago=30),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def share(client, story_index, django_capture_on_commit_callbacks):
    """Post the share form (running on-commit work such as emails); returns the response."""

    def _share(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/stories/share/", story_data(**overrides))

    return _share


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
