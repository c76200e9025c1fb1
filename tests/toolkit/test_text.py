"""Text for personalised graphics: what the font can draw, wrapping and shrinking to fit."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.text import (
    BOLD_FONT,
    MIN_FONT_SIZE,
    control_characters,
    drawable_text,
    fit_text,
    font_has_glyph,
    load_font,
    text_width,
    wrap,
)


def assert_fits(layout, width, height):
    assert layout.height <= height
    for block in [layout.name] + ([layout.message] if layout.message else []):
        for line in block.lines:
            assert text_width(block.font, line) <= width, line


@pytest.mark.parametrize("char", list("ŵŷâŴŶêîôûéàçñøåßłő") + ["€", "£", "’", "–"])
def test_the_font_draws_accented_and_welsh_letters(char):
    assert font_has_glyph(char)


@pytest.mark.parametrize("char", ["😀", "🏴", "中", "ع", "\U0001F1EC", "🫶"])
def test_the_font_lacks_emoji_and_scripts_it_cannot_draw(char):
    assert not font_has_glyph(char)


def test_emoji_are_dropped_and_spaces_tidied():
    assert drawable_text("Age UK 😀  Cymru 👩‍⚕️ 🇬🇧") == "Age UK Cymru"


def test_accents_are_composed_and_kept():
    assert drawable_text("Cafe\u0301 Ynys Mo\u0302n") == "Café Ynys Môn"
    assert drawable_text("Gwasanaeth ŵ ŷ â") == "Gwasanaeth ŵ ŷ â"


def test_new_lines_kept_only_in_a_message():
    assert drawable_text("Line one\r\nLine two") == "Line one Line two"
    assert drawable_text("Line one\r\n\r\n\r\nLine two\n", multiline=True) == "Line one\n\nLine two"


def test_control_characters_are_found_but_new_lines_are_fine():
    assert control_characters("Hello\nworld\t!") == []
    assert control_characters("Bad\x00name\x1b") == ["\x00", "\x1b"]
    assert control_characters("evil\u202etxt.exe") == ["\u202e"]


def test_only_emoji_leaves_nothing_to_draw():
    assert drawable_text("😀🎉") == ""


def test_short_name_gets_the_largest_size():
    layout = fit_text("Age UK", "", 800, 400, max_size=100)
    assert layout.size == 100
    assert layout.name.lines == ["Age UK"]
    assert_fits(layout, 800, 400)


def test_very_long_name_shrinks_and_wraps_but_fits():
    name = "The Royal Borough of Kensington and Chelsea Social Prescribing and Community Wellbeing Network"
    message = "We're supporting Social Prescribing Day on 12 March 2027 #SocialPrescribingDay"
    layout = fit_text(name, message, 600, 250, max_size=100)
    assert layout.size < 100
    assert len(layout.name.lines) >= 2
    assert " ".join(layout.name.lines) == name
    assert " ".join(layout.message.lines) == message
    assert_fits(layout, 600, 250)


def test_a_word_longer_than_the_box_is_broken_not_cut():
    word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    lines = wrap(word, load_font(BOLD_FONT, 80), 400)
    assert len(lines) > 1
    assert "".join(lines) == word
    layout = fit_text(word, "", 300, 200, max_size=120)
    assert "".join(layout.name.lines) == word
    assert_fits(layout, 300, 200)


def test_multi_line_message_keeps_its_lines():
    layout = fit_text("Age UK", "Line one\nLine two\nLine three", 800, 500, max_size=100)
    assert layout.message.lines[:3] == ["Line one", "Line two", "Line three"]
    assert_fits(layout, 800, 500)


def test_text_bigger_than_any_box_returns_the_smallest_size():
    layout = fit_text("A" * 80, "B " * 80, 60, 20, max_size=50)
    assert layout.size == MIN_FONT_SIZE


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "So"]), min_size=1, max_size=80),
    message=st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=160),
    width=st.integers(min_value=270, max_value=1100),
    height=st.integers(min_value=75, max_value=900),
)
def test_any_text_the_form_accepts_fits_any_box_an_editor_can_set(name, message, width, height):
    """The smallest box an editor can set (0.25 × 0.15 of the smallest canvas, less padding) still fits."""
    name, message = drawable_text(name) or "X", drawable_text(message, multiline=True)
    layout = fit_text(name, message, width, height, max_size=120)
    assert_fits(layout, width, height)
