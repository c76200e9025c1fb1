"""The campaign lockup: the mark, "Social Prescribing Day", the Day's date and its hashtag.

Every personalised graphic and poster carries it in a band along its top or bottom edge (the
design says which), so a shared graphic always says what it is for. The band reaches the
canvas edge; what is drawn in it stays inside the size's *safe area*, the part that no
network's crop or overlay (a story's reply bar, a printer's margin) covers. The boxes are
computed here as plain numbers, drawn by ``draw_lockup``, and checked by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from campaign.artwork import STATIC_IMG, rasterise
from toolkit.text import Box, TextLayout, draw_layout, fit_text

NAME = "Social Prescribing Day"
MARK = STATIC_IMG / "logo.svg"
# Of the canvas's short side: the lockup's height, the outer margin, the band's inner padding.
LOCKUP_HEIGHT = 0.1
SAFE_MARGIN = 0.045
BAND_PADDING = 0.03
LOCKUP_MESSAGE_RATIO = 0.62
# Stories: the network's own bars cover about the top and bottom 8% of the screen.
TALL_SAFE_MARGIN = 0.08


@dataclass(frozen=True)
class Lockup:
    """Where everything goes, in pixels: (left, top, right, bottom) boxes."""

    safe: Box  # the canvas's safe area
    band: Box  # the band, from the canvas edge inwards
    mark: Box
    text: Box  # the box the name, date and hashtag are fitted into
    layout: TextLayout

    @property
    def content(self) -> Box:
        """The band's part of the safe area: the mark and the text lie in it."""
        return (max(self.band[0], self.safe[0]), max(self.band[1], self.safe[1]),
                min(self.band[2], self.safe[2]), min(self.band[3], self.safe[3]))


def safe_area(width: int, height: int) -> Box:
    """The canvas less the margins crops and overlays take (taller margins on a tall story)."""
    short = min(width, height)
    side = round(short * SAFE_MARGIN)
    ends = round(height * TALL_SAFE_MARGIN) if height >= width * 1.5 else side
    return (side, ends, width - side, height - ends)


def lockup_words(day, year: int, hashtag: str) -> tuple[str, str]:
    """The two lines: the name, then the date (or the year until it is announced) and hashtag."""
    when = f"{day.day} {day:%B %Y}" if day else str(year)
    return NAME, f"{when} · {hashtag}" if hashtag else when


def band_height(width: int, height: int) -> int:
    """From the canvas edge to the band's inner edge."""
    short = min(width, height)
    safe = safe_area(width, height)
    margin = safe[1]
    return margin + round(short * LOCKUP_HEIGHT) + round(short * BAND_PADDING)


def lockup_layout(width: int, height: int, position: str, words: tuple[str, str]) -> Lockup:
    """The band at the top or bottom, with the mark at its start and the words fitted beside it."""
    safe = safe_area(width, height)
    short = min(width, height)
    lockup_h = round(short * LOCKUP_HEIGHT)
    depth = band_height(width, height)
    if position == "top":
        band = (0, 0, width, depth)
        top = safe[1]
    else:
        band = (0, height - depth, width, height)
        top = safe[3] - lockup_h
    mark = (safe[0], top, safe[0] + lockup_h, top + lockup_h)
    gap = round(lockup_h * 0.3)
    text = (mark[2] + gap, top, safe[2], top + lockup_h)
    name, message = words
    layout = fit_text(
        name, message, text[2] - text[0], text[3] - text[1],
        max_size=lockup_h, message_ratio=LOCKUP_MESSAGE_RATIO,
    )
    return Lockup(safe=safe, band=band, mark=mark, text=text, layout=layout)


@lru_cache(maxsize=16)
def mark_image(side: int) -> Image.Image:
    """The mark at ``side`` pixels square (RGBA), drawn from static/img/logo.svg."""
    return rasterise(MARK, (side, side))


def draw_lockup(canvas: Image.Image, lockup: Lockup, band_colour, text_colour) -> list[Box]:
    """Paint the band, the mark and the words; returns the inked boxes of the words' lines."""
    draw = ImageDraw.Draw(canvas)
    left, top, right, bottom = lockup.band
    draw.rectangle((left, top, right - 1, bottom - 1), fill=band_colour)
    mark = mark_image(lockup.mark[2] - lockup.mark[0])
    canvas.paste(mark, lockup.mark[:2], mark)
    return draw_layout(draw, lockup.layout, lockup.text, text_colour, alignment="left")
