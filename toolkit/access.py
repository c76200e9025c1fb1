"""Who may see and download a toolkit resource: Wagtail's collection privacy on its document.

Wagtail decides, not this module: a download runs the `before_serve_document` hooks (the
login page or password form that /documents/ gives), and a listing keeps a restricted resource
only for a visitor every restriction's `accept_request` lets in. Wagtail has no view
restrictions for images, so a resource that is only an image is always public.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import BaseViewRestriction, CollectionViewRestriction

from toolkit.models import ToolkitResource


def restrictions_on_document() -> Exists:
    """True when the resource's document is in a private collection or under one.

    Collections are a materialised-path tree: a restriction on an ancestor applies when its
    collection's path starts the document collection's path (as Collection.get_view_restrictions).
    """
    return Exists(
        CollectionViewRestriction.objects.exclude(restriction_type=BaseViewRestriction.NONE).filter(
            collection__path=Substr(OuterRef("document__collection__path"), 1, Length("collection__path"))
        )
    )


def with_restriction_flag(queryset: QuerySet[ToolkitResource]) -> QuerySet[ToolkitResource]:
    return queryset.annotate(is_restricted=restrictions_on_document())


def public_only(queryset: QuerySet[ToolkitResource]) -> QuerySet[ToolkitResource]:
    """Resources anyone may download: the only ones a shared file such as the zip may hold."""
    return queryset.alias(is_restricted=restrictions_on_document()).filter(is_restricted=False)


def may_pass_any(request: HttpRequest) -> bool:
    """False for a visitor no restriction can accept: anonymous and no password entered yet."""
    if request.user.is_authenticated:
        return True
    return bool(request.session.get(CollectionViewRestriction.passed_view_restrictions_session_key))


def visible_to(request: HttpRequest, resources: list[ToolkitResource]) -> list[ToolkitResource]:
    """The resources (flagged by with_restriction_flag) this visitor could download.

    A restricted resource is listed only to those Wagtail lets in, so the public never sees a
    link that ends at a login or password form, while partners signed in find it in its place.
    Public resources cost no query; restricted ones one query for all restrictions.
    """
    restricted = [resource for resource in resources if resource.is_restricted]
    if not restricted:
        return resources
    if not may_pass_any(request):
        return [resource for resource in resources if not resource.is_restricted]
    restrictions = list(
        CollectionViewRestriction.objects.exclude(restriction_type=BaseViewRestriction.NONE)
        .select_related("collection")
        .prefetch_related("groups")
    )
    refused = {
        resource.pk
        for resource in restricted
        if not all(
            restriction.accept_request(request)
            for restriction in restrictions
            if resource.document.collection.path.startswith(restriction.collection.path)
        )
    }
    return [resource for resource in resources if resource.pk not in refused]


def refuse_download(request: HttpRequest, resource: ToolkitResource) -> HttpResponse | None:
    """Wagtail's answer for a document this visitor may not have (login or password), else None."""
    if not resource.document_id or resource.document is None:
        return None
    for hook in hooks.get_hooks("before_serve_document"):
        response = hook(resource.document, request)
        if isinstance(response, HttpResponse):
            return response
    return None
