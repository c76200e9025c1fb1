"""Private toolkit documents are never reachable by their storage address (/media/documents/…),
whatever SERVE_MEDIA says: only the views that apply collection privacy serve documents, and
always as attachments."""

import importlib
from pathlib import Path

import pytest
from django.urls import clear_url_caches, reverse
from wagtail.models import Collection, CollectionViewRestriction

from campaign import urls as campaign_urls
from campaign.media import is_document_path
from tests.toolkit.factories import make_document, make_image, make_resource

pytestmark = pytest.mark.django_db

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


@pytest.fixture
def private_briefing(toolkit):
    partners = Collection.get_first_root_node().add_child(name="Partners only")
    CollectionViewRestriction.objects.create(collection=partners, restriction_type="login")
    document = make_document("Embargoed briefing", b"%PDF-1.4 embargoed", "embargoed.pdf")
    document.collection = partners
    document.save()
    return make_resource(toolkit, "Embargoed briefing", "guides", document=document)


def spellings(name: str) -> list[str]:
    """The document's storage address, and ways of writing it that resolve to the same file."""
    rest = name.split("/", 1)[1]
    return [
        f"/media/{name}",
        f"/media/./documents/{rest}",
        f"/media/original_images/../documents/{rest}",
        f"/media//documents/{rest}",
        f"/media/%64ocuments/{rest}",
        f"/media/documents/./{rest}",
    ]


@pytest.fixture
def media_route(settings, request):
    """The URLconf built with SERVE_MEDIA as the test asks (it is read when the URLconf loads)."""
    settings.SERVE_MEDIA = request.param
    importlib.reload(campaign_urls)
    clear_url_caches()
    yield request.param
    settings.SERVE_MEDIA = True
    importlib.reload(campaign_urls)
    clear_url_caches()


@pytest.mark.parametrize("media_route", [True, False], indirect=True)
def test_a_document_is_never_served_by_its_storage_address(client, private_briefing, media_route):
    document = private_briefing.document
    assert document.file.name.startswith("documents/") and document.file.storage.exists(document.file.name)
    for address in spellings(document.file.name):
        response = client.get(address)
        assert response.status_code == 404, address
        assert b"%PDF-1.4 embargoed" not in b"".join(getattr(response, "streaming_content", [response.content]))
    # Images are still served from /media/ when SERVE_MEDIA is on: the route itself works.
    image = make_image("Poster image")
    assert client.get(f"/media/{image.file.name}").status_code == (200 if media_route else 404)


def test_the_privacy_checking_views_serve_documents_only_as_attachments(client, private_briefing):
    document = private_briefing.document
    assert client.get(reverse("toolkit:download", args=[private_briefing.pk])).status_code == 302  # to sign in
    assert client.get(document.url).status_code == 302
    assert document.url.startswith("/documents/")
    page = make_document("Page", b"<html><script>alert(1)</script></html>", "page.html")
    svg = make_document("Drawing", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "drawing.svg")
    for public in (page, svg):
        response = client.get(public.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment"), public.filename


def test_document_paths_are_recognised_however_they_are_written():
    assert is_document_path("documents/a.pdf")
    assert is_document_path("./documents/a.pdf")
    assert is_document_path("/documents/a.pdf")
    assert is_document_path("images/../documents/a.pdf")
    assert is_document_path("Documents/a.pdf")
    assert is_document_path("documents\\a.pdf")
    assert not is_document_path("original_images/documents.png")
    assert not is_document_path("images/documents/a.png")


def test_nginx_never_serves_documents_from_media():
    conf = NGINX_CONF.read_text()
    assert "location ^~ /media/documents/ { internal; }" in conf
    assert conf.index("/media/documents/") < conf.index("location /media/ {")
