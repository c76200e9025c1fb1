"""Every image uploaded anywhere is stored and rendered without EXIF (GPS included), XMP, IPTC
or comments: through the Wagtail admin's upload views (image library, and so a moderator's photo
swap or a toolkit resource's image, which use the same form) and through the public forms. The
stored original and a rendition of each are read back and checked."""

import io
import json
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.models import Collection

from campaign.submissions.uploads import metadata_keys
from events.models import EventSubmission
from events.setup import ensure_event_index
from stories.models import StorySubmission
from stories.setup import ensure_story_section
from tests.events.helpers import form_data
from tests.factories import EditionPageFactory
from tests.stories.conftest import story_data

pytestmark = pytest.mark.django_db

SECRET = b"SECRET"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>SECRET-XMP Sarah Jones</dc:creator>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SECRET-MAKE"
    exif[0x0112] = 6  # Orientation: rotate 90° to view
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    return exif


def with_segment(jpeg: bytes, marker: bytes, payload: bytes) -> bytes:
    """A JPEG with one more marker segment after SOI (how IPTC's APP13 is stored)."""
    return jpeg[:2] + marker + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def dirty_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 40), (200, 30, 30)).save(
        out, "JPEG", exif=exif_with_gps(), comment=b"SECRET-COM", xmp=XMP.encode()
    )
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x14\x1c\x02\x50\x00\x10SECRET-IPTC-BY!!"
    return with_segment(out.getvalue(), b"\xff\xed", iptc)


def dirty_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "SECRET-tEXt")
    info.add_text("Comment", "SECRET-zTXt " * 20, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP)
    out = io.BytesIO()
    Image.new("RGBA", (80, 40), (30, 200, 30, 128)).save(out, "PNG", pnginfo=info, exif=exif_with_gps())
    return out.getvalue()


def dirty_gif() -> bytes:
    frames = [Image.new("P", (80, 40), i) for i in (1, 2)]
    frames[1].paste(3, (0, 0, 40, 40))
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], comment=b"SECRET-GIF-COMMENT",
                   duration=100, loop=0)
    data = out.getvalue()
    # An XMP application extension, as Photoshop writes one, before the first image.
    xmp_block = b"\x21\xff\x0bXMP DataXMP" + bytes([len(b"SECRET-GIF-XMP")]) + b"SECRET-GIF-XMP" + b"\x00"
    first_image = data.index(b"\x21\xf9")
    return data[:first_image] + xmp_block + data[first_image:]


def dirty_webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 40), (30, 30, 200)).save(out, "WEBP", exif=exif_with_gps(), xmp=XMP.encode())
    return out.getvalue()


DIRTY = {"jpg": dirty_jpeg, "png": dirty_png, "gif": dirty_gif, "webp": dirty_webp}


def assert_clean(data: bytes, what: str):
    assert SECRET not in data, what
    with Image.open(io.BytesIO(data)) as image:
        assert not metadata_keys(image), (what, metadata_keys(image))
        fmt = image.format
    if fmt == "PNG":
        assert not any(chunk in data for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf")), what
    if fmt == "JPEG":
        assert not any(marker in data for marker in (b"\xff\xe1", b"\xff\xed", b"\xff\xfe")), what  # APP1, APP13, COM


def assert_stored_and_rendered_clean(image, what: str):
    with image.open_file() as stored:
        assert_clean(stored.read(), f"{what}: original")
    rendition = image.get_rendition("fill-40x40")
    with rendition.file.open("rb") as rendered:
        assert_clean(rendered.read(), f"{what}: rendition")


def test_the_test_files_carry_every_kind_of_metadata():
    for ext, make in DIRTY.items():
        data = make()
        assert SECRET in data or ext == "png"
        with Image.open(io.BytesIO(data)) as image:
            assert metadata_keys(image) or ext == "gif", ext
    assert b"zTXt" in dirty_png() and b"XMP DataXMP" in dirty_gif()


@pytest.mark.parametrize("ext", DIRTY)
def test_an_image_uploaded_in_the_admin_library_is_stored_and_rendered_without_metadata(admin_client, ext):
    upload = SimpleUploadedFile(f"holiday.{ext}", DIRTY[ext](), content_type=f"image/{ext}")
    response = admin_client.post(reverse("wagtailimages:add"), {
        "title": "Holiday", "file": upload, "collection": Collection.get_first_root_node().pk,
    })
    assert response.status_code == 302, response.context and response.context["form"].errors
    image = get_image_model().objects.get(title="Holiday")
    assert_stored_and_rendered_clean(image, ext)
    if ext == "jpg":
        assert (image.width, image.height) == (40, 80)  # turned upright before its EXIF went
    assert image.file_size == image.file.size


def test_images_uploaded_together_in_the_admin_are_stored_without_metadata(admin_client):
    files = [SimpleUploadedFile(f"batch.{ext}", make(), content_type=f"image/{ext}") for ext, make in DIRTY.items()]
    for upload in files:
        response = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
        assert response.status_code == 200 and json.loads(response.content)["success"], response.content[:300]
    images = get_image_model().objects.all()
    assert images.count() == len(DIRTY)
    for image in images:
        assert_stored_and_rendered_clean(image, image.file.name)


def test_photos_sent_through_the_public_forms_are_stored_without_metadata(client, home_page):
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    ensure_event_index(), ensure_story_section()
    event_image = SimpleUploadedFile("walk.jpg", dirty_jpeg(), content_type="image/jpeg")
    response = client.post("/events/submit/", {**form_data(image_alt="Walkers on a towpath"), "image": event_image})
    assert response.status_code == 302
    story_photo = SimpleUploadedFile("garden.png", dirty_png(), content_type="image/png")
    response = client.post("/stories/share/", {**story_data(photo_alt_text="Raised beds"), "photo": story_photo},
                           REMOTE_ADDR="192.0.2.8")
    assert response.status_code == 302
    gif = SimpleUploadedFile("wave.gif", dirty_gif(), content_type="image/gif")
    response = client.post("/events/submit/", {**form_data(title="Second walk", image_alt="A wave"), "image": gif},
                           REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 302
    for submission in EventSubmission.objects.all():
        assert_stored_and_rendered_clean(submission.event.image, f"event {submission.event.title}")
    assert_stored_and_rendered_clean(StorySubmission.objects.get().page.photo, "story photo")


def test_images_stored_before_cleaning_are_rewritten_once(django_capture_on_commit_callbacks):
    """An image stored with its metadata (before uploads were cleaned) and its rendition."""
    image = get_image_model()(title="Old upload", collection=Collection.get_first_root_node())
    image.file.save("old.jpg", ContentFile(dirty_jpeg()), save=False)
    image.width, image.height = 80, 40  # as recorded for the old upload, before its EXIF turn
    image.save()
    with django_capture_on_commit_callbacks(execute=True):
        dirty_rendition = image.get_rendition("fill-40x40")
        with dirty_rendition.file.open("rb") as rendered:
            assert SECRET in rendered.read()  # what this command exists to fix
        old_name = image.file.name
        out = io.StringIO()
        call_command("strip_image_metadata", stdout=out)
    assert "1 image(s) rewritten" in out.getvalue()
    image = get_image_model().objects.get(pk=image.pk)
    assert not image.file.storage.exists(old_name)
    assert (image.width, image.height) == (40, 80) and image.file_size == image.file.size
    assert image.renditions.count() == 0
    assert_stored_and_rendered_clean(image, "rewritten")
    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert "0 image(s) rewritten" in out.getvalue()
