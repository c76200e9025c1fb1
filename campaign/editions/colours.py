"""Colour rules that keep each edition's theme readable (WCAG 2.2 AA contrast)."""

import re

from django.core.exceptions import ValidationError

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DARK_TEXT = "#1b1b1f"
LIGHT_TEXT = "#ffffff"


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError("Enter a colour as # followed by six hexadecimal digits, e.g. #0b6e69.")


def relative_luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(background: str) -> str:
    """The text colour (near-black or white) with the better contrast on ``background``."""
    if contrast_ratio(background, DARK_TEXT) >= contrast_ratio(background, LIGHT_TEXT):
        return DARK_TEXT
    return LIGHT_TEXT


def validate_theme_colour(value: str) -> None:
    """A theme colour must carry text at 4.5:1 with either black or white text on it."""
    validate_hex_colour(value)
    if contrast_ratio(value, text_colour_on(value)) < 4.5:
        raise ValidationError(
            "This colour is too mid-toned for readable text on it; choose a darker or lighter shade."
        )
