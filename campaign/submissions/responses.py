"""How pages behind a private link are served, for every app that has them."""

from __future__ import annotations

from django.http import HttpResponse


def private(response: HttpResponse) -> HttpResponse:
    """Never cached or indexed, and the token in the URL never leaks through the Referer.

    ``same-origin`` rather than ``no-referrer``: with no referrer, browsers send
    ``Origin: null`` with the page's own forms and Django's CSRF check refuses every POST.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
