"""The site's illustrations of social prescribing: hand-drawn SVG files in
static/img/illustrations/, each with its text alternative in its own <title> and <desc>.

Pages show them as static SVG images (``{% illustration "gardening" %}``); demo content uses
them as Wagtail images, rasterised with Pillow (campaign.artwork), so editors meet them in
the image library and can swap in a photograph.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from campaign.artwork import STATIC_IMG, SVG_NS, rasterise

FOLDER = STATIC_IMG / "illustrations"
WIDTH, HEIGHT = 480, 360


@dataclass(frozen=True)
class Illustration:
    slug: str
    title: str
    alt: str

    @property
    def path(self) -> Path:
        return FOLDER / f"{self.slug}.svg"

    @property
    def static_path(self) -> str:
        return f"img/illustrations/{self.slug}.svg"

    def png(self, size: tuple[int, int] = (1440, 1080)) -> bytes:
        buffer = io.BytesIO()
        rasterise(self.path, size).convert("RGB").save(buffer, "PNG", optimize=True)
        return buffer.getvalue()


def read(slug: str) -> Illustration:
    root = ET.parse(FOLDER / f"{slug}.svg").getroot()
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    return Illustration(slug, (title.text or "").strip() if title is not None else "", (desc.text or "").strip() if desc is not None else "")


SLUGS = (
    "walking-group",
    "gardening",
    "arts-and-crafts",
    "singing",
    "cooking-and-eating",
    "volunteering",
    "link-worker-conversation",
)


@cache
def all_illustrations() -> tuple[Illustration, ...]:
    return tuple(read(slug) for slug in SLUGS)


def get(slug: str) -> Illustration:
    for illustration in all_illustrations():
        if illustration.slug == slug:
            return illustration
    raise KeyError(slug)


CHOICES = [(slug, slug.replace("-", " ").capitalize()) for slug in SLUGS]
