"""Checking and cleaning images the public uploads.

Every image is opened by Pillow (its content decides, not its name), refused when it is not
an image, too large, a decompression bomb or an unsupported type, then re-encoded: the
result carries no EXIF, GPS or other metadata and is no larger than needed.

``without_metadata`` does the same for images editors and moderators upload in the admin
(the image form the kernel gives Wagtail): EXIF (with GPS), XMP, IPTC, JPEG comments, PNG
text chunks and GIF comments and extensions are dropped; pixels are re-encoded only when
there was something to drop, turned upright first so the EXIF orientation is not lost.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_MAX_SIDE = 2000
# What Pillow reads from a file that only affects how it is drawn. Anything else (exif, xmp,
# photoshop/IPTC, comment, PNG text chunks, GIF extensions) is metadata to drop.
RENDERING_INFO = {
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "adobe", "adobe_transform",
    "progressive", "progression", "icc_profile", "transparency", "gamma", "srgb", "chromaticity",
    "aspect", "interlace", "version", "background", "duration", "loop", "disposal", "blend",
    "timestamp", "bbox", "default_image",
}
REENCODE_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WEBP"}


def clean_uploaded_image(
    upload,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    max_side: int = DEFAULT_MAX_SIDE,
    allowed_formats: set[str] = ALLOWED_FORMATS,
) -> ContentFile:
    """Validate an uploaded image and return a clean re-encoded copy (JPEG, or PNG if transparent)."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            f"This image is too large ({size / 1024 / 1024:.1f} MB). The limit is {max_bytes // (1024 * 1024)} MB.",
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(f"This image is too large. The limit is {max_bytes // (1024 * 1024)} MB.", code="too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                if width * height > max_pixels:
                    raise ValidationError(
                        f"This image has too many pixels ({width}×{height}). Please send a smaller one.",
                        code="too_many_pixels",
                    )
                if image_format not in allowed_formats:
                    raise ValidationError(
                        f"{image_format or 'This'} images are not accepted. Please send a JPEG, PNG, WebP or GIF.",
                        code="unsupported",
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
                image = image.convert("RGBA" if has_alpha else "RGB")
                image.thumbnail((max_side, max_side), Image.LANCZOS)
                image.info = {}  # Pillow would write a JPEG comment or EXIF it read back out again.
                out = io.BytesIO()
                if has_alpha:
                    image.save(out, "PNG", optimize=True)
                    extension = "png"
                else:
                    image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
                    extension = "jpg"
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This image is too large in pixels to be processed safely. Please send a smaller one.",
            code="decompression_bomb",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("This file is not an image we can read. Please send a JPEG, PNG, WebP or GIF.",
                              code="not_an_image") from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def metadata_keys(image: Image.Image) -> set[str]:
    """The metadata Pillow found in an image (empty for a clean one).

    A GIF's application extension is metadata (XMP is stored in one) unless it is the
    NETSCAPE block that makes an animation loop.
    """
    keys = set(image.info) - RENDERING_INFO
    extension = image.info.get("extension")
    if extension and extension[0].startswith(b"NETSCAPE2.0"):
        keys.discard("extension")
    return keys


def without_metadata(upload: File) -> File:
    """The upload itself when it carries no metadata, else a copy re-encoded without any.

    Formats Pillow cannot write back (or files it cannot read) are returned as they are;
    Wagtail's own checks decide whether they are images at all.
    """
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = REENCODE_AS.get(image.format or "")
            # Pillow reports only a GIF's last application extension, so GIFs are always rewritten.
            if fmt is None or (fmt != "GIF" and not metadata_keys(image)):
                return upload
            keep = {k: v for k, v in image.info.items() if k in RENDERING_INFO and k != "background"}
            out = io.BytesIO()
            if getattr(image, "n_frames", 1) > 1:
                frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
                for frame in frames:
                    frame.info = {k: v for k, v in frame.info.items() if k in RENDERING_INFO}
                frames[0].save(out, fmt, save_all=True, append_images=frames[1:], **keep)
            else:
                clean = ImageOps.exif_transpose(image) if "exif" in image.info else image.copy()
                clean.info = {}
                options = {"quality": 95} if fmt in ("JPEG", "WEBP") else {}
                clean.save(out, fmt, **options, **keep)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return upload
    return ContentFile(out.getvalue(), name=getattr(upload, "name", None) or f"{uuid.uuid4().hex}.{fmt.lower()}")
