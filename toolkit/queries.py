"""Looking up toolkits and their resources for the public pages (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from wagtail.images import get_image_model

from campaign.cache import public_memo
from campaign.editions.current import focus_for
from toolkit.access import audiences_with_flag, with_restriction_flag
from toolkit.models import (
    CATEGORY_ORDER,
    Audience,
    Category,
    GraphicDesign,
    Toolkit,
    ToolkitResource,
)

PREVIEW_FILTER = "max-480x320"


def published_toolkits():
    return Toolkit.objects.filter(live=True, edition__live=True).select_related("edition")


def toolkit_for_year(year: int) -> Toolkit | None:
    return published_toolkits().filter(edition__year=year).first()


def kept_toolkit_for_year(year: int) -> Toolkit | None:
    """``toolkit_for_year`` for the toolkit pages: kept by the worker until public content
    changes; a year without one is asked again (any year can be asked for)."""
    return public_memo(f"toolkit-of-year:{year}", lambda: toolkit_for_year(year), keep=lambda found: found is not None)


def current_toolkit(request) -> tuple[Toolkit | None, object | None]:
    """The toolkit of the edition the site is about, with the edition (whose toolkit may not be
    ready yet): the Day just gone while it is held after the Day, else the current one."""
    edition = focus_for(request).edition
    if edition is None:
        return None, None
    # The same for every visitor until public content changes: kept by the worker.
    toolkit = public_memo(
        f"toolkit-of-edition:{edition.pk}", lambda: published_toolkits().filter(edition_id=edition.pk).first()
    )
    return toolkit, edition


def toolkit_audiences(toolkit: Toolkit) -> list[Audience]:
    """The audiences of a toolkit's resources, each with `has_public` (a public resource is for them)."""
    return list(audiences_with_flag(Audience.objects.filter(resources__toolkit=toolkit).distinct(), toolkit.pk))


def toolkit_resources(toolkit: Toolkit, audience: Audience | None = None) -> list[ToolkitResource]:
    """A toolkit's resources with documents, image previews and audiences in four queries.

    Each carries `is_restricted` (its document is in a private collection): filter the list with
    toolkit.access.visible_to before showing it.
    """
    images = get_image_model().objects.prefetch_renditions(PREVIEW_FILTER)
    queryset = with_restriction_flag(
        toolkit.resources.select_related("document__collection")
        .prefetch_related(Prefetch("image", queryset=images), "audiences")
        .order_by("sort_order", "pk")
    )
    if audience is not None:
        queryset = queryset.filter(audiences=audience)
    return list(queryset)


@dataclass
class CategoryGroup:
    slug: str
    label: str
    resources: list[ToolkitResource]


def group_by_category(resources: list[ToolkitResource]) -> list[CategoryGroup]:
    labels = dict(Category.choices)
    groups = {slug: CategoryGroup(slug, labels[slug], []) for slug in CATEGORY_ORDER}
    for resource in resources:
        groups.get(resource.category, groups[Category.OTHER]).resources.append(resource)
    return [group for group in groups.values() if group.resources]


def any_live_design() -> bool:
    """Whether the graphic maker has a design to offer (``live_designs`` of any edition is
    then non-empty): one query, where ``live_designs(...).exists()`` takes two."""
    return GraphicDesign.objects.filter(live=True, edition__live=True).exists()


def live_designs(edition=None):
    """Designs visitors can choose: the current edition's, else the latest edition that has some."""
    designs = GraphicDesign.objects.filter(live=True, edition__live=True).select_related("edition", "background")
    if edition is not None and designs.filter(edition=edition).exists():
        return designs.filter(edition=edition)
    latest = designs.order_by("-edition__year").values_list("edition_id", flat=True).first()
    return designs.filter(edition_id=latest) if latest else designs.none()
