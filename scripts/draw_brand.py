"""Draw the raster brand files from the hand-written SVG mark (static/img/logo.svg).

    .venv/bin/python scripts/draw_brand.py

writes static/img/favicon-32.png, static/img/apple-touch-icon.png (180×180) and
static/img/share-card.png (1200×630, the share card used when an editor sets none). The
outputs are committed; run this again after changing the mark. Pillow draws them through
campaign.artwork, so no SVG library or browser is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import font_source_sans_pro  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from campaign.artwork import rasterise  # noqa: E402

IMG = ROOT / "static" / "img"
MARK = IMG / "logo.svg"
BRAND = "#0b5d57"
PAPER = "#fffaf3"
ACCENT = "#f2a541"
BOLD = font_source_sans_pro.font_files_ttf["SourceSansProBold"]
REGULAR = font_source_sans_pro.font_files_ttf["SourceSansPro"]


def favicon() -> Image.Image:
    return rasterise(MARK, (32, 32))


def apple_touch_icon() -> Image.Image:
    """iOS rounds the corners itself and shows transparency as black: a full-bleed square."""
    icon = Image.new("RGBA", (180, 180), BRAND)
    icon.alpha_composite(rasterise(MARK, (164, 164)), (8, 8))
    return icon.convert("RGB")


def share_card() -> Image.Image:
    card = Image.new("RGBA", (1200, 630), BRAND)
    draw = ImageDraw.Draw(card)
    # A paper-coloured panel on the right carries the mark, so it keeps its own teal disc.
    draw.rounded_rectangle([760, -40, 1240, 670], radius=60, fill=PAPER)
    card.alpha_composite(rasterise(MARK, (360, 360)), (800, 135))
    heading = ImageFont.truetype(BOLD, 86)
    body = ImageFont.truetype(REGULAR, 40)
    tag = ImageFont.truetype(BOLD, 40)
    draw.text((80, 150), "Social", font=heading, fill=PAPER)
    draw.text((80, 245), "Prescribing Day", font=heading, fill=PAPER)
    draw.text((80, 385), "Connecting people with what", font=body, fill=PAPER)
    draw.text((80, 435), "matters to them, in their community", font=body, fill=PAPER)
    draw.rounded_rectangle([80, 515, 80 + draw.textlength("#SocialPrescribingDay", font=tag) + 40, 575], radius=30, fill=ACCENT)
    draw.text((100, 518), "#SocialPrescribingDay", font=tag, fill="#1b1b1f")
    return card.convert("RGB")


def main() -> None:
    favicon().save(IMG / "favicon-32.png", optimize=True)
    apple_touch_icon().save(IMG / "apple-touch-icon.png", optimize=True)
    share_card().save(IMG / "share-card.png", optimize=True)
    print("Wrote favicon-32.png, apple-touch-icon.png and share-card.png in", IMG)


if __name__ == "__main__":
    main()
