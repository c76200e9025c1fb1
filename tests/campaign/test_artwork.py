"""The mark, the brand files drawn from it and the illustrations."""

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.template import Context, Template
from PIL import Image, ImageChops

from campaign import artwork, illustrations

IMG = artwork.STATIC_IMG
ROOT = IMG.parent.parent


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_mark_is_hand_written_svg_in_the_palette_with_a_title():
    svg = (IMG / "logo.svg").read_text()
    assert artwork.title_of(IMG / "logo.svg") == "Social Prescribing Day"
    assert (IMG / "favicon.svg").read_text() == svg
    tokens = (ROOT / "static" / "css" / "tokens.css").read_text().lower()
    for colour in ("#0b5d57", "#f2a541", "#fffaf3", "#f7b7a3"):
        assert colour in svg and colour in tokens
    assert "<text" not in svg  # no text to blur at 16 px


def test_the_mark_still_shows_its_figures_at_16_pixels():
    """Three distinct colours survive at favicon size: the three people, not a blur."""
    icon = artwork.rasterise(IMG / "logo.svg", (16, 16)).convert("RGB")
    colours = {icon.getpixel((x, y)) for x in range(16) for y in range(16)}
    def near(target):
        return any(sum(abs(a - b) for a, b in zip(c, target, strict=True)) < 60 for c in colours)
    assert near((0x0b, 0x5d, 0x57)) and near((0xf2, 0xa5, 0x41)) and near((0xff, 0xfa, 0xf3))


def test_the_committed_brand_files_are_what_the_script_draws():
    script = load_script("draw_brand")
    for name, drawing, size in (
        ("favicon-32.png", script.favicon(), (32, 32)),
        ("apple-touch-icon.png", script.apple_touch_icon(), (180, 180)),
        ("share-card.png", script.share_card(), (1200, 630)),
    ):
        committed = Image.open(IMG / name)
        assert committed.size == size == drawing.size, name
        difference = ImageChops.difference(committed.convert("RGB"), drawing.convert("RGB")).getbbox()
        assert difference is None, f"{name} differs from scripts/draw_brand.py's output: run it and commit"


@pytest.mark.parametrize("drawing", illustrations.all_illustrations(), ids=lambda d: d.slug)
def test_each_illustration_has_a_text_alternative_and_rasterises(drawing):
    assert drawing.title and len(drawing.alt) > 40
    root = ET.parse(drawing.path).getroot()
    assert root.get("role") == "img" and root.get("viewBox") == "0 0 480 360"
    picture = artwork.rasterise(drawing.path, (120, 90))
    assert picture.size == (120, 90)
    assert picture.convert("RGB").getcolors(maxcolors=20) is None  # more than 20 colours: a drawing, not a blank


def test_the_illustrations_cover_the_brief():
    assert set(illustrations.SLUGS) == {
        "walking-group", "gardening", "arts-and-crafts", "singing", "cooking-and-eating", "volunteering",
        "link-worker-conversation",
    }
    described = " ".join(d.alt for d in illustrations.all_illustrations()).lower()
    assert "wheelchair" in described and "walking stick" in described and "older" in described


def test_the_rasteriser_refuses_what_it_cannot_draw():
    with pytest.raises(artwork.UnsupportedSvg):
        artwork.rasterise('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>Hi</text></svg>', (10, 10))
    with pytest.raises(artwork.UnsupportedSvg):
        artwork.rasterise('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5" style="fill:red"/></svg>', (10, 10))


def test_the_rasteriser_draws_shapes_where_svg_puts_them():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
           '<g transform="translate(50 0)"><rect width="50" height="50" fill="#ff0000"/></g>'
           '<path d="M0 100V60A40 40 0 0 1 40 100Z" fill="#0000ff"/></svg>')
    picture = artwork.rasterise(svg, (100, 100)).convert("RGBA")
    assert picture.getpixel((75, 25)) == (255, 0, 0, 255)
    assert picture.getpixel((25, 25))[3] == 0
    assert picture.getpixel((10, 90))[:3] == (0, 0, 255)


@pytest.mark.django_db
def test_the_illustration_tag_gives_an_image_with_its_description():
    html = Template('{% load campaign_tags %}{% illustration "gardening" %}').render(Context({}))
    drawing = illustrations.get("gardening")
    assert f'alt="{drawing.alt}"' in html and "illustrations/gardening.svg" in html and 'width="480"' in html
    decorative = Template('{% load campaign_tags %}{% illustration "gardening" decorative=True %}').render(Context({}))
    assert 'alt=""' in decorative


def test_the_screenshot_script_and_layout_test_share_one_list_of_page_types():
    text = (ROOT / "scripts" / "screenshots.py").read_text()
    assert "from tests.e2e.public_pages import PAGE_TYPES" in text
    assert Path(ROOT / "tests" / "e2e" / "public_pages.py").exists()
