"""The 'whole toolkit' zip: built in the background, once per distinct content, never on a request.

The archive's name carries a hash of what went into it (each resource's name in the zip and
its file's own hash), so saving a toolkit without changing any file does not rebuild it,
and two workers building the same content at once end up with the same file.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import zipfile
from datetime import datetime

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from toolkit.access import public_only
from toolkit.models import Category, Toolkit, ToolkitResource

logger = logging.getLogger(__name__)

ARCHIVE_FOLDER = "toolkit/archives"
ARCHIVE_FIELDS = ["archive", "archive_hash", "archive_size", "archive_built_at"]
ALREADY_COMPRESSED = {"png", "jpg", "jpeg", "gif", "webp", "avif", "zip", "mp4", "mov", "mp3", "m4a", "docx", "pptx", "xlsx", "odt", "odp", "ods"}
CHUNK = 1024 * 1024


def archive_resources(toolkit: Toolkit) -> list[ToolkitResource]:
    """Public resources only: the zip is one file served to everyone, so nothing private goes in."""
    return list(
        public_only(toolkit.resources.select_related("document", "image")).order_by("sort_order", "pk")
    )


def archive_fingerprint(toolkit: Toolkit, resources: list[ToolkitResource] | None = None) -> str:
    """A hash of everything the zip holds; equal hashes mean an identical zip."""
    resources = archive_resources(toolkit) if resources is None else resources
    digest = hashlib.sha256(f"v1:{toolkit.edition.year}:{toolkit.licence}:{toolkit.brand_rules}".encode())
    for resource in resources:
        digest.update(resource.content_fingerprint.encode())
        digest.update(f"{resource.title}:{resource.description}:{resource.post_copy}:{resource.usage_notes}".encode())
    return digest.hexdigest()


def zip_entries(resources: list[ToolkitResource]) -> list[tuple[str, ToolkitResource]]:
    """Names inside the zip: a folder per category, each file named after its title, never twice."""
    labels = dict(Category.choices)
    used: set[str] = set()
    entries = []
    for resource in resources:
        if resource.download_file is None:
            continue
        folder = labels.get(resource.category, "Other")
        name = f"{folder}/{resource.download_name}"
        stem, dot, ext = name.rpartition(".") if "." in resource.download_name else (name, "", "")
        counter = 2
        while name.lower() in used:
            name = f"{stem}-{counter}{dot}{ext}"
            counter += 1
        used.add(name.lower())
        entries.append((name, resource))
    return entries


def readme_text(toolkit: Toolkit, entries: list[tuple[str, ToolkitResource]]) -> str:
    lines = [f"Social Prescribing Day {toolkit.edition.year}: campaign toolkit", ""]
    if toolkit.intro:
        lines += [toolkit.intro, ""]
    lines += ["How you may use these materials", toolkit.licence, ""]
    if toolkit.brand_rules:
        lines += ["Brand rules", toolkit.brand_rules, ""]
    lines += ["What is in this toolkit", ""]
    for name, resource in entries:
        lines.append(f"* {name}: {resource.title}")
        if resource.description:
            lines.append(f"  {resource.description}")
        if resource.usage_notes:
            lines.append(f"  Notes: {resource.usage_notes}")
        if resource.post_copy:
            lines.append(f"  Suggested post: {resource.post_copy}")
    lines += ["", f"Hashtags: {' '.join(toolkit.edition.hashtag_list)}", ""]
    return "\n".join(lines)


def write_zip(target, toolkit: Toolkit, entries: list[tuple[str, ToolkitResource]], built: datetime) -> None:
    """Write the zip to a file object, copying each file across in chunks (never whole in memory)."""
    stamp = timezone.localtime(built).timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        info = zipfile.ZipInfo("README.txt", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, readme_text(toolkit, entries))
        for name, resource in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = (
                zipfile.ZIP_STORED if resource.file_extension in ALREADY_COMPRESSED else zipfile.ZIP_DEFLATED
            )
            field_file = resource.download_file
            with field_file.storage.open(field_file.name, "rb") as source, archive.open(info, "w") as dest:
                shutil.copyfileobj(source, dest, CHUNK)


def build_archive(toolkit_id: int) -> str:
    """Build the toolkit's zip if its content changed. Returns 'built', 'unchanged', 'emptied' or 'missing'."""
    toolkit = Toolkit.objects.select_related("edition").filter(pk=toolkit_id).first()
    if toolkit is None:
        return "missing"
    resources = archive_resources(toolkit)
    entries = zip_entries(resources)
    if not entries:
        _replace_archive(toolkit, name="", fingerprint="", size=None)
        return "emptied"
    fingerprint = archive_fingerprint(toolkit, resources)
    if toolkit.archive_hash == fingerprint and toolkit.archive and default_storage.exists(toolkit.archive.name):
        return "unchanged"
    name = f"{ARCHIVE_FOLDER}/sp-day-{toolkit.edition.year}-toolkit-{fingerprint[:16]}.zip"
    expected = ["README.txt", *(entry for entry, _ in entries)]
    if default_storage.exists(name) and not is_complete_zip(name, expected):
        # Left half-written by a worker killed while saving it: never offer it, write it again.
        logger.warning("Discarding an incomplete toolkit zip %s.", name)
        default_storage.delete(name)
    if not default_storage.exists(name):
        built = timezone.now()
        with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
            write_zip(spool, toolkit, entries, built)
            spool.seek(0)
            saved = default_storage.save(name, File(spool, name=name))
        if saved != name:  # another worker saved the same content first
            default_storage.delete(saved)
    _replace_archive(toolkit, name=name, fingerprint=fingerprint, size=default_storage.size(name))
    logger.info("Built the %s toolkit zip (%s entries).", toolkit.edition.year, len(entries))
    return "built"


def is_complete_zip(name: str, expected: list[str]) -> bool:
    """A zip whose central directory (written last) lists every expected entry."""
    try:
        with default_storage.open(name, "rb") as stored, zipfile.ZipFile(stored) as archive:
            return archive.namelist() == expected
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _replace_archive(toolkit: Toolkit, *, name: str, fingerprint: str, size: int | None) -> None:
    old = toolkit.archive.name if toolkit.archive else ""
    toolkit.archive.name = name
    toolkit.archive_hash = fingerprint
    toolkit.archive_size = size
    toolkit.archive_built_at = timezone.now() if name else None
    # Saved with update_fields: the rebuild signal ignores these, while anything else that
    # listens (the page cache) learns that the toolkit page now links to a new zip.
    toolkit.save(update_fields=ARCHIVE_FIELDS)
    if old and old != name and default_storage.exists(old):
        default_storage.delete(old)

