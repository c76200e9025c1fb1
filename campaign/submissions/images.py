"""Photos the public submits, stored as Wagtail images in a collection of their own.

The file must already be cleaned (``uploads.clean_uploaded_image``). A separate collection
keeps submitted photos apart from the editors' library, so they are not reused elsewhere.
"""

from __future__ import annotations

from django.core.files import File
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection

DESCRIPTION_LENGTH = 255


def submission_collection(name: str) -> Collection:
    """The collection called ``name`` under the root, created the first time it is needed."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def store_image(clean_file: File, *, title: str, description: str, collection: str) -> AbstractImage:
    """Save a cleaned upload as a Wagtail image whose description is its alt text."""
    image = get_image_model()(
        title=title[:255], description=description.strip()[:DESCRIPTION_LENGTH],
        collection=submission_collection(collection),
    )
    image.file.save(clean_file.name, clean_file, save=False)
    image.save()
    return image


def copy_with_description(image: AbstractImage, description: str) -> AbstractImage:
    """A copy of the image with another description, so a live page's image stays as approved."""
    copy = get_image_model()(
        title=image.title, description=description.strip()[:DESCRIPTION_LENGTH], collection=image.collection,
    )
    with image.open_file() as source:
        copy.file.save(image.file.name.rsplit("/", 1)[-1], source, save=False)
    copy.save()
    return copy
