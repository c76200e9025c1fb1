"""Wagtail's collection privacy applies to toolkit downloads, the toolkit page and the zip."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import UserFactory
from tests.toolkit.factories import make_document, make_image, make_resource, png_bytes
from toolkit.archive import build_archive
from toolkit.models import ResourceDownloadDay

pytestmark = pytest.mark.django_db

PASSWORD = "partners only"


@pytest.fixture
def partners():
    return Collection.get_first_root_node().add_child(name="Partners")


@pytest.fixture
def briefing(toolkit, partners):
    """A resource whose document sits in the Partners collection (public until a test restricts it)."""
    document = make_document("Briefing", b"%PDF-1.4 embargoed briefing", "briefing.pdf")
    document.collection = partners
    document.save()
    return make_resource(toolkit, "Partner briefing", "guides", document=document, sort_order=3)


def restrict(collection, kind, groups=()):
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, password=PASSWORD if kind == "password" else ""
    )
    restriction.groups.set(groups)
    return restriction


def download(client, resource):
    return client.get(reverse("toolkit:download", args=[resource.pk]))


def listed(client, resource) -> bool:
    return resource.title in client.get("/toolkit/").content.decode()


def downloads_of(resource) -> int:
    return sum(ResourceDownloadDay.objects.filter(resource=resource).values_list("count", flat=True))


def assert_is_the_file(response):
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="partner-briefing.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 embargoed briefing"


def test_a_public_collection_changes_nothing(client, briefing):
    assert listed(client, briefing)
    assert_is_the_file(download(client, briefing))


@pytest.mark.parametrize("page_cache_seconds", [0, 600], ids=["uncached", "pages and fragments kept"])
def test_login_restriction(client, briefing, partners, settings, page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    assert listed(client, briefing)  # its card, kept while the collection was public
    restrict(partners, "login")
    response = download(client, briefing)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login"))
    assert f"next=/toolkit/download/{briefing.pk}/" in response["Location"]
    assert downloads_of(briefing) == 0  # a refused request is not a download
    assert not listed(client, briefing)
    assert listed(client, briefing.toolkit.resources.get(title="A4 poster"))

    client.force_login(UserFactory())
    assert_is_the_file(download(client, briefing))
    assert downloads_of(briefing) == 1
    page = client.get("/toolkit/")
    assert "Partner briefing" in page.content.decode() and "Not public:" in page.content.decode()
    assert "private" in page["Cache-Control"]  # a page listing it is never shared by a cache


def test_groups_restriction(client, briefing, partners):
    link_workers = Group.objects.create(name="Partner link workers")
    restrict(partners, "groups", [link_workers])
    outsider = UserFactory()
    client.force_login(outsider)
    assert download(client, briefing).status_code == 302
    assert not listed(client, briefing)

    member = UserFactory()
    member.groups.add(link_workers)
    client.force_login(member)
    assert_is_the_file(download(client, briefing))
    assert listed(client, briefing)

    client.force_login(UserFactory(is_superuser=True))
    assert listed(client, briefing)


def test_password_restriction(client, briefing, partners):
    restriction = restrict(partners, "password")
    url = reverse("toolkit:download", args=[briefing.pk])
    response = download(client, briefing)
    assert response.status_code == 200 and not response.streaming
    assert b"You need a password to access this document." in response.content
    assert "no-cache" in response["Cache-Control"]
    assert downloads_of(briefing) == 0
    assert not listed(client, briefing)

    action = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    wrong = client.post(action, {"password": "guess", "return_url": url})
    assert wrong.status_code == 200  # the form again, with its error
    assert not listed(client, briefing)
    right = client.post(action, {"password": PASSWORD, "return_url": url})
    assert right.status_code == 302 and right["Location"] == url
    assert_is_the_file(download(client, briefing))
    assert listed(client, briefing)


def test_a_restriction_on_a_parent_collection_covers_its_children(client, toolkit, partners):
    restrict(partners, "login")
    embargoed = partners.add_child(name="Embargoed")
    document = make_document("Press release", b"%PDF-1.4 press", "press.pdf")
    document.collection = embargoed
    document.save()
    resource = make_resource(toolkit, "Press release", "press", document=document)
    assert download(client, resource).status_code == 302
    assert not listed(client, resource)


def test_an_image_only_resource_has_no_restriction(client, toolkit, partners):
    """Wagtail has no view restrictions for images: an image in a private collection stays public."""
    restrict(partners, "login")
    image = make_image("Logo", png_bytes((30, 30)), "logo.png")
    image.collection = partners
    image.save()
    resource = make_resource(toolkit, "Logo", "brand", image=image)
    assert download(client, resource).status_code == 200
    assert listed(client, resource)


def test_an_audience_only_restricted_resources_are_for_is_not_offered_publicly(client, briefing, partners, audiences):
    briefing.audiences.set([audiences["press"]])
    briefing.save()
    assert "?audience=press" in client.get("/toolkit/").content.decode()
    restrict(partners, "login")
    assert "?audience=press" not in client.get("/toolkit/").content.decode()
    assert "?audience=link-workers" in client.get("/toolkit/").content.decode()
    client.force_login(UserFactory())
    assert "?audience=press" in client.get("/toolkit/").content.decode()


def test_restricted_resources_cost_anonymous_visitors_no_query(client, briefing, partners, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/toolkit/")
    with CaptureQueriesContext(connection) as public:
        client.get("/toolkit/")
    restrict(partners, "login")
    for n in range(3):
        document = make_document(f"Private {n}", b"%PDF-1.4 private", f"private{n}.pdf")
        document.collection = partners
        document.save()
        make_resource(briefing.toolkit, f"Private {n}", "guides", document=document)
    client.get("/toolkit/")
    with CaptureQueriesContext(connection) as restricted:
        html = client.get("/toolkit/").content.decode()
    assert "Private 0" not in html and "Partner briefing" not in html
    assert len(restricted) == len(public), [q["sql"] for q in restricted.captured_queries]


def rebuilds(callbacks) -> list[int]:
    return [getattr(callback, "toolkit_archive_id", None) for callback in callbacks if hasattr(callback, "toolkit_archive_id")]


def zip_files(toolkit) -> dict[str, bytes]:
    toolkit.refresh_from_db()
    with default_storage.open(toolkit.archive.name) as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.parametrize("kind", ["login", "groups", "password"])
def test_the_zip_leaves_out_restricted_documents(briefing, partners, kind):
    toolkit = briefing.toolkit
    build_archive(toolkit.pk)
    assert "Guides/partner-briefing.pdf" in zip_files(toolkit)
    restrict(partners, kind)
    assert build_archive(toolkit.pk) == "built"
    files = zip_files(toolkit)
    assert "Guides/partner-briefing.pdf" not in files
    assert "Partner briefing" not in files["README.txt"].decode()
    assert "Posters/a4-poster.pdf" in files


def test_changing_a_collections_privacy_rebuilds_the_zip(briefing, partners, django_capture_on_commit_callbacks):
    toolkit = briefing.toolkit
    connection.run_on_commit.clear()  # as if the fixtures had been committed
    build_archive(toolkit.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        restriction = restrict(partners, "login")
    assert rebuilds(callbacks) == [toolkit.pk]
    assert "Guides/partner-briefing.pdf" not in zip_files(toolkit)
    connection.run_on_commit.clear()  # the first change's transaction is over
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()  # public again
    assert zip_files(toolkit)["Guides/partner-briefing.pdf"] == b"%PDF-1.4 embargoed briefing"


def test_privacy_of_an_unrelated_collection_schedules_nothing(briefing, django_capture_on_commit_callbacks):
    connection.run_on_commit.clear()
    other = Collection.get_first_root_node().add_child(name="Board papers")
    with django_capture_on_commit_callbacks() as callbacks:
        restrict(other, "login")
    assert rebuilds(callbacks) == []


def test_the_listing_kept_for_anyone_follows_privacy_audiences_and_sign_in(client, briefing, partners, audiences, kept_fragments):
    """A visitor with a session (never served by the page cache) reads the kept listing; a collection
    made private, a resource's audiences and signing in or out each change what they see at once."""
    client.cookies["sessionid"] = "not-a-real-session"
    for _ in range(2):
        assert listed(client, briefing)
    restrict(partners, "login")
    assert not listed(client, briefing)
    assert listed(client, briefing.toolkit.resources.get(title="A4 poster"))

    client.force_login(UserFactory())  # a partner signs in: their own listing, never kept for others
    page = client.get("/toolkit/")
    assert "Partner briefing" in page.content.decode() and "private" in page["Cache-Control"]
    client.logout()
    client.cookies["sessionid"] = "not-a-real-session"
    assert not listed(client, briefing)

    # Audiences: each kept apart, an unknown one lists everything as before.
    html = client.get("/toolkit/?audience=link-workers").content.decode()
    assert "Guide for link workers" in html and "A4 poster" not in html
    assert "A4 poster" in client.get("/toolkit/?audience=nobody").content.decode()
    poster = briefing.toolkit.resources.get(title="A4 poster")
    poster.audiences.add(audiences["link-workers"])
    poster.save()
    assert "A4 poster" in client.get("/toolkit/?audience=link-workers").content.decode()
