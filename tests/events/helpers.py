import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from campaign.submissions import antispam
from events import times


def wall_clock(days_ahead: int = 40, hour: int = 10, minute: int = 0) -> str:
    local = times.in_zone(timezone.now(), "Europe/London") + timedelta(days=days_ahead)
    return local.replace(hour=hour, minute=minute).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides) -> dict:
    data = {
        "title": "Wellbeing walk by the canal",
        "event_type": "walk",
        "format": "in_person",
        "description": "A gentle walk.\n\nTea afterwards. Details at https://walks.example.org/canal",
        "organisation_name": "Kirkstall Community Walks",
        "organisation_website": "https://walks.example.org",
        "start": wall_clock(40, 10),
        "end": wall_clock(40, 12),
        "time_zone": "Europe/London",
        "venue_name": "Kirkstall Abbey",
        "address": "Abbey Road",
        "town": "Leeds",
        "postcode": "LS5 3EH",
        "country": "GB-ENG",
        "online_url": "",
        "is_free": "on",
        "price": "",
        "accessibility": "Flat towpath.",
        "image_alt": "",
        "contact_name": "Ada Organiser",
        "contact_email": "ada.organiser@example.org",
        "agree_terms": "on",
        "website_address": "",
        "form_started": antispam.signed_form_start(seconds_ago=30),
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def png_bytes(size=(64, 48), mode="RGB", fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 1).save(out, fmt)
    return out.getvalue()


def upload(name="photo.png", content: bytes | None = None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type=content_type)
