"""Looking up toolkits and their resources for the public pages (constant query counts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from wagtail.images import get_image_model

from campaign.cache import public_memo
from campaign.editions.current import focus_for
from toolkit.access import with_restriction_flag
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


def kept_published_toolkits() -> list[Toolkit]:
    """Every published toolkit, newest edition first, with its edition: one small query (one
    toolkit a year), kept by the worker until public content changes. The toolkit pages find
    the current one, a year's and the others in it."""
    return public_memo("published-toolkits", lambda: list(published_toolkits().order_by("-edition__year")))


def kept_toolkit_for_year(year: int) -> Toolkit | None:
    """The published toolkit of ``year``, from ``kept_published_toolkits``."""
    return next((toolkit for toolkit in kept_published_toolkits() if toolkit.edition.year == year), None)


def current_toolkit(request) -> tuple[Toolkit | None, object | None]:
    """The toolkit of the edition the site is about, with the edition (whose toolkit may not be
    ready yet): the Day just gone while it is held after the Day, else the current one."""
    edition = focus_for(request).edition
    if edition is None:
        return None, None
    toolkit = next((toolkit for toolkit in kept_published_toolkits() if toolkit.edition_id == edition.pk), None)
    return toolkit, edition


def toolkit_resources(toolkit: Toolkit) -> list[ToolkitResource]:
    """A toolkit's resources with documents, image previews and audiences in three queries.

    Each carries `is_restricted` (its document is in a private collection): filter the list with
    toolkit.access.visible_to before showing it. The audience filter and its choices are drawn
    from this list (``audiences_of``, ``for_audience``), not asked of the database again.
    """
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=PREVIEW_FILTER)
    queryset = with_restriction_flag(
        toolkit.resources.select_related("document__collection", "image")
        .prefetch_related(Prefetch("image__renditions", queryset=renditions), "audiences")
        .order_by("sort_order", "pk")
    )
    return list(queryset)


def audiences_of(resources: list[ToolkitResource]) -> list[Audience]:
    """The audiences ``resources`` are for, in the audiences' order, each with `has_public`:
    whether a public resource of the list is for them."""
    audiences: dict[int, Audience] = {}
    public: set[int] = set()
    for resource in resources:
        for audience in resource.audiences.all():
            audiences.setdefault(audience.pk, audience)
            if not resource.is_restricted:
                public.add(audience.pk)
    for audience in audiences.values():
        audience.has_public = audience.pk in public
    return sorted(audiences.values(), key=lambda audience: (audience.sort_order, audience.name))


def for_audience(resources: list[ToolkitResource], audience: Audience | None) -> list[ToolkitResource]:
    """The resources for ``audience`` (all of them for None)."""
    if audience is None:
        return resources
    return [resource for resource in resources if any(a.pk == audience.pk for a in resource.audiences.all())]


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
