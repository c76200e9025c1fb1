"""Text for personalised graphics: what the font can draw, and fitting it into the safe area.

The font is Source Sans Pro (SIL Open Font License), installed by the ``font-source-sans-pro``
package. A character the font has no glyph for (an emoji, a rare script) would be drawn as an
empty 'tofu' box, so such characters are dropped before anything is drawn or cached.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import font_source_sans_pro
from PIL import ImageDraw, ImageFont

BOLD_FONT = font_source_sans_pro.font_files_ttf["SourceSansProBold"]
REGULAR_FONT = font_source_sans_pro.font_files_ttf["SourceSansPro"]

# Joiners and variation selectors only ever glue emoji together: dropped with the emoji.
INVISIBLE_JOINERS = {"\u200c", "\u200d", "\u2060", "\ufeff"} | {chr(c) for c in range(0xFE00, 0xFE10)}
# Characters that could reorder or hide text; refused with a message rather than dropped.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}

NAME_LINE_SPACING = 1.08
MESSAGE_LINE_SPACING = 1.2
MESSAGE_RATIO = 0.5  # message size relative to the organisation name
MIN_FONT_SIZE = 8

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels; right and bottom exclusive


@lru_cache(maxsize=512)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4)
def _notdef_mask(path: str) -> bytes:
    # U+10FFFF is a permanent non-character: every font draws its .notdef glyph for it.
    return bytes(load_font(path, 32).getmask("\U0010ffff"))


@lru_cache(maxsize=4096)
def font_has_glyph(char: str) -> bool:
    """True when both weights draw ``char`` as itself rather than the .notdef (tofu) box."""
    if char.isspace():
        return True
    return all(bytes(load_font(path, 32).getmask(char)) != _notdef_mask(path) for path in (REGULAR_FONT, BOLD_FONT))


def control_characters(text: str) -> list[str]:
    """Control and direction-changing characters in ``text`` (new lines are allowed)."""
    found = []
    for char in text:
        if char in "\n\r\t":
            continue
        if unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS:
            found.append(char)
    return found


def drawable_text(text: str, *, multiline: bool = False) -> str:
    """The text as it will be drawn: composed accents, no emoji or glyphs the font lacks, tidy spaces.

    Used by the form (so the visitor sees what was left out) and for cache keys, so text that
    differs only by a dropped emoji gives the same graphic.
    """
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char == "\n":
            kept.append("\n" if multiline else " ")
        elif char == "\t":
            kept.append(" ")
        elif char in INVISIBLE_JOINERS or char in BIDI_CONTROLS or unicodedata.category(char) in {"Cc", "Cf"}:
            continue
        elif unicodedata.category(char) == "Mn" and not kept:
            continue
        elif font_has_glyph(char):
            kept.append(char)
    lines = [" ".join(line.split()) for line in "".join(kept).split("\n")]
    # No blank lines at the start or end; at most one blank line in a row.
    tidy: list[str] = []
    for line in lines:
        if not line and (not tidy or not tidy[-1]):
            continue
        tidy.append(line)
    while tidy and not tidy[-1]:
        tidy.pop()
    return "\n".join(tidy)


def text_width(font: ImageFont.FreeTypeFont, text: str) -> float:
    """The inked width: the advance, or further if the last glyph overhangs it."""
    if not text:
        return 0.0
    left, _, right, _ = font.getbbox(text)
    return max(font.getlength(text), right) - min(left, 0)


def _break_word(word: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Split a word too long for a line at character boundaries (no hyphenation dictionary)."""
    pieces, current = [], ""
    for char in word:
        if current and font.getlength(current + char) > max_width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


@lru_cache(maxsize=16384)
def _advance(path: str, size: int, text: str) -> float:
    return load_font(path, size).getlength(text)


def _font_advance(font: ImageFont.FreeTypeFont, text: str) -> float:
    return _advance(font.path, font.size, text)


def wrap(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Greedy word wrap to ``max_width`` pixels; explicit new lines are kept.

    A line's width is taken as its words' advances plus spaces (each word measured once and
    remembered): quick enough to try many sizes. ``_fits`` then checks the inked width of
    each final line, so kerning or an overhanging glyph can never push text over the edge.
    """
    space = _font_advance(font, " ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            lines.append("")
            continue
        current, current_width = "", 0.0
        for word in paragraph.split(" "):
            if not word:
                continue
            width = _font_advance(font, word)
            if current and current_width + space + width <= max_width:
                current, current_width = f"{current} {word}", current_width + space + width
                continue
            if current:
                lines.append(current)
            if width <= max_width:
                current, current_width = word, width
            else:
                *whole, current = _break_word(word, font, max_width)
                lines.extend(whole)
                current_width = _font_advance(font, current)
        lines.append(current)
    return lines


@dataclass(frozen=True)
class TextBlock:
    lines: list[str]
    font: ImageFont.FreeTypeFont
    line_height: int

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


@dataclass(frozen=True)
class TextLayout:
    """The organisation name and message, wrapped and sized to fit a box."""

    name: TextBlock
    message: TextBlock | None
    gap: int
    size: int

    @property
    def height(self) -> int:
        return self.name.height + (self.gap + self.message.height if self.message else 0)


def _block(text: str, path: str, size: int, spacing: float, max_width: float) -> TextBlock:
    font = load_font(path, size)
    ascent, descent = font.getmetrics()
    return TextBlock(lines=wrap(text, font, max_width), font=font, line_height=round((ascent + descent) * spacing))


def layout_at(name: str, message: str, size: int, width: float, message_ratio: float = MESSAGE_RATIO) -> TextLayout:
    message_size = max(MIN_FONT_SIZE, round(size * message_ratio))
    name_block = _block(name, BOLD_FONT, size, NAME_LINE_SPACING, width)
    message_block = _block(message, REGULAR_FONT, message_size, MESSAGE_LINE_SPACING, width) if message else None
    return TextLayout(name=name_block, message=message_block, gap=round(message_size * 0.8), size=size)


def _fits(layout: TextLayout, width: float, height: float) -> bool:
    if layout.height > height:
        return False
    blocks = [layout.name] + ([layout.message] if layout.message else [])
    return all(text_width(block.font, line) <= width for block in blocks for line in block.lines)


def fit_text(
    name: str, message: str, width: float, height: float, max_size: int, message_ratio: float = MESSAGE_RATIO
) -> TextLayout:
    """The largest text size at which everything fits the box, found by bisection.

    Words are never cut off: a word longer than the box is broken across lines. If even the
    smallest size cannot fit (a box far too small), the smallest layout is returned and the
    caller's box check (``GraphicDesign.clean``) is what prevents that in practice.
    """
    low, high = MIN_FONT_SIZE, max(MIN_FONT_SIZE, int(max_size))
    best = layout_at(name, message, low, width, message_ratio)
    if not _fits(best, width, height):
        return best
    while low < high:
        mid = (low + high + 1) // 2
        candidate = layout_at(name, message, mid, width, message_ratio)
        if _fits(candidate, width, height):
            low, best = mid, candidate
        else:
            high = mid - 1
    return best


def draw_layout(draw: ImageDraw.ImageDraw, layout: TextLayout, box: Box, colour, alignment: str = "left",
                valign: str = "middle") -> list[Box]:
    """Draw a fitted layout in ``box``; returns each line's inked box, as Pillow measures it.

    A line is placed by its inked extent (a glyph that overhangs its advance, an italic
    or a "j" reaching left), so what ``fit_text`` measured as fitting is drawn inside.
    """
    left, top, right, bottom = box
    width = right - left
    if valign == "top":
        y = top
    else:
        y = top + (bottom - top - layout.height) // 2
    inked: list[Box] = []
    blocks = [layout.name] + ([layout.message] if layout.message else [])
    for index, block in enumerate(blocks):
        if index:
            y += layout.gap
        for line in block.lines:
            if line:
                ink_left, _, ink_right, _ = block.font.getbbox(line)
                start = min(ink_left, 0)
                extent = max(block.font.getlength(line), ink_right) - start
                if alignment == "right":
                    x = right - extent - start
                elif alignment == "centre":
                    x = left + (width - extent) / 2 - start
                else:
                    x = left - start
                draw.text((x, y), line, font=block.font, fill=colour, anchor="la")
                inked.append(tuple(round(v) for v in draw.textbbox((x, y), line, font=block.font, anchor="la")))
            y += block.line_height
    return inked
