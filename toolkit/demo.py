"""Demo toolkits and graphic-maker designs, every file drawn here with Pillow (nothing in git).

Idempotent: a toolkit, design, image or document that already exists (by edition or title)
is left alone. Everything is marked as demo and the pages label it.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from campaign.artwork import STATIC_IMG, rasterise
from campaign.editions.models import EditionPage
from toolkit.lockup import draw_lockup, lockup_layout, lockup_words, mark_image
from toolkit.models import Audience, Category, GraphicDesign, Toolkit, ToolkitResource
from toolkit.text import Box, draw_layout, fit_text

CREAM = (255, 250, 243)
INK = (27, 27, 31)


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _backdrop(size, primary, accent, seed) -> Image.Image:
    """Soft circles and paths in the edition's colours: people meeting, loosely drawn."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, _hex(primary))
    draw = ImageDraw.Draw(image, "RGBA")
    w, h = size
    for _ in range(12):
        r = rng.randint(min(w, h) // 10, min(w, h) // 3)
        x, y = rng.randint(0, w), rng.randint(0, h)
        colour = _hex(accent) if rng.random() < 0.5 else CREAM
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour + (rng.randint(50, 150),))
    for _ in range(4):
        points = [(rng.randint(0, w), rng.randint(0, h)) for _ in range(4)]
        draw.line(points, fill=CREAM + (120,), width=max(4, w // 120), joint="curve")
    return image


@dataclass(frozen=True)
class PlacedText:
    """A text as drawn on a demo file: its lines, their inked boxes and the box they must keep to."""

    text: str
    lines: list[str]
    inked: list[Box]
    bound: Box


@dataclass
class Artwork:
    """One drawn page (an image, or a page of a PDF) and every text on it, for the tests."""

    image: Image.Image
    texts: list[PlacedText] = field(default_factory=list)


def _fitted(artwork: Artwork, box: Box, name: str, message: str, *, colour=INK, max_size: int,
            alignment: str = "left", valign: str = "middle", message_ratio: float = 0.5) -> None:
    """Fit a heading and its text into ``box`` with the graphic maker's fitting code and draw them."""
    layout = fit_text(name, message, box[2] - box[0], box[3] - box[1], max_size=max_size, message_ratio=message_ratio)
    inked = draw_layout(ImageDraw.Draw(artwork.image), layout, box, colour, alignment=alignment, valign=valign)
    for text, block in ((name, layout.name), (message, layout.message)):
        if block is not None:
            artwork.texts.append(PlacedText(text, list(block.lines), inked[: len([ln for ln in block.lines if ln])], box))
            inked = inked[len([ln for ln in block.lines if ln]):]


def _words(edition) -> tuple[str, str]:
    return lockup_words(edition.day, edition.year, edition.main_hashtag)


def _with_lockup(artwork: Artwork, edition) -> Box:
    """Draw the campaign lockup along the bottom; returns the space left above it."""
    w, h = artwork.image.size
    lockup = lockup_layout(w, h, "bottom", _words(edition))
    inked = draw_lockup(artwork.image, lockup, CREAM, INK)
    name, message = _words(edition)
    artwork.texts.append(PlacedText(name, list(lockup.layout.name.lines), inked[:1], lockup.text))
    artwork.texts.append(PlacedText(message, list(lockup.layout.message.lines), inked[1:], lockup.text))
    return (0, 0, w, lockup.band[1])


def _poster(size, edition, heading, body, seed) -> Artwork:
    """The campaign's colours behind a cream panel with the words, and the lockup below."""
    w, h = size
    artwork = Artwork(_backdrop(size, edition.primary_colour, edition.accent_colour, seed))
    space = _with_lockup(artwork, edition)
    margin = round(min(w, h) * 0.06)
    panel_top = space[1] + (space[3] - space[1]) // (3 if h > w else 6)
    panel = (margin, panel_top, w - margin, space[3] - margin)
    ImageDraw.Draw(artwork.image).rectangle((panel[0], panel[1], panel[2] - 1, panel[3] - 1), fill=CREAM)
    padding = round(min(panel[2] - panel[0], panel[3] - panel[1]) * 0.1)
    inner = (panel[0] + padding, panel[1] + padding, panel[2] - padding, panel[3] - padding)
    _fitted(artwork, inner, heading, body, max_size=round(w * 0.09), message_ratio=0.45)
    return artwork


def _signature(edition) -> Artwork:
    """600 × 150: the mark and the lockup's words, nothing else (an email signature is small)."""
    w, h = 600, 150
    artwork = Artwork(Image.new("RGB", (w, h), CREAM))
    margin = 14
    side = h - 2 * margin
    mark = mark_image(side)
    artwork.image.paste(mark, (margin, margin), mark)
    name, message = _words(edition)
    _fitted(artwork, (margin * 2 + side, margin + 6, w - margin, h - margin - 6), name, message,
            max_size=60, message_ratio=0.62)
    return artwork


def _section_page(edition, title, heading, text) -> Artwork:
    """An A4 guide page at 100 dpi: the guide's title in a bar, a heading and its text."""
    size = (827, 1169)
    artwork = Artwork(Image.new("RGB", size, "white"))
    space = _with_lockup(artwork, edition)
    draw = ImageDraw.Draw(artwork.image)
    draw.rectangle((0, 0, size[0] - 1, 89), fill=_hex(edition.primary_colour))
    _fitted(artwork, (60, 18, size[0] - 60, 72), title, "", colour=(255, 255, 255), max_size=34)
    _fitted(artwork, (60, 140, size[0] - 60, space[3] - 40), heading, text, max_size=44,
            valign="top", message_ratio=0.58)
    return artwork


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=86)
    return buffer.getvalue()


def _pdf(pages: list[Image.Image], title: str) -> bytes:
    buffer = io.BytesIO()
    pages = [page.image if isinstance(page, Artwork) else page for page in pages]
    pages[0].save(buffer, "PDF", resolution=100, save_all=True, append_images=pages[1:], title=title)
    return buffer.getvalue()


def _guide_pages(edition, title, sections, seed) -> list[Artwork]:
    """A4 pages at 100 dpi: a cover, then one page per section."""
    pages = [_poster((827, 1169), edition, title, "A demo guide drawn by the demo loader.", seed)]
    pages += [_section_page(edition, title, heading, text) for heading, text in sections]
    return pages


def _logo() -> Image.Image:
    """The site's own mark (static/img/logo.svg), so the toolkit hands out the real logo."""
    return rasterise(STATIC_IMG / "logo.svg", (1000, 1000))


def _image(title: str, description: str, data: bytes, filename: str):
    """A Wagtail image with its size and hash recorded, as an editor's upload has them."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    image = model(title=title, description=description, file_size=len(data), file_hash=hash_filelike(io.BytesIO(data)))
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


def _document(title: str, data: bytes, filename: str):
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    document = model(title=title, file_size=len(data), file_hash=hash_filelike(io.BytesIO(data)))
    document.file = ContentFile(data, name=filename)
    document.save()
    return document


def _audiences(*slugs: str) -> list[Audience]:
    return list(Audience.objects.filter(slug__in=slugs))


HASHTAG = "#SocialPrescribingDay"


SLIDES = [
    ("What is social prescribing?", "Connecting people with community support: groups, activities, advice and company."),
    ("Who link workers help", "Anyone whose health is affected by loneliness, money worries, stress or a long-term condition."),
    ("Taking part on the Day", "Open your doors, share a story, and post with the hashtag."),
]


def artwork_2027(edition) -> dict[str, list[Artwork]]:
    """Every drawn file of the current demo toolkit, page by page (images have one page).

    Pure drawing, no database: the tests measure each text against its box from here.
    """
    return {
        "poster": [_poster((1240, 1754), edition, "What matters to you?", "Ask at your GP practice about social prescribing.", 1)],
        "waiting": [_poster((1240, 1754), edition, "More than medicine", "Link workers connect people with groups, activities and support near them.", 2)],
        "square": [_poster((1080, 1080), edition, "We're supporting Social Prescribing Day", "Connecting people with what matters to them.", 3)],
        "story": [_poster((1080, 1920), edition, "Thank you, link workers", "For every walk, choir, garden and cup of tea you connect people with.", 4)],
        "banner": [_poster((1500, 500), edition, f"Social Prescribing Day {edition.year}", edition.theme or "", 5)],
        "signature": [_signature(edition)],
        "slides": [_poster((1280, 720), edition, title, text, 10 + i) for i, (title, text) in enumerate(SLIDES)],
        "link_guide": _guide_pages(edition, "A guide for link workers", [
            ("Plan your day", "Pick one thing you can do: an open session, a walk, a coffee morning with the groups you refer to."),
            ("Share what works", "Ask someone you have supported whether they would like to tell their story, and how."),
        ], 20),
        "group_guide": _guide_pages(edition, "A guide for community groups", [
            ("Open your doors", "Invite your local link workers to meet your members and see what you do."),
            ("Tell people", f"Post a photo of your group with {edition.main_hashtag} and tag your local health services."),
        ], 30),
    }


def artwork_past(edition) -> dict[str, list[Artwork]]:
    year = edition.year
    return {
        "poster": [_poster((1240, 1754), edition, f"Social Prescribing Day {year}", edition.theme or "", 40 + year)],
        "square": [_poster((1080, 1080), edition, "We supported Social Prescribing Day", "Thank you to everyone who took part.", 50 + year)],
    }


def _resources_2027(edition) -> list[dict]:
    year = edition.year
    day = edition.day.strftime("%-d %B") if edition.day else "March"
    art = artwork_2027(edition)
    poster = art["poster"][0].image
    poster_image = _image(f"Demo toolkit {year}: A4 poster", "Poster reading 'What matters to you?' over soft circles in the campaign colours", _jpeg(poster), f"demo-poster-{year}.jpg")
    poster_pdf = _document(f"Demo toolkit {year}: A4 poster (PDF)", _pdf([poster], "What matters to you?"), f"demo-poster-{year}.pdf")
    waiting_image = _image(f"Demo toolkit {year}: waiting room poster", "Poster reading 'More than medicine' over soft circles", _png(art["waiting"][0].image), f"demo-waiting-poster-{year}.png")
    square_image = _image(f"Demo toolkit {year}: square social graphic", "Square graphic reading 'We're supporting Social Prescribing Day'", _png(art["square"][0].image), f"demo-square-{year}.png")
    story_image = _image(f"Demo toolkit {year}: story graphic", "Tall story graphic reading 'Thank you, link workers'", _png(art["story"][0].image), f"demo-story-{year}.png")
    banner_image = _image(f"Demo toolkit {year}: header banner", "Wide banner reading 'Social Prescribing Day' in the campaign colours", _png(art["banner"][0].image), f"demo-banner-{year}.png")
    logo_image = _image(f"Demo toolkit {year}: logo", "The Social Prescribing Day mark: three people linked round a circle, in amber, cream and blush on a teal disc", _png(_logo()), f"demo-logo-{year}.png")
    signature_image = _image(f"Demo toolkit {year}: email signature", "Email signature banner for Social Prescribing Day", _png(art["signature"][0].image), f"demo-signature-{year}.png")
    slides = _document(f"Demo toolkit {year}: presentation slides", _pdf(art["slides"], "Slides"), f"demo-slides-{year}.pdf")
    link_guide = _document(
        f"Demo toolkit {year}: guide for link workers", _pdf(art["link_guide"], "A guide for link workers"),
        f"demo-guide-link-workers-{year}.pdf",
    )
    group_guide = _document(
        f"Demo toolkit {year}: guide for community groups", _pdf(art["group_guide"], "A guide for community groups"),
        f"demo-guide-community-groups-{year}.pdf",
    )
    press = _document(
        f"Demo toolkit {year}: press release template",
        (
            f"PRESS RELEASE TEMPLATE: Social Prescribing Day {year} (demo)\n\n"
            f"[Organisation name] celebrates Social Prescribing Day on {day} {year}\n\n"
            "[Town], [date]: [Organisation name] is joining organisations across the country to mark "
            "Social Prescribing Day, which celebrates the link workers, GP practices and community groups "
            "who connect people with what matters to them.\n\n"
            "[Quote from your organisation]\n\n"
            "Notes to editors: [About your organisation]. Contact: [press contact].\n"
        ).encode(),
        f"demo-press-release-{year}.txt",
    )
    newsletter = _document(
        f"Demo toolkit {year}: newsletter article",
        (
            f"Newsletter article (demo): Social Prescribing Day {year}\n\n"
            f"On {day}, join us in celebrating social prescribing. Find out how a link worker could help "
            "you or someone you know, and come along to one of the events near you.\n"
        ).encode(),
        f"demo-newsletter-{year}.txt",
    )
    return [
        dict(title="A4 poster: What matters to you?", category=Category.POSTERS, document=poster_pdf, image=poster_image,
             description="For noticeboards and reception areas. Prints well on A4 or A3.",
             usage_notes="Print at 100% on A4 or scale up to A3.",
             audiences=("gp-practices", "community-groups", "link-workers")),
        dict(title="Waiting room poster: More than medicine", category=Category.POSTERS, image=waiting_image,
             description="Explains social prescribing in one line, for waiting rooms.",
             audiences=("gp-practices",)),
        dict(title="Square graphic: We're supporting the Day", category=Category.SOCIAL, image=square_image,
             description="For Instagram, Facebook and LinkedIn posts (1080 × 1080).",
             post_copy=f"We're proud to support Social Prescribing Day on {day}! Social prescribing connects people with community support that helps them feel better. {HASHTAG}",
             audiences=("link-workers", "gp-practices", "community-groups", "service-users")),
        dict(title="Story graphic: Thank you, link workers", category=Category.SOCIAL, image=story_image,
             description="For Instagram and Facebook stories (1080 × 1920).",
             post_copy=f"Thank you to every link worker making a difference in our community this {day}. {HASHTAG}",
             audiences=("link-workers", "service-users")),
        dict(title="Header banner for X and LinkedIn", category=Category.SOCIAL, image=banner_image,
             description="A profile header to show your support in the run-up to the Day (1500 × 500).",
             audiences=()),
        dict(title="Social Prescribing Day logo", category=Category.BRAND, image=logo_image,
             description="Transparent PNG for light and dark backgrounds.",
             usage_notes="Keep clear space around the logo of at least the width of one of its heads. Do not recolour or stretch it.",
             audiences=("press",)),
        dict(title="Presentation slides", category=Category.SLIDES, document=slides,
             description="Three slides introducing social prescribing and the Day, for team meetings and talks.",
             audiences=("link-workers", "gp-practices")),
        dict(title="Press release template", category=Category.TEMPLATES, document=press,
             description="Fill in the gaps to tell local media what you are doing on the Day.",
             audiences=("press", "community-groups")),
        dict(title="Newsletter article", category=Category.TEMPLATES, document=newsletter,
             description="A short piece for your newsletter or patient bulletin.",
             audiences=("gp-practices", "community-groups")),
        dict(title="Email signature banner", category=Category.TEMPLATES, image=signature_image,
             description="Add it to your email signature in the weeks before the Day (600 × 150).",
             audiences=()),
        dict(title="Guide for link workers", category=Category.GUIDES, document=link_guide,
             description="Ideas for marking the Day with the people and groups you work with.",
             audiences=("link-workers",)),
        dict(title="Guide for community groups", category=Category.GUIDES, document=group_guide,
             description="How your group can take part and connect with local link workers.",
             audiences=("community-groups",)),
    ]


def _resources_past(edition) -> list[dict]:
    year = edition.year
    art = artwork_past(edition)
    image = _image(f"Demo toolkit {year}: poster", f"Poster for Social Prescribing Day {year}", _jpeg(art["poster"][0].image), f"demo-poster-{year}.jpg")
    square_image = _image(f"Demo toolkit {year}: square graphic", "Square social graphic", _png(art["square"][0].image), f"demo-square-{year}.png")
    return [
        dict(title=f"Poster {year}", category=Category.POSTERS, image=image, description="The poster from this year.", audiences=()),
        dict(title="Square social graphic", category=Category.SOCIAL, image=square_image,
             description="The square graphic from this year.", post_copy=f"{HASHTAG} {year}", audiences=()),
    ]


def _toolkit(edition, make_resources, intro: str, stdout) -> None:
    if Toolkit.objects.filter(edition=edition).exists():
        return
    resources = make_resources(edition)
    toolkit = Toolkit(
        edition=edition, intro=intro, is_demo=True,
        brand_rules="Use the hashtag #SocialPrescribingDay. Keep the logo's colours and proportions. (Demo brand rules.)",
    )
    for order, data in enumerate(resources):
        audiences = data.pop("audiences")
        resource = ToolkitResource(sort_order=order, **data)
        resource.audiences.set(_audiences(*audiences))
        toolkit.resources.add(resource)
    toolkit.save()
    stdout.write(f"Created the demo {edition.year} toolkit ({len(resources)} resources).")


DESIGNS = [
    # name, seed, box (left, top, width, height), text colour, panel colour, alignment, description
    ("Connections", 101, (0.08, 0.46, 0.84, 0.32), "#1b1b1f", "#fffaf3", "centre",
     "soft teal and amber circles with a cream panel"),
    ("Open door", 102, (0.08, 0.08, 0.84, 0.36), "#ffffff", "", "left",
     "a deep teal background with pale paths"),
    ("Together", 103, (0.1, 0.3, 0.8, 0.4), "#1b1b1f", "#f2a541", "centre",
     "overlapping circles around an amber panel"),
]


def _designs(edition, stdout) -> None:
    created = 0
    for order, (name, seed, box, text, panel, align, description) in enumerate(DESIGNS):
        if GraphicDesign.objects.filter(edition=edition, name=name).exists():
            continue
        background = _backdrop((1920, 1920), "#0b5d57" if order != 2 else "#224f8a", edition.accent_colour, seed)
        image = _image(f"Demo design {edition.year}: {name}", f"Background: {description}", _jpeg(background), f"demo-design-{edition.year}-{seed}.jpg")
        GraphicDesign.objects.create(
            edition=edition, name=name, background=image, background_description=description,
            box_left=box[0], box_top=box[1], box_width=box[2], box_height=box[3],
            text_colour=text, panel_colour=panel, alignment=align, sort_order=order, is_demo=True,
        )
        created += 1
    if created:
        stdout.write(f"Created {created} demo graphic designs for {edition.year}.")


DEFAULT_AUDIENCES = [
    ("link-workers", "Link workers"),
    ("gp-practices", "GP practices"),
    ("community-groups", "Community groups"),
    ("service-users", "People who use social prescribing"),
    ("press", "Press"),
]


def _ensure_audiences() -> None:
    """Migration 0002 creates these; a flushed database (browser tests) needs them back."""
    if not Audience.objects.exists():
        Audience.objects.bulk_create(
            [Audience(slug=slug, name=name, sort_order=order) for order, (slug, name) in enumerate(DEFAULT_AUDIENCES)]
        )


def load(stdout) -> None:
    _ensure_audiences()
    current = EditionPage.objects.filter(year=2027).first()
    if current is None:
        stdout.write("No 2027 edition: skipping the demo toolkit.")
        return
    _toolkit(current, _resources_2027,
             "Everything you need to take part in Social Prescribing Day 2027. (Demo: these files were drawn by the demo loader.)",
             stdout)
    _designs(current, stdout)
    past = EditionPage.objects.filter(year=2026).first()
    if past is not None:
        _toolkit(past, _resources_past, "The materials from Social Prescribing Day 2026 (demo).", stdout)
