"""Demo content's pictures: the site's own illustrations (campaign.illustrations), rasterised
with Pillow into Wagtail images, so the demo needs no downloads or binaries in git."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from campaign.illustrations import Illustration

DEMO_SIZE = (1440, 1080)


def wagtail_image(title: str, description: str, data: bytes, filename: str):
    """A Wagtail image made from bytes, reused when one with the same title exists."""
    Image_ = get_image_model()
    existing = Image_.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image_(title=title, description=description)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


def illustration_image(drawing: Illustration, size: tuple[int, int] = DEMO_SIZE):
    """The illustration as a Wagtail image (one per illustration), its description as alt text."""
    image = wagtail_image(f"Illustration: {drawing.title}", drawing.alt, drawing.png(size), f"illustration-{drawing.slug}.png")
    if image.description != drawing.alt:
        image.description = drawing.alt
        image.save(update_fields=["description"])
    return image
