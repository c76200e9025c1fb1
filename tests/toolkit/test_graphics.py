"""Drawing personalised graphics: sizes, formats, staying inside the safe area, and caching."""

import io
import re
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from PIL import Image, ImageChops

from tests.toolkit.factories import make_design
from toolkit import graphics
from toolkit.graphics import (
    SIZES,
    SIZES_BY_SLUG,
    draw_graphic,
    fitted_background,
    make_graphics,
    text_box,
)

pytestmark = pytest.mark.django_db

LONG_NAME = "The Royal Borough of Kensington and Chelsea Social Prescribing and Community Wellbeing Network"
MESSAGE = "We're supporting Social Prescribing Day on 12 March 2027 #SocialPrescribingDay"


def read(path: str) -> bytes:
    with default_storage.open(path) as handle:
        return handle.read()


def test_every_size_is_made_and_opens_back_at_the_right_dimensions(design):
    graphic_set = make_graphics(design, "Age UK Ynys Môn", MESSAGE)
    for size in SIZES:
        data = read(graphics.graphic_path(graphic_set.key, size))
        if size.format == "png":
            with Image.open(io.BytesIO(data)) as image:
                assert image.format == "PNG"
                assert image.size == (size.width, size.height)
        else:
            assert data.startswith(b"%PDF")
            # A4 in points (1/72 inch): 595 × 842, from 1240 × 1754 pixels at 150 dpi.
            box = re.search(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", data)
            assert box, data[:400]
            assert abs(float(box.group(1)) - 595.2) < 1 and abs(float(box.group(2)) - 841.9) < 1
        with Image.open(io.BytesIO(read(graphics.preview_path(graphic_set.key, size)))) as preview:
            assert preview.format == "JPEG"
            assert preview.width <= graphics.PREVIEW_MAX_WIDTH


@pytest.mark.parametrize("slug", ["square", "story", "landscape", "link", "poster"])
@pytest.mark.parametrize("name,message", [
    ("Age UK", ""),
    (LONG_NAME, MESSAGE),
    ("Gwasanaethau Cymdeithasol Ynys Môn ŵŷâ", "Diolch i'n gweithwyr cyswllt!\nDydd Presgripsiynu Cymdeithasol"),
    ("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", "x" * 160),
])
def test_text_never_leaves_the_safe_area(edition, slug, name, message):
    """Every pixel the text changes lies inside the text box: nothing overflows or is cut."""
    design = make_design(edition, panel_colour="", text_colour="#ffffff", alignment="left")
    size = SIZES_BY_SLUG[slug]
    drawn = draw_graphic(design, name, message, size)
    background = fitted_background(design, size).copy()
    band = graphics.design_lockup(design, size).band
    background.paste(drawn.crop(band), band[:2])  # the campaign band is test_lockup's subject
    changed = ImageChops.difference(drawn, background).getbbox()
    assert changed is not None, "no text was drawn"
    left, top, right, bottom = text_box(design, size.width, size.height)
    assert changed[0] >= left and changed[1] >= top and changed[2] <= right and changed[3] <= bottom


def test_text_is_drawn_in_the_text_colour(edition):
    design = make_design(edition, panel_colour="#fffaf3", text_colour="#1b1b1f")
    canvas = draw_graphic(design, "Age UK", "", SIZES_BY_SLUG["square"])
    left, top, right, bottom = text_box(design, 1080, 1080)
    colours = canvas.crop((left, top, right, bottom)).getcolors(maxcolors=1 << 16)
    darkest = min(colours, key=lambda c: sum(c[1]))[1]
    assert sum(darkest) < 3 * 40


def test_emoji_do_not_change_the_graphic(design):
    with_emoji = make_graphics(design, "Age UK 😀", "Hello 👋 world")
    without = make_graphics(design, "Age UK", "Hello world")
    assert with_emoji.key == without.key
    assert with_emoji.organisation == "Age UK"


def test_cache_key_depends_on_design_version_text_and_renderer(design, edition):
    key = graphics.graphic_key(design, "Age UK", "Hi")
    assert key == graphics.graphic_key(design, "Age UK", "Hi")
    assert key != graphics.graphic_key(design, "Age UK", "Hi!")
    assert key != graphics.graphic_key(design, "Age UK Cymru", "Hi")
    other = make_design(edition, name="Other")
    assert key != graphics.graphic_key(other, "Age UK", "Hi")
    design.box_top = 0.1
    design.__dict__.pop("render_version", None)
    assert key != graphics.graphic_key(design, "Age UK", "Hi")
    with mock.patch.object(graphics, "RENDERER_VERSION", graphics.RENDERER_VERSION + "-next"):
        design.box_top = 0.55
        design.__dict__.pop("render_version", None)
        assert key != graphics.graphic_key(design, "Age UK", "Hi")
    assert graphics.file_cache_key(key, SIZES[0]) != graphics.file_cache_key(key, SIZES[1])


def test_a_repeat_request_draws_nothing(design):
    with mock.patch.object(graphics, "draw_graphic", wraps=graphics.draw_graphic) as draw:
        make_graphics(design, "Age UK", MESSAGE)
        assert draw.call_count == len(SIZES)
        make_graphics(design, "Age UK", MESSAGE)
        assert draw.call_count == len(SIZES)


def test_files_in_storage_are_reused_when_the_cache_was_cleared(design):
    from django.core.cache import cache

    make_graphics(design, "Age UK", MESSAGE)
    cache.clear()
    with mock.patch.object(graphics, "draw_graphic") as draw:
        graphic_set = make_graphics(design, "Age UK", MESSAGE)
    draw.assert_not_called()
    assert graphics.load_graphic_set(graphic_set.key).organisation == "Age UK"


def test_a_changed_design_draws_again(design):
    make_graphics(design, "Age UK", "")
    design.alignment = "left"
    design.save()
    design.__dict__.pop("render_version", None)
    with mock.patch.object(graphics, "draw_graphic", wraps=graphics.draw_graphic) as draw:
        make_graphics(design, "Age UK", "")
    assert draw.call_count == len(SIZES)


def test_the_background_is_cropped_around_the_focal_point(edition):
    design = make_design(edition)
    image = design.background
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 100, 600, 50, 50
    image.save()
    design.refresh_from_db()
    assert graphics._centering(design.background) == pytest.approx((100 / 1600, 600 / 1200))


def test_load_graphic_set_refuses_malformed_keys():
    assert graphics.load_graphic_set("../../etc/passwd") is None
    assert graphics.load_graphic_set("0" * 64) is None


def test_alt_text_names_the_size_words_and_background(design):
    graphic_set = make_graphics(design, "Age UK", "Hello")
    alt = graphic_set.alt_text(SIZES_BY_SLUG["story"])
    day = f"{design.edition.day.day} {design.edition.day:%B %Y}"
    assert alt == (f"Story: “Age UK” and “Hello”, on a colourful gradient, with “Social Prescribing Day, "
                   f"{day} · {design.edition.main_hashtag}” in the campaign band")


def test_admin_preview_draws_every_size_with_sample_text(design):
    previews = graphics.sample_previews(design)
    assert len(previews) == len(SIZES)
    assert all(src.startswith("data:image/jpeg;base64,") for _, src in previews)


def test_old_graphics_are_cleared_away(design):
    import os
    import time

    from django.core.cache import cache

    old = make_graphics(design, "Old one", "")
    new = make_graphics(design, "New one", "")
    folder = default_storage.path(graphics.graphic_folder(old.key))
    past = time.time() - 40 * 24 * 3600
    for name in os.listdir(folder):
        os.utime(os.path.join(folder, name), (past, past))
    assert graphics.clear_old_graphics(30) == 1
    assert graphics.load_graphic_set(old.key) is None
    assert cache.get(graphics.file_cache_key(old.key, SIZES[0])) is None
    assert graphics.load_graphic_set(new.key) is not None
    # Made again later, the old graphics are drawn afresh rather than pointing at deleted files.
    with mock.patch.object(graphics, "draw_graphic", wraps=graphics.draw_graphic) as draw:
        make_graphics(design, "Old one", "")
    assert draw.call_count == len(SIZES)
