"""The toolkit's part in starting next year's Day (``campaign.registry.NEXT_EDITION_COPY``).

Next year's toolkit starts as last year's: the same notes and the same resources, in the same
categories and for the same audiences, hidden until an editor has replaced last year's files
and publishes it. The checklist counts the files still carried over.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from campaign.editions.models import EditionPage
from campaign.registry import ChecklistItem
from toolkit.models import Toolkit, ToolkitResource

COPIED_FIELDS = ("title", "description", "category", "document_id", "image_id", "usage_notes", "post_copy", "sort_order")


def copy_toolkit(source: EditionPage, edition: EditionPage) -> Toolkit | None:
    """Next year's toolkit, unpublished, with last year's resources, categories and audiences."""
    previous = Toolkit.objects.filter(edition=source).first()
    if previous is None:
        return None
    toolkit = Toolkit.objects.create(
        edition=edition, intro=previous.intro, licence=previous.licence, brand_rules=previous.brand_rules,
        live=False,
    )
    for resource in previous.resources.prefetch_related("audiences").order_by("sort_order"):
        copy = ToolkitResource.objects.create(
            toolkit=toolkit, **{field: getattr(resource, field) for field in COPIED_FIELDS},
        )
        copy.audiences.set(resource.audiences.all())
        copy.save()  # a ParentalManyToManyField is written when its resource is saved
    return toolkit


def _previous_toolkit(edition: EditionPage) -> Toolkit | None:
    return Toolkit.objects.filter(edition__year__lt=edition.year).order_by("-edition__year").first()


def carried_over(toolkit: Toolkit) -> int:
    """How many of the toolkit's resources still offer the previous year's document or image."""
    previous = _previous_toolkit(toolkit.edition)
    if previous is None:
        return 0
    old = previous.resources.all()
    documents = old.exclude(document=None).values("document_id")
    images = old.exclude(image=None).values("image_id")
    return toolkit.resources.filter(Q(document_id__in=documents) | Q(image_id__in=images)).count()


def toolkit_checklist(edition: EditionPage) -> list[ChecklistItem]:
    toolkit = Toolkit.objects.filter(edition=edition).first()
    if toolkit is None:
        return [ChecklistItem("Create the toolkit", False, reverse("wagtailsnippets_toolkit_toolkit:add"))]
    url = reverse("wagtailsnippets_toolkit_toolkit:edit", args=[toolkit.pk])
    stale = carried_over(toolkit)
    return [
        ChecklistItem(
            "Replace last year's files in the toolkit", stale == 0, url,
            f"{stale} of {toolkit.resources.count()} resources still offer last year's file." if stale else "",
        ),
        ChecklistItem("Publish the toolkit", toolkit.live, url, f"/{edition.year}/toolkit/ shows it once published."),
    ]
