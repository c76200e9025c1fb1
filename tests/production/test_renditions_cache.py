"""Image renditions are kept in each worker's memory, not written to Redis on every render.

Wagtail writes each rendition a render uses back to its renditions cache, prefetched or not:
in Redis that was a round trip per image on every uncached render. Kept per worker, another
worker cannot be told when an image changes, so these tests also hold the promise that a
replaced image never shows what a worker kept of the old one.
"""

import io

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from tests.toolkit.factories import make_image, png_bytes

RED, BLUE = (200, 20, 20), (20, 20, 200)


def centre_colour(rendition) -> tuple:
    with rendition.file.open("rb") as stored:
        with Image.open(io.BytesIO(stored.read())) as picture:
            return picture.convert("RGB").getpixel((picture.width // 2, picture.height // 2))


def test_renditions_a_render_uses_are_not_written_to_the_shared_redis(redis_page_cache, db):
    image = make_image(data=png_bytes(colour=RED))
    first = image.get_rendition("fill-40x40")
    again = get_image_model().objects.get(pk=image.pk).get_rendition("fill-40x40")
    assert again.pk == first.pk
    assert caches["renditions"].get(first.get_cache_key()) is not None  # kept by this worker
    assert not redis_page_cache.keys("*wagtail-rendition*")


@pytest.mark.django_db
def test_an_image_replaced_in_the_admin_never_shows_what_another_worker_kept(admin_client):
    image = make_image(data=png_bytes(colour=RED))
    old = get_image_model().objects.get(pk=image.pk).get_rendition("fill-40x40")
    kept_elsewhere = caches["renditions"].get(old.get_cache_key())
    assert kept_elsewhere is not None and centre_colour(old) == RED

    response = admin_client.post(reverse("wagtailimages:edit", args=[image.pk]), {
        "title": image.title,
        "collection": image.collection_id,
        "file": SimpleUploadedFile("replaced.png", png_bytes(colour=BLUE), content_type="image/png"),
    })
    assert response.status_code == 302, response.context and response.context["form"].errors
    # This worker purged the old rendition; another one still holds it under the old key.
    caches["renditions"].set(old.get_cache_key(), kept_elsewhere)

    new = get_image_model().objects.get(pk=image.pk).get_rendition("fill-40x40")
    assert centre_colour(new) == BLUE
