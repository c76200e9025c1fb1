"""The whole-toolkit zip: its contents, built once, and rebuilt in the background on change."""

import io
import zipfile
from unittest import mock

import pytest
from django.core.files.storage import default_storage

from tests.toolkit.factories import make_document, make_image, make_resource, png_bytes
from toolkit import archive
from toolkit.archive import build_archive
from toolkit.models import Toolkit

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(toolkit):
    """As if the fixture data had been committed: drop the rebuilds its saves scheduled.

    (The test runs inside one transaction, and a rebuild is scheduled once per transaction.)
    """
    from django.db import connection

    connection.run_on_commit.clear()
    return toolkit


def zip_names(toolkit) -> dict[str, bytes]:
    toolkit.refresh_from_db()
    with default_storage.open(toolkit.archive.name) as handle:
        with zipfile.ZipFile(io.BytesIO(handle.read())) as zf:
            assert zf.testzip() is None
            return {name: zf.read(name) for name in zf.namelist()}


def test_zip_holds_every_resource_by_category_with_a_readme(toolkit):
    logo = make_image("Logo", png_bytes((40, 40)), "logo.png")
    make_resource(toolkit, "Logo", "brand", image=logo, post_copy="Use me", sort_order=3)
    make_resource(toolkit, "A4 poster", "posters", document=make_document("dup", b"%PDF-1.4 second", "x.pdf"), sort_order=4)
    assert build_archive(toolkit.pk) == "built"
    files = zip_names(toolkit)
    assert set(files) == {
        "README.txt",
        "Posters/a4-poster.pdf",
        "Posters/a4-poster-2.pdf",
        "Guides/guide-for-link-workers.pdf",
        "Logos and brand/logo.png",
    }
    assert files["Posters/a4-poster.pdf"] == b"%PDF-1.4 A4 poster"
    assert files["Logos and brand/logo.png"] == logo.file.open("rb").read()
    readme = files["README.txt"].decode()
    assert "Keep the logo teal." in readme and "Suggested post: Use me" in readme
    toolkit.refresh_from_db()
    assert toolkit.archive_size == default_storage.size(toolkit.archive.name)
    assert toolkit.archive_built_at is not None


def test_an_unchanged_toolkit_is_not_rebuilt(toolkit):
    assert build_archive(toolkit.pk) == "built"
    with mock.patch.object(archive, "write_zip") as write:
        assert build_archive(toolkit.pk) == "unchanged"
    write.assert_not_called()


def rebuilds(callbacks):
    """Callbacks other than the page cache's own once-per-transaction invalidation."""
    from campaign.cache import bump_after_commit

    return [callback for callback in callbacks if callback is not bump_after_commit]


def test_saving_a_resource_rebuilds_the_zip_after_commit(committed, django_capture_on_commit_callbacks):
    toolkit = committed
    build_archive(toolkit.pk)
    old_name = Toolkit.objects.get(pk=toolkit.pk).archive.name
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_resource(toolkit, "Slides", "slides", document=make_document("Slides", b"slides!", "slides.pdf"))
        make_resource(toolkit, "More slides", "slides", document=make_document("More", b"more!", "more.pdf"))
    assert len(rebuilds(callbacks)) == 1  # one rebuild per transaction, however many saves
    files = zip_names(toolkit)
    assert files["Slides/slides.pdf"] == b"slides!"
    assert files["Slides/more-slides.pdf"] == b"more!"
    assert not default_storage.exists(old_name)  # the old zip is cleared away


def test_deleting_a_resource_rebuilds_the_zip(committed, django_capture_on_commit_callbacks):
    toolkit = committed
    build_archive(toolkit.pk)
    with django_capture_on_commit_callbacks(execute=True):
        toolkit.resources.get(title="Guide for link workers").delete()
    assert "Guides/guide-for-link-workers.pdf" not in zip_names(toolkit)


def test_replacing_a_document_file_rebuilds_the_zip(committed, django_capture_on_commit_callbacks):
    toolkit = committed
    from django.core.files.base import ContentFile

    build_archive(toolkit.pk)
    document = toolkit.resources.get(title="A4 poster").document
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(b"%PDF-1.4 new version", name="poster-v2.pdf")
        document._set_document_file_metadata()
        document.save()
    assert zip_names(toolkit)["Posters/a4-poster.pdf"] == b"%PDF-1.4 new version"


def test_a_toolkit_with_no_files_has_no_zip(toolkit):
    build_archive(toolkit.pk)
    toolkit.resources.all().delete()
    assert build_archive(toolkit.pk) == "emptied"
    toolkit.refresh_from_db()
    assert not toolkit.archive


def test_rebuilds_are_never_done_on_a_request(client, toolkit):
    with mock.patch.object(archive, "build_archive") as build:
        client.get("/toolkit/")
        client.get("/2040/toolkit/download.zip")
    build.assert_not_called()


def test_command_builds_every_toolkit(toolkit):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("build_toolkit_archives", stdout=out)
    assert "Toolkit 2040: built" in out.getvalue()


def test_recording_a_built_zip_does_not_schedule_another_build(committed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert build_archive(committed.pk) == "built"
    assert rebuilds(callbacks) == []


def test_a_zip_left_half_written_by_a_killed_worker_is_written_again(toolkit):
    assert build_archive(toolkit.pk) == "built"
    toolkit.refresh_from_db()
    name = toolkit.archive.name
    with default_storage.open(name, "rb") as handle:
        whole = handle.read()
    make_resource(toolkit, "Slides", "slides", document=make_document("Slides", b"slides!", "slides.pdf"))
    # The worker died while saving the new zip: a file of the right name, cut short.
    new_name = archive.ARCHIVE_FOLDER + f"/sp-day-{toolkit.edition.year}-toolkit-{archive.archive_fingerprint(toolkit)[:16]}.zip"
    default_storage.save(new_name, io.BytesIO(whole[: len(whole) // 2]))
    assert build_archive(toolkit.pk) == "built"
    files = zip_names(toolkit)
    assert files["Slides/slides.pdf"] == b"slides!"
    assert toolkit.archive.name == new_name


def test_a_complete_zip_is_recognised(toolkit):
    build_archive(toolkit.pk)
    toolkit.refresh_from_db()
    names = list(zip_names(toolkit))
    assert archive.is_complete_zip(toolkit.archive.name, names)
    assert not archive.is_complete_zip(toolkit.archive.name, [*names, "Missing/file.pdf"])
