from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from campaign.cache import public_memo, reads_query
from campaign.editions.current import focus_for
from campaign.submissions.antispam import hit_rate_limit, rate_limited_response
from toolkit import access, downloads, graphics, queries
from toolkit.forms import GraphicForm
from toolkit.models import Toolkit, ToolkitResource

AUDIENCE_PARAM = "audience"  # the one query parameter a toolkit page reads
GRAPHIC_RATE_LIMIT = 20  # graphics made per visitor…
GRAPHIC_RATE_WINDOW = 600  # …in ten minutes


def _toolkit_page(request, toolkit: Toolkit, *, is_current: bool):
    audience_slug = request.GET.get(AUDIENCE_PARAM, "")
    if access.may_pass_any(request):
        listing = _listing(toolkit, *_resources_and_audiences(toolkit), audience_slug, request=request)
    else:
        listing = _public_listing(toolkit, audience_slug)
    context = {
        "toolkit": toolkit,
        "edition": toolkit.edition,
        **listing,
        "is_current": is_current,
        "page_title": f"Campaign toolkit {toolkit.edition.year}",
    }
    response = render(request, "toolkit/toolkit.html", context)
    if listing["lists_restricted"]:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def _listing(toolkit: Toolkit, all_resources: list, audiences: list, audience_slug: str, *, request=None) -> dict:
    """What the toolkit page lists of ``all_resources`` (``queries.toolkit_resources``) and
    their ``audiences`` (``queries.audiences_of``): for ``request``'s visitor, or (None) for anyone.

    Anyone means a visitor no restriction can let in: only public resources, and only the
    audiences that have one, so nobody is shown a link that ends at a login or password form.
    """
    if request is None:
        audiences = [audience for audience in audiences if audience.has_public]
    selected = next((audience for audience in audiences if audience.slug == audience_slug), None)
    resources = queries.for_audience(all_resources, selected)
    if request is None:
        resources = [resource for resource in resources if not resource.is_restricted]
    else:
        resources = access.visible_to(request, resources)
    return {
        "groups": queries.group_by_category(resources),
        "resource_count": len(resources),
        "audiences": audiences,
        "selected_audience": selected,
        "other_toolkits": [other for other in queries.kept_published_toolkits() if other.pk != toolkit.pk],
        "has_designs": queries.any_live_design(),
        "lists_restricted": any(resource.is_restricted for resource in resources),
    }


def _public_listing(toolkit: Toolkit, audience_slug: str) -> dict:
    """The listing for anyone, the same for every such visitor: each worker keeps it until
    public content changes (collection privacy included), one per audience the toolkit has."""
    resources, audiences = public_memo(f"toolkit-resources:{toolkit.pk}", lambda: _resources_and_audiences(toolkit))
    if not any(audience.slug == audience_slug and audience.has_public for audience in audiences):
        audience_slug = ""  # an unknown audience lists everything, as the form shows: one key for all of them
    return public_memo(
        f"toolkit-listing:{toolkit.pk}:{audience_slug}", lambda: _listing(toolkit, resources, audiences, audience_slug)
    )


def _resources_and_audiences(toolkit: Toolkit) -> tuple[list, list]:
    """A toolkit's resources and the audiences they are for, from one look-up."""
    resources = queries.toolkit_resources(toolkit)
    return resources, queries.audiences_of(resources)


@require_safe
@reads_query(AUDIENCE_PARAM)
def current_toolkit(request):
    toolkit, edition = queries.current_toolkit(request)
    if toolkit is not None:
        return _toolkit_page(request, toolkit, is_current=True)
    context = {
        "edition": edition,
        "other_toolkits": queries.published_toolkits().order_by("-edition__year"),
        "page_title": "Campaign toolkit",
    }
    return render(request, "toolkit/not_ready.html", context)


@require_safe
@reads_query(AUDIENCE_PARAM)
def year_toolkit(request, year: int):
    toolkit = queries.kept_toolkit_for_year(year)
    if toolkit is None:
        raise Http404("No toolkit for this year")
    current, _ = queries.current_toolkit(request)
    return _toolkit_page(request, toolkit, is_current=current is not None and current.pk == toolkit.pk)


@require_safe
def toolkit_index(request):
    toolkits = queries.published_toolkits().order_by("-edition__year")
    return render(request, "toolkit/index.html", {"toolkits": toolkits, "page_title": "Toolkits from every year"})


@require_http_methods(["GET", "HEAD"])
def download_resource(request, pk: int):
    """Apply the document's collection privacy, count the download (GET only), hand over the file."""
    resource = get_object_or_404(
        ToolkitResource.objects.select_related("document__collection", "image", "toolkit__edition"),
        pk=pk, toolkit__live=True, toolkit__edition__live=True,
    )
    field_file = resource.download_file
    if not field_file:
        raise Http404("This resource has no file")
    refusal = access.refuse_download(request, resource)
    if refusal is not None:
        return refusal
    if request.method == "GET":
        downloads.count_resource_download(resource.pk)
    return downloads.serve_file(field_file.storage, field_file.name, resource.download_name)


@require_http_methods(["GET", "HEAD"])
def download_archive(request, year: int):
    toolkit = queries.toolkit_for_year(year)
    if toolkit is None or not toolkit.archive:
        raise Http404("The toolkit zip is not ready")
    if request.method == "GET":
        downloads.count_archive_download(toolkit.pk)
    return downloads.serve_file(
        toolkit.archive.storage, toolkit.archive.name, toolkit.archive_filename(), "application/zip"
    )


@require_http_methods(["GET", "HEAD", "POST"])
def make_graphic(request):
    edition = focus_for(request).edition
    designs = queries.live_designs(edition)
    if request.method == "POST":
        if hit_rate_limit(request, "toolkit-graphic", GRAPHIC_RATE_LIMIT, GRAPHIC_RATE_WINDOW):
            return rate_limited_response(
                request, "You have made a lot of graphics in a short time. Please wait a few minutes and try again."
            )
        form = GraphicForm(request.POST, designs=designs)
        if form.is_valid():
            data = form.cleaned_data
            graphic_set = graphics.make_graphics(data["design"], data["organisation"], data["message"])
            downloads.count_graphic_made(data["design"].pk)
            return redirect("toolkit:graphic_result", key=graphic_set.key)
        status = 400
    else:
        form = GraphicForm(designs=designs)
        status = 200
    context = {
        "form": form,
        "designs": list(designs),
        "edition": edition,
        "page_title": "Make your own graphic",
    }
    return render(request, "toolkit/make.html", context, status=status)


@require_safe
def graphic_result(request, key: str):
    graphic_set = graphics.load_graphic_set(key)
    if graphic_set is None:
        return render(request, "toolkit/graphic_expired.html", {"page_title": "Graphic not found"}, status=404)
    return render(
        request,
        "toolkit/graphic_result.html",
        {"graphic_set": graphic_set, "page_title": f"Your graphics for {graphic_set.organisation}"},
    )


@require_safe
def download_graphic(request, key: str, slug: str):
    graphic_set = graphics.load_graphic_set(key)
    size = graphics.SIZES_BY_SLUG.get(slug)
    if graphic_set is None or size is None:
        raise Http404("No such graphic")
    path = graphics.graphic_path(key, size)
    if not default_storage.exists(path):
        raise Http404("This graphic has expired")
    return downloads.serve_file(default_storage, path, graphic_set.download_name(size), size.content_type)
