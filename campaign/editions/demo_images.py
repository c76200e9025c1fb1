"""Pictures drawn with Pillow for demo content, so the demo needs no downloads or binaries in git."""

from __future__ import annotations

import io
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def draw_abstract(primary: str, accent: str, seed: int, size: tuple[int, int] = (1440, 1080)) -> bytes:
    """Overlapping circles and paths in the edition's colours: people meeting, loosely drawn."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, _hex(primary))
    draw = ImageDraw.Draw(image, "RGBA")
    w, h = size
    for _ in range(14):
        r = rng.randint(h // 12, h // 3)
        x, y = rng.randint(0, w), rng.randint(0, h)
        colour = _hex(accent) if rng.random() < 0.5 else (255, 250, 243)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour + (rng.randint(60, 200),))
    for _ in range(5):
        points = [(rng.randint(0, w), rng.randint(0, h)) for _ in range(4)]
        draw.line(points, fill=(27, 27, 31, 170), width=rng.randint(8, 22), joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


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
