"""The demo toolkit's files are drawn by the graphic maker's text fitting: no text runs off or is cut."""

from datetime import date

import pytest

from campaign.editions.models import EditionPage
from toolkit.demo import artwork_2027, artwork_past

pytestmark = pytest.mark.django_db

THEMES = ["Connected communities", "What matters to you: listening, supporting and connecting people in every community across the four nations"]


def inside(inner, outer) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def every_file(theme: str):
    edition = EditionPage(year=2027, day=date(2027, 3, 12), hashtags="#SocialPrescribingDay", theme=theme,
                          primary_colour="#0b5d57", accent_colour="#f2a541")
    past = EditionPage(year=2026, day=date(2026, 3, 12), hashtags="#SocialPrescribingDay", theme=theme,
                       primary_colour="#224f8a", accent_colour="#f2a541")
    files = {**artwork_2027(edition), **{f"past {name}": pages for name, pages in artwork_past(past).items()}}
    return [(f"{name} page {number}", page) for name, pages in files.items() for number, page in enumerate(pages, 1)]


@pytest.mark.parametrize("theme", THEMES, ids=["short theme", "long theme"])
def test_every_text_of_every_demo_file_stays_in_its_box(theme):
    files = every_file(theme)
    assert {name.split(" page")[0] for name, _ in files} >= {
        "poster", "waiting", "square", "story", "banner", "signature", "slides", "link_guide", "group_guide"}
    for name, page in files:
        width, height = page.image.size
        assert page.texts, f"{name}: no text measured"
        for placed in page.texts:
            assert inside(placed.bound, (0, 0, width, height)), f"{name}: the box of {placed.text!r} leaves the page"
            drawn = [line for line in placed.lines if line]
            assert len(placed.inked) == len(drawn), f"{name}: {placed.text!r} lines and inked boxes differ"
            for line, box in zip(drawn, placed.inked, strict=True):
                assert inside(box, placed.bound), f"{name}: {line!r} at {box} runs out of {placed.bound}"
            # Nothing cut: every word is drawn, in order (long words may break across lines).
            assert "".join(placed.text.split()) == "".join("".join(placed.lines).split()), f"{name}: {placed.text!r}"
        # Text boxes on one page never overlap each other's inked lines.
        boxes = [box for placed in page.texts for box in placed.inked]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), f"{name}: lines {a} and {b} overlap"


def test_every_demo_file_carries_the_campaign_name_date_and_hashtag():
    for name, page in every_file(THEMES[0]):
        texts = [placed.text for placed in page.texts]
        assert "Social Prescribing Day" in texts, name
        assert any(text.startswith("12 March 202") and text.endswith("· #SocialPrescribingDay") for text in texts), name
