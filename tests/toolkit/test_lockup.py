"""Every personalised graphic and poster carries the campaign lockup inside its safe area."""

import io
from datetime import date

import pytest
from PIL import Image, ImageChops

from tests.factories import EditionPageFactory
from tests.toolkit.factories import make_design
from toolkit import graphics
from toolkit.graphics import SIZES, draw_graphic, encode, fitted_background, text_box
from toolkit.lockup import lockup_words, mark_image
from toolkit.text import text_width

pytestmark = pytest.mark.django_db

LONG_NAME = "The Royal Borough of Kensington and Chelsea Social Prescribing and Community Wellbeing Network"


def inside(inner, outer) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def colours(image, box) -> set:
    return {colour for _, colour in image.crop(box).getcolors(maxcolors=1 << 20)}


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12), hashtags="#SocialPrescribingDay #SPD27")


def test_the_words_are_the_name_the_date_and_the_main_hashtag(edition):
    assert lockup_words(edition.day, edition.year, edition.main_hashtag) == (
        "Social Prescribing Day", "12 March 2027 · #SocialPrescribingDay")
    assert lockup_words(None, 2028, "#SocialPrescribingDay")[1] == "2028 · #SocialPrescribingDay"


@pytest.mark.parametrize("position", ["bottom", "top"])
@pytest.mark.parametrize("size", SIZES, ids=[s.slug for s in SIZES])
def test_lockup_is_drawn_inside_the_safe_area_in_every_size(edition, size, position):
    design = make_design(edition, band_position=position, band_colour="#fffaf3", band_text_colour="#1b1b1f",
                         box_top=0.05, box_height=0.9)  # a text area reaching into the band: moved clear of it
    lockup = graphics.design_lockup(design, size)
    canvas = draw_graphic(design, LONG_NAME, "x" * 160, size)
    width, height = size.width, size.height

    # The band runs along the chosen edge; the mark and the words lie in its part of the safe area.
    assert lockup.band[1] == 0 if position == "top" else lockup.band[3] == height
    assert inside(lockup.safe, (0, 0, width, height)) and lockup.safe[0] > 0 and lockup.safe[1] > 0
    assert inside(lockup.mark, lockup.content) and inside(lockup.text, lockup.content)
    layout = lockup.layout
    blocks = [layout.name, layout.message]
    assert [line for block in blocks for line in block.lines] == ["Social Prescribing Day", "12 March 2027 · #SocialPrescribingDay"]
    assert layout.height <= lockup.text[3] - lockup.text[1]
    assert all(text_width(b.font, line) <= lockup.text[2] - lockup.text[0] for b in blocks for line in b.lines)
    # Legible: the name at least 2.2% of the short side (24 px on a square post).
    assert layout.name.font.size >= 0.022 * min(width, height)

    # The visitor's text area never reaches the band.
    assert not overlaps(text_box(design, width, height), lockup.band)

    # Pixels: the band's colour fills it, nothing is drawn in its unsafe margins, the mark is
    # there as drawn, and the words are inked in the band's text colour inside their box.
    band = lockup.band
    edge = (band[0], band[1], band[2], lockup.safe[1]) if position == "top" else (band[0], lockup.safe[3], band[2], band[3])
    for margin in (edge, (0, band[1], lockup.safe[0], band[3]), (lockup.safe[2], band[1], width, band[3])):
        assert colours(canvas, margin) == {(255, 250, 243)}, margin
    side = lockup.mark[2] - lockup.mark[0]
    mark = Image.new("RGB", (side, side), (255, 250, 243))
    mark.paste(mark_image(side), (0, 0), mark_image(side))
    assert ImageChops.difference(canvas.crop(lockup.mark), mark).getbbox() is None
    assert (11, 93, 87) in colours(canvas, lockup.mark)  # the mark's teal disc
    words = canvas.crop(lockup.text)
    assert (27, 27, 31) in colours(canvas, lockup.text)
    assert ImageChops.difference(words, Image.new("RGB", words.size, (255, 250, 243))).getbbox() is not None
    between = (lockup.text[0], lockup.content[1], lockup.content[2], lockup.content[3])
    blank = Image.new("RGB", canvas.size, (255, 250, 243))
    blank.paste(canvas.crop(lockup.text), lockup.text[:2])
    assert ImageChops.difference(canvas.crop(between), blank.crop(between)).getbbox() is None, "ink outside the words' box"

    # Outside the band, the background is untouched except the visitor's text area.
    background = fitted_background(design, size)
    rest = (0, band[3], width, height) if position == "top" else (0, 0, width, band[1])
    changed = ImageChops.difference(canvas.crop(rest), background.crop(rest)).getbbox()
    box = text_box(design, width, height)
    offset_box = (box[0] - rest[0], box[1] - rest[1], box[2] - rest[0], box[3] - rest[1])
    assert changed is not None and inside(changed, offset_box)


def test_the_poster_pdf_carries_the_lockup(edition):
    design = make_design(edition)
    size = graphics.SIZES_BY_SLUG["poster"]
    canvas = draw_graphic(design, "Age UK", "", size)
    pdf = encode(canvas, size)
    assert pdf.startswith(b"%PDF")
    lockup = graphics.design_lockup(design, size)
    # Pillow writes the page as one JPEG stream: open it and find the mark and the band there.
    jpeg = pdf[pdf.index(b"\xff\xd8"): pdf.rindex(b"\xff\xd9") + 2]
    with Image.open(io.BytesIO(jpeg)) as page:
        assert page.size == (size.width, size.height)
        centre = ((lockup.mark[0] + lockup.mark[2]) // 2, (lockup.mark[1] + lockup.mark[3]) // 2)
        teal = page.convert("RGB").getpixel((centre[0], lockup.mark[1] + 3 * (lockup.mark[3] - lockup.mark[1]) // 5))
        band = page.convert("RGB").getpixel((lockup.safe[0] // 2, lockup.band[3] - 2))
    assert all(abs(a - b) <= 12 for a, b in zip(band, (255, 250, 243), strict=True)), band
    assert all(abs(a - b) <= 20 for a, b in zip(teal, (11, 93, 87), strict=True)), teal


def test_a_design_may_not_put_its_text_area_in_the_band(edition):
    from django.core.exceptions import ValidationError

    design = make_design(edition, box_top=0.55, box_height=0.35)
    with pytest.raises(ValidationError) as error:
        design.full_clean()
    assert "runs into the campaign band at the bottom" in str(error.value)
    design.box_top, design.box_height = 0.4, 0.35
    design.full_clean()
    design.band_position, design.box_top = "top", 0.05
    with pytest.raises(ValidationError) as error:
        design.full_clean()
    assert "runs into the campaign band at the top" in str(error.value)
    design.box_top = 0.3
    design.band_text_colour = "#f0f0f0"
    with pytest.raises(ValidationError) as error:
        design.full_clean()
    assert "contrast" in str(error.value)


def test_a_new_date_or_hashtag_redraws_the_graphics(edition):
    design = make_design(edition)
    key = graphics.graphic_key(design, "Age UK", "")
    edition.hashtags = "#SPD27"
    design.__dict__.pop("render_version", None)
    del edition.__dict__["hashtag_list"]
    assert graphics.graphic_key(design, "Age UK", "") != key
