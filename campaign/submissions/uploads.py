"""Checking and cleaning images the public uploads.

Every image is opened by Pillow (its content decides, not its name), refused when it is not
an image, too large, a decompression bomb or an unsupported type, then re-encoded: the
result carries no EXIF, GPS or other metadata and is no larger than needed.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_MAX_SIDE = 2000


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
