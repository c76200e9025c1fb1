"""Demo content's pictures: the site's own illustrations (campaign.illustrations), rasterised
with Pillow into Wagtail images, so the demo needs no downloads or binaries in git."""

from __future__ import annotations

import io

import font_source_sans_pro
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from campaign.artwork import rasterise
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


LOGO_SIZE = (640, 320)
# Simple emblems, one per demo supporter: drawn in the site's SVG subset (campaign.artwork).
EMBLEMS = {
    "leaf": '<path d="M14 50 C14 24 30 12 52 12 C52 36 40 52 14 50 Z" fill="{colour}"/><path d="M16 48 L44 20" stroke="#fffaf3" stroke-width="3" stroke-linecap="round"/>',
    "wave": '<circle cx="32" cy="32" r="26" fill="{colour}"/><path d="M10 34 Q20 24 32 34 Q44 44 54 34" fill="none" stroke="#fffaf3" stroke-width="5" stroke-linecap="round"/>',
    "hands": '<rect x="6" y="6" width="52" height="52" rx="12" fill="{colour}"/><circle cx="24" cy="30" r="9" fill="#fffaf3"/><circle cx="40" cy="30" r="9" fill="#fffaf3" opacity="0.7"/>',
    "path": '<circle cx="32" cy="32" r="26" fill="{colour}"/><path d="M20 52 C24 40 40 36 36 24 C34 18 38 12 44 12" fill="none" stroke="#fffaf3" stroke-width="5" stroke-linecap="round"/>',
    "note": '<rect x="6" y="10" width="52" height="44" rx="22" fill="{colour}"/><circle cx="26" cy="40" r="6" fill="#fffaf3"/><path d="M31 40 L31 20 L42 24" fill="none" stroke="#fffaf3" stroke-width="4" stroke-linecap="round"/>',
}


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "SourceSansProBold" if bold else "SourceSansPro"
    return ImageFont.truetype(font_source_sans_pro.font_files_ttf[name], size)


def demo_logo(name: str, emblem: str, colour: str) -> bytes:
    """A made-up organisation's logo: an emblem, its name, and "DEMO LOGO" so no one mistakes it."""
    width, height = LOGO_SIZE
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{EMBLEMS[emblem].format(colour=colour)}</svg>'
    logo = Image.new("RGBA", LOGO_SIZE, (255, 255, 255, 0))
    mark = rasterise(svg, (220, 220))
    logo.paste(mark, (20, 30), mark)
    draw = ImageDraw.Draw(logo)
    left, right = 270, width - 20
    words, lines = name.split(), []
    size = 64
    while size > 20:
        font, lines, line = _font(True, size), [], ""
        for word in words:
            trial = f"{line} {word}".strip()
            if line and font.getlength(trial) > right - left:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
        fits_height = 30 + len(lines) * round(size * 1.1) <= height - 80
        if fits_height and all(font.getlength(ln) <= right - left for ln in lines):
            break
        size -= 4
    y = 30
    for line in lines:
        draw.text((left, y), line, font=font, fill=(27, 27, 31, 255))
        y += round(size * 1.1)
    draw.text((left, height - 62), "DEMO LOGO", font=_font(False, 30), fill=(91, 42, 134, 255))
    buffer = io.BytesIO()
    logo.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
