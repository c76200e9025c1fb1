"""The design system: one tokens file, used by every stylesheet, with AA contrast for text."""

import re
from pathlib import Path

import pytest

from campaign import design_tokens
from campaign.editions.colours import contrast_ratio

CSS = Path(design_tokens.TOKENS_CSS).parent
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(|:\s*(?:white|black)\b")
# Set per edition by /theme/<year>.css (campaign.editions.views.edition_theme_css).
THEME_TOKENS = {"--brand", "--on-brand", "--link", "--accent", "--on-accent"}


def stylesheets() -> list[Path]:
    return sorted(p for p in CSS.glob("*.css") if p.name != "tokens.css")


def test_the_tokens_file_defines_colour_type_spacing_and_radii():
    tokens, _ = design_tokens.load()
    names = set(tokens)
    assert THEME_TOKENS <= names
    assert {"--ink", "--paper", "--surface", "--error", "--focus"} <= names
    assert {"--step--1", "--step-0", "--step-1", "--step-4"} <= names
    assert {"--space-xs", "--space-s", "--space-l"} <= names
    assert {"--radius-s", "--radius", "--radius-pill"} <= names


def test_the_parser_reads_pairs_and_groups_as_written():
    tokens, pairs = design_tokens.parse(
        "/* @pair --a on --b */\n:root {\n  /* Colour: test */\n  --a: #000000;\n  --b: #ffffff; /* white */\n}\n"
    )
    assert pairs == [("--a", "--b")]
    assert [(t.name, t.value, t.group) for t in tokens] == [("--a", "#000000", "Colour: test"), ("--b", "#ffffff", "Colour: test")]


@pytest.mark.parametrize("pair", design_tokens.load()[1], ids=lambda p: f"{p.foreground.name} on {p.background.name}")
def test_every_text_pair_keeps_aa_contrast(pair):
    assert pair.foreground.is_colour and pair.background.is_colour
    assert contrast_ratio(pair.foreground.value, pair.background.value) >= 4.5, (
        f"{pair.foreground.name} {pair.foreground.value} on {pair.background.name} {pair.background.value}: "
        f"{pair.ratio:.2f}:1"
    )


def test_the_pairs_cover_the_text_colours_the_stylesheets_use():
    """Each token a stylesheet uses as a text colour appears in some checked pair."""
    _, pairs = design_tokens.load()
    paired = {p.foreground.name for p in pairs}
    used = set()
    for sheet in stylesheets():
        used |= set(re.findall(r"(?<![-\w])color:\s*var\((--[\w-]+)\)", sheet.read_text()))
    assert used and used <= paired, f"text colours with no contrast pair: {sorted(used - paired)}"


@pytest.mark.parametrize("sheet", stylesheets(), ids=lambda p: p.name)
def test_stylesheets_write_no_colour_of_their_own(sheet):
    text = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.S)
    assert not COLOUR_LITERAL.findall(text), f"{sheet.name} writes colours; use the tokens in tokens.css"


@pytest.mark.parametrize("sheet", stylesheets(), ids=lambda p: p.name)
def test_stylesheets_use_only_tokens_that_exist(sheet):
    tokens, _ = design_tokens.load()
    used = set(re.findall(r"var\((--[\w-]+)", sheet.read_text()))
    assert used <= set(tokens), f"{sheet.name} uses undefined tokens: {sorted(used - set(tokens))}"


def test_every_page_loads_the_tokens_before_its_own_styles():
    root = CSS.parent.parent / "templates"
    for name in ("base.html", "error_page.html", "reach/embed.html"):
        html = (root / name).read_text()
        assert html.index("css/tokens.css") < html.index(".css'", html.index("css/tokens.css") + 20)


@pytest.mark.django_db
def test_the_style_guide_shows_the_tokens_and_is_not_indexed(client):
    response = client.get("/styleguide/")
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    tokens, pairs = design_tokens.load()
    for name in ("--brand", "--space-s", "--radius-pill", "--step-3"):
        assert f"<code class=\"styleguide__name\">{name}</code>" in html
    assert html.count("styleguide__token") >= len(tokens)
    assert f"{pairs[0].ratio:.2f}:1" in html
    assert "class=\"button button--accent\"" in html and "<form" in html and "card-grid" in html
    assert " style=" not in html
