"""Photos the public submits, stored as Wagtail images in a collection of their own.

The file must already be cleaned (``uploads.clean_uploaded_image``). A separate collection
keeps submitted photos apart from the editors' library, so they are not reused elsewhere.
The image's title and description are neutral: the submitter's description of the photo is
unreviewed text, so it lives on the page (where moderators review and redact it), never here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.files import File
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, ReferenceIndex

DESCRIPTION_LENGTH = 255


def submission_collection(name: str) -> Collection:
    """The collection called ``name`` under the root, created the first time it is needed.

    Wagtail's migrations make the root; a database flushed since (as transactional tests do)
    has none, and a submission must not fail for that.
    """
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def neutral_title(kind: str) -> str:
    """A title that says what the image is for and nothing about who sent it."""
    return f"{kind} {uuid.uuid4().hex[:8]}"


def store_image(clean_file: File, *, title: str, collection: str, description: str = "") -> AbstractImage:
    """Save a cleaned upload as a Wagtail image; callers pass a neutral title (``neutral_title``)."""
    image = get_image_model()(
        title=title[:255], description=description.strip()[:DESCRIPTION_LENGTH],
        collection=submission_collection(collection),
    )
    image.file.save(clean_file.name, clean_file, save=False)
    image.save()
    return image


def delete_unused_images(image_ids: Iterable[int | None], *, collection: str) -> int:
    """Delete submitted images of ``collection`` that no page uses any more; returns how many.

    A page's photo survives only as long as something refers to it (Wagtail's reference
    index); a photo only an erased page or a discarded revision used is personal data with no
    purpose left. Deleting an image deletes its file and renditions.
    """
    ids = {pk for pk in image_ids if pk}
    deleted = 0
    for image in get_image_model().objects.filter(pk__in=ids, collection__name=collection):
        if not ReferenceIndex.get_references_to(image).exists():
            image.delete()
            deleted += 1
    return deleted
