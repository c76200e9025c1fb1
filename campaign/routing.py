"""Finding the page at an address in one query instead of one per level of the page tree.

Wagtail's ``Page.route`` walks down from the home page, asking each level for the child with
the next slug and then for that child's own type: two queries a level, before a page renders.
Every page stores its address in the tree (``url_path``), so the page can be found directly,
as long as no page on the way routes its children itself (``EditionIndexPage`` refuses them;
such pages are those whose model overrides ``route``, checked in the same query). A page model
may name, in ``route_select_related``, the relations every render of it reads; they come in
the same query.

Where the address was met before, this worker keeps the page found there until public content
changes (``public_memo``: any publish, unpublish, move, withdrawal or erasure drops it), and
each request gets its own copy: an event or story then renders with no query to find it (its
warm render 27-30% faster, ``bench/ab.py``).
"""

from __future__ import annotations

import copy

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, get_page_models

from campaign.cache import public_memo


def page_at(root: Page, path_components: list[str]) -> Page | None:
    """The page (its own type) at ``path_components`` below ``root``, or None to walk the tree.

    None means "not found this way": Wagtail's own walk then answers, a 404 included, so an
    address behaves exactly as it does without this. The caller still routes the page found
    (``page.route(request, [])``), which refuses a page that is not live, as Wagtail does.
    """
    if not path_components:
        return None
    url_path = root.url_path + "".join(f"{component}/" for component in path_components)
    kept = public_memo(f"route:{url_path}", lambda: _load(root, url_path), keep=lambda page: page is not None)
    # A copy per request: whatever a render sets on its page stays with that request.
    return copy.copy(kept) if kept is not None else None


def _load(root: Page, url_path: str) -> Page | None:
    found = _look_up(root, url_path)
    if found is None:
        return None
    content_type_id, pk = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=pk)
    if related := getattr(model, "route_select_related", ()):
        # What every render of such a page reads (its share image, say), in the same query.
        page = page.select_related(*related)
    return page.first()


def _look_up(root: Page, url_path: str) -> tuple[int, int] | None:
    """The page's type and id, unless a page between ``root`` and it routes its own children."""
    candidates = Page.objects.filter(url_path=url_path, path__startswith=root.path, depth__gt=root.depth)
    routers = [model for model in get_page_models() if model.route is not Page.route and not isinstance(root, model)]
    if routers:
        # An ancestor's path starts the page's path (treebeard's materialised path).
        own_router_above = Page.objects.type(*routers).filter(
            depth__gt=root.depth,
            depth__lt=OuterRef("depth"),
            path=Substr(OuterRef("path"), 1, Length("path")),
        )
        candidates = candidates.exclude(Exists(own_router_above))
    row = candidates.values_list("content_type_id", "pk").first()
    return (row[0], row[1]) if row else None
