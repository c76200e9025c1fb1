"""Files and objects for toolkit tests, made in memory with Pillow."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from toolkit.models import GraphicDesign, Toolkit, ToolkitResource


def png_bytes(size=(64, 48), colour=(11, 93, 87)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def noisy_jpeg(size=(1600, 1200), seed=1) -> bytes:
    """A photo-like background: gradients, so crops and text are visible in pixel checks."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    r, g, b = image.split()
    image = Image.merge("RGB", (r, g.rotate(90 * seed, expand=False), b.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def make_image(title="Test image", data: bytes | None = None, filename="test.png", description="A test picture"):
    image = get_image_model()(title=title, description=description)
    image.file = ImageFile(io.BytesIO(data or png_bytes()), name=filename)
    image._set_image_file_metadata()
    image.save()
    return image


def make_document(title="Test document", data=b"%PDF-1.4 test", filename="test.pdf"):
    document = get_document_model()(title=title)
    document.file = ContentFile(data, name=filename)
    document._set_document_file_metadata()
    document.save()
    return document


def make_toolkit(edition, live=True, **kwargs) -> Toolkit:
    return Toolkit.objects.create(edition=edition, live=live, **kwargs)


def make_resource(toolkit, title="Poster", category="posters", document=None, image=None, audiences=(), **kwargs):
    if document is None and image is None:
        document = make_document(f"{title} file", data=f"%PDF-1.4 {title}".encode(), filename="poster.pdf")
    resource = ToolkitResource.objects.create(
        toolkit=toolkit, title=title, category=category, document=document, image=image, **kwargs
    )
    if audiences:
        resource.audiences.set(audiences)  # a ParentalManyToManyField: saved with the resource
        resource.save()
    return resource


def make_design(edition, name="Connections", **kwargs) -> GraphicDesign:
    background = kwargs.pop("background", None) or make_image(
        f"{name} background", noisy_jpeg(), "background.jpg", "a gradient"
    )
    defaults = dict(
        background=background, background_description="a colourful gradient",
        box_left=0.1, box_top=0.55, box_width=0.8, box_height=0.35,
        text_colour="#1b1b1f", panel_colour="#fffaf3", alignment="centre",
    )
    defaults.update(kwargs)
    return GraphicDesign.objects.create(edition=edition, name=name, **defaults)
