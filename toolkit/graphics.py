"""Personalised graphics: a design's background with a visitor's organisation name and message,
and the campaign lockup (``toolkit.lockup``) in the band the design reserves for it.

Every size is drawn once per (design, design version, text, size): the files live in the
default storage under a hash of those inputs, and the cache remembers which exist, so a
repeat request costs a cache lookup. Nothing here trusts the text: the form has already
refused control characters, and ``text.drawable_text`` drops what the font cannot draw.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw, ImageOps

from toolkit.lockup import band_height, draw_lockup, lockup_layout, lockup_words
from toolkit.text import Box, draw_layout, drawable_text, fit_text

# Bump when the drawing code changes, so cached graphics are redrawn.
RENDERER_VERSION = "2"
STORAGE_ROOT = "toolkit/graphics"
CACHE_TIMEOUT = 7 * 24 * 3600
PREVIEW_MAX_WIDTH = 620  # half the widest size


@dataclass(frozen=True)
class GraphicSize:
    slug: str
    label: str
    use: str
    width: int
    height: int
    format: str  # "png" or "pdf"
    dpi: int = 72

    @property
    def noun(self) -> str:
        """How a sentence names it: 'the square post', 'the A4 poster'."""
        return self.label if self.label[:2].isupper() and self.label[1].isdigit() else self.label.lower()

    @property
    def extension(self) -> str:
        return self.format

    @property
    def content_type(self) -> str:
        return "application/pdf" if self.format == "pdf" else "image/png"

    @property
    def dimensions(self) -> str:
        return "A4 (210 × 297 mm)" if self.slug == "poster" else f"{self.width} × {self.height} pixels"


# A4 at 150 dots per inch: sharp enough for an office printer, quick to draw.
SIZES: tuple[GraphicSize, ...] = (
    GraphicSize("square", "Square post", "Instagram, Facebook and LinkedIn posts", 1080, 1080, "png"),
    GraphicSize("story", "Story", "Instagram, Facebook and WhatsApp stories", 1080, 1920, "png"),
    GraphicSize("landscape", "Landscape post", "X, Bluesky and Mastodon posts", 1200, 675, "png"),
    GraphicSize("link", "Link share", "LinkedIn and Facebook link images", 1200, 627, "png"),
    GraphicSize("poster", "A4 poster", "printing and pinning up", 1240, 1754, "pdf", dpi=150),
)
SIZES_BY_SLUG = {size.slug: size for size in SIZES}


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


# Backgrounds cropped to each size, kept per process: decoding a large photo is the slowest
# step. Bounded, so memory stays flat however many graphics are made.
_BACKGROUNDS: OrderedDict[tuple, Image.Image] = OrderedDict()
_BACKGROUNDS_LOCK = threading.Lock()
MAX_BACKGROUNDS = 12


def _centering(image) -> tuple[float, float]:
    """Where to crop around: the Wagtail focal point if the editor set one, else the middle."""
    if image.focal_point_x is not None and image.focal_point_y is not None and image.width and image.height:
        return (min(1.0, max(0.0, image.focal_point_x / image.width)),
                min(1.0, max(0.0, image.focal_point_y / image.height)))
    return (0.5, 0.5)


def fitted_background(design, size: GraphicSize) -> Image.Image:
    """The design's background cropped and scaled to ``size`` (a shared copy: do not draw on it)."""
    key = (design.pk, design.render_version, size.width, size.height)
    with _BACKGROUNDS_LOCK:
        if key in _BACKGROUNDS:
            _BACKGROUNDS.move_to_end(key)
            return _BACKGROUNDS[key]
    image = design.background
    with image.open_file() as handle:
        with Image.open(handle) as source:
            source.draft("RGB", (size.width, size.height))
            source = ImageOps.exif_transpose(source)
            fitted = ImageOps.fit(
                source.convert("RGB"), (size.width, size.height), Image.Resampling.LANCZOS,
                centering=_centering(image),
            )
    with _BACKGROUNDS_LOCK:
        _BACKGROUNDS[key] = fitted
        while len(_BACKGROUNDS) > MAX_BACKGROUNDS:
            _BACKGROUNDS.popitem(last=False)
    return fitted


def band_gap(width: int, height: int) -> int:
    """The space kept between the visitor's text area and the campaign band."""
    return round(min(width, height) * 0.02)


def band_fraction(size: GraphicSize) -> float:
    """How much of the canvas's height the band and its gap take in ``size``."""
    return (band_height(size.width, size.height) + band_gap(size.width, size.height)) / size.height


def band_clearance() -> tuple[float, GraphicSize]:
    """The most any size's band takes (as a fraction of height), and that size: a design's
    text area must stay clear of it."""
    size = max(SIZES, key=band_fraction)
    return band_fraction(size), size


def text_box(design, width: int, height: int) -> Box:
    """The visitor's text area in pixels: (left, top, right, bottom), inside the canvas.

    Kept clear of the campaign band: a text area an older design drew into the band's place
    is moved away from it (keeping its height where the canvas allows), never drawn over it.
    """
    left = round(design.box_left * width)
    top = round(design.box_top * height)
    right = min(width, round((design.box_left + design.box_width) * width))
    bottom = min(height, round((design.box_top + design.box_height) * height))
    gap = band_gap(width, height)
    if design.band_position == "top":
        limit = band_height(width, height) + gap
        if top < limit:
            bottom, top = min(height, bottom + limit - top), limit
    else:
        limit = height - band_height(width, height) - gap
        if bottom > limit:
            top, bottom = max(0, top - (bottom - limit)), limit
    return left, top, right, bottom


def design_lockup(design, size: GraphicSize):
    """The campaign lockup's boxes for a design in one size (its edition's date and hashtag)."""
    edition = design.edition
    words = lockup_words(edition.day, edition.year, edition.main_hashtag)
    return lockup_layout(size.width, size.height, design.band_position, words)


def draw_graphic(design, organisation: str, message: str, size: GraphicSize, *, outline: bool = False) -> Image.Image:
    """Draw one graphic. ``organisation`` and ``message`` must already be ``drawable_text``."""
    canvas = fitted_background(design, size).copy()
    draw_lockup(canvas, design_lockup(design, size), _rgb(design.band_colour), _rgb(design.band_text_colour))
    draw = ImageDraw.Draw(canvas)
    left, top, right, bottom = text_box(design, size.width, size.height)
    if design.panel_colour:
        draw.rectangle((left, top, right - 1, bottom - 1), fill=_rgb(design.panel_colour))
    if outline:
        draw.rectangle((left, top, right - 1, bottom - 1), outline=(230, 0, 126), width=max(2, size.width // 300))
    padding = round(min(right - left, bottom - top) * (0.08 if design.panel_colour else 0.03))
    inner_w = right - left - 2 * padding
    inner_h = bottom - top - 2 * padding
    layout = fit_text(organisation, message, inner_w, inner_h, max_size=round(size.width * 0.1))
    inner = (left + padding, top + padding, right - padding, bottom - padding)
    draw_layout(draw, layout, inner, _rgb(design.text_colour), alignment=design.alignment)
    return canvas


def encode(canvas: Image.Image, size: GraphicSize) -> bytes:
    buffer = io.BytesIO()
    if size.format == "pdf":
        canvas.save(buffer, "PDF", resolution=size.dpi, quality=88, title="Social Prescribing Day poster")
    else:
        # Level 1 keeps drawing quick; the size difference to level 9 is small for photos.
        canvas.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def encode_preview(canvas: Image.Image) -> bytes:
    """A half-size JPEG for the results page (a box filter: quick, and sharp enough)."""
    preview = canvas.reduce(2)
    buffer = io.BytesIO()
    preview.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


# --- Cache keys and storage -------------------------------------------------------------


def graphic_key(design, organisation: str, message: str) -> str:
    """The hash that names a visitor's set of graphics: design, its version and the text."""
    payload = json.dumps(
        [RENDERER_VERSION, design.pk, design.render_version, organisation, message], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def file_cache_key(key: str, size: GraphicSize) -> str:
    """One cache entry per generated file: (design id + version, text) hash and the size."""
    return f"toolkit:graphic:{key}:{size.slug}"


def graphic_folder(key: str) -> str:
    return f"{STORAGE_ROOT}/{key[:2]}/{key}"


def graphic_path(key: str, size: GraphicSize) -> str:
    return f"{graphic_folder(key)}/{size.slug}.{size.extension}"


def preview_path(key: str, size: GraphicSize) -> str:
    return f"{graphic_folder(key)}/{size.slug}-preview.jpg"


def manifest_path(key: str) -> str:
    return f"{graphic_folder(key)}/graphic.json"


def _save_exact(path: str, data: bytes) -> None:
    """Save to exactly ``path``; if a concurrent request wrote it first, keep theirs."""
    saved = default_storage.save(path, ContentFile(data))
    if saved != path:
        default_storage.delete(saved)


@dataclass(frozen=True)
class GraphicSet:
    """A visitor's graphics in every size, as the results page shows them."""

    key: str
    design_id: int
    organisation: str
    message: str
    design_name: str
    background_description: str
    year: int
    lockup: str = ""  # the campaign lockup's words, for the alt text (older sets have none)

    @property
    def files(self) -> list[dict]:
        return [
            {
                "size": size,
                "preview_url": default_storage.url(preview_path(self.key, size)),
                "alt": self.alt_text(size),
                "download_name": self.download_name(size),
            }
            for size in SIZES
        ]

    def alt_text(self, size: GraphicSize) -> str:
        text = f"{size.label}: “{self.organisation}”"
        if self.message:
            text += f" and “{' '.join(self.message.split())}”"
        text = f"{text}, on {self.background_description}"
        return f"{text}, with “{self.lockup}” in the campaign band" if self.lockup else text

    def download_name(self, size: GraphicSize) -> str:
        return f"social-prescribing-day-{self.year}-{size.slug}.{size.extension}"

    def as_json(self) -> str:
        return json.dumps(
            {
                "design_id": self.design_id,
                "organisation": self.organisation,
                "message": self.message,
                "design_name": self.design_name,
                "background_description": self.background_description,
                "year": self.year,
                "lockup": self.lockup,
            },
            ensure_ascii=False,
        )


def make_graphics(design, organisation: str, message: str) -> GraphicSet:
    """Make (or find) the visitor's graphics in every size and return the set.

    Inputs are passed through ``drawable_text`` again, so callers cannot cache by text that
    differs from what is drawn.
    """
    organisation = drawable_text(organisation)
    message = drawable_text(message, multiline=True)
    key = graphic_key(design, organisation, message)
    graphic_set = GraphicSet(
        key=key,
        design_id=design.pk,
        organisation=organisation,
        message=message,
        design_name=design.name,
        background_description=design.background_description,
        year=design.edition.year,
        lockup=", ".join(lockup_words(design.edition.day, design.edition.year, design.edition.main_hashtag)),
    )
    cache_keys = {size.slug: file_cache_key(key, size) for size in SIZES}
    known = cache.get_many(list(cache_keys.values()) + [f"toolkit:graphic-set:{key}"])
    if len(known) == len(cache_keys) + 1:
        return graphic_set
    if f"toolkit:graphic-set:{key}" not in known:
        if not default_storage.exists(manifest_path(key)):
            _save_exact(manifest_path(key), graphic_set.as_json().encode())
        cache.set(f"toolkit:graphic-set:{key}", graphic_set.as_json(), CACHE_TIMEOUT)
    # Text is drawn here, one size at a time (FreeType faces are not shared across threads);
    # encoding and saving, most of the time and GIL-free in Pillow, overlap on the pool.
    pending = []
    for size in SIZES:
        if cache_keys[size.slug] in known:
            continue
        path, preview = graphic_path(key, size), preview_path(key, size)
        if not (default_storage.exists(path) and default_storage.exists(preview)):
            canvas = draw_graphic(design, organisation, message, size)
            pending.append(_encoder_pool().submit(_encode_and_save, canvas, size, path, preview))
    for future in pending:
        future.result()
    cache.set_many({cache_keys[size.slug]: True for size in SIZES}, CACHE_TIMEOUT)
    return graphic_set


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _encoder_pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2)), thread_name_prefix="graphics")
        return _POOL


def _encode_and_save(canvas: Image.Image, size: GraphicSize, path: str, preview: str) -> None:
    _save_exact(path, encode(canvas, size))
    _save_exact(preview, encode_preview(canvas))


def load_graphic_set(key: str) -> GraphicSet | None:
    """A set made earlier, by its key (from the cache, else the manifest in storage)."""
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        return None
    raw = cache.get(f"toolkit:graphic-set:{key}")
    if raw is None:
        try:
            with default_storage.open(manifest_path(key)) as handle:
                raw = handle.read().decode()
        except (FileNotFoundError, OSError):
            return None
        cache.set(f"toolkit:graphic-set:{key}", raw, CACHE_TIMEOUT)
    data = json.loads(raw)
    return GraphicSet(key=key, **data)


def sample_previews(design) -> list[tuple[str, str]]:
    """For the admin preview: every size with sample text and the safe area outlined (data URIs)."""
    if not design.background_id:
        return []
    previews = []
    for size in SIZES:
        canvas = draw_graphic(
            design, "Your organisation's name",
            "We're supporting Social Prescribing Day #SocialPrescribingDay", size, outline=True,
        )
        data = base64.b64encode(encode_preview(canvas)).decode()
        previews.append((f"{size.label} ({size.dimensions})", f"data:image/jpeg;base64,{data}"))
    return previews


def clear_old_graphics(older_than_days: int = 30) -> int:
    """Delete visitors' graphics made more than ``older_than_days`` ago; returns how many sets.

    The results page promises to keep them 'a few weeks'; run daily (manage.py
    clear_toolkit_graphics) so storage does not grow without end.
    """
    cutoff = timezone.now() - timedelta(days=older_than_days)
    removed = 0
    try:
        prefixes, _ = default_storage.listdir(STORAGE_ROOT)
    except FileNotFoundError:
        return 0
    for prefix in prefixes:
        keys, _ = default_storage.listdir(f"{STORAGE_ROOT}/{prefix}")
        for key in keys:
            folder = f"{STORAGE_ROOT}/{prefix}/{key}"
            _, files = default_storage.listdir(folder)
            manifest = manifest_path(key)
            try:
                made = default_storage.get_modified_time(manifest if "graphic.json" in files else f"{folder}/{files[0]}")
            except (IndexError, FileNotFoundError, NotImplementedError):
                continue
            if made >= cutoff:
                continue
            cache.delete_many([f"toolkit:graphic-set:{key}"] + [file_cache_key(key, size) for size in SIZES])
            for name in files:
                default_storage.delete(f"{folder}/{name}")
            removed += 1
    return removed
