"""Uploaded media served by Django when SERVE_MEDIA is on (development, or a server without a
reverse proxy): images and renditions, never documents.

Documents may sit in private collections. They are served only by views that apply Wagtail's
collection privacy and send them as attachments (``/documents/``, the toolkit's downloads), so
their storage address answers 404 here, as it does in deploy/nginx.conf.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

DOCUMENTS_DIR = "documents"


def is_document_path(path: str) -> bool:
    """Whether a media path, normalised as ``serve`` will read it, lies under documents/."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    return normalised.split("/", 1)[0].casefold() == DOCUMENTS_DIR


def serve_media(request, path: str):
    if is_document_path(path):
        raise Http404("Documents are served through /documents/.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
