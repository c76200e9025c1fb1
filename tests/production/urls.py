"""Extra views for the page-cache tests, in front of the site's own URLs."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import include, path
from django.views.decorators.cache import cache_control

from campaign.cache import reads_query


def form_view(request):
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


def cookie_view(request):
    response = HttpResponse("hello")
    response.set_cookie("preference", "1")
    return response


@cache_control(max_age=5)
def live_view(request):
    return HttpResponse("live figures")


def message_view(request):
    messages.success(request, "Thank you")
    return HttpResponse("sent")


counter = {"n": 0}


@reads_query("a", "b")
def counting_view(request):
    """Counts its renders; ``counter["while_rendering"]``, if set, runs during a render."""
    if counter.get("while_rendering"):
        counter.pop("while_rendering")()
    counter["n"] += 1
    return HttpResponse(f"render {counter['n']}")


@reads_query("a", "z")
def query_view(request):
    return HttpResponse(f"{request.META['QUERY_STRING']} | {request.GET.getlist('a')}")


def big_view(request):
    return HttpResponse("x" * 4096)


urlpatterns = [
    path("test-big/", big_view),
    path("test-form/", form_view),
    path("test-cookie/", cookie_view),
    path("test-live/", live_view),
    path("test-message/", message_view),
    path("test-count/", counting_view),
    path("test-query/", query_view),
    path("", include("campaign.urls")),
]
