from django import template
from django.templatetags.static import static

from toolkit.models import Toolkit
from toolkit.queries import kept_toolkit_for_year

register = template.Library()

FILE_KINDS = {
    "pdf": ("pdf", "PDF"),
    "doc": ("document", "Word document"), "docx": ("document", "Word document"),
    "odt": ("document", "OpenDocument text"), "rtf": ("document", "Rich text"), "txt": ("document", "Text file"),
    "ppt": ("slides", "PowerPoint slides"), "pptx": ("slides", "PowerPoint slides"),
    "odp": ("slides", "OpenDocument slides"), "key": ("slides", "Keynote slides"),
    "xls": ("spreadsheet", "Excel spreadsheet"), "xlsx": ("spreadsheet", "Excel spreadsheet"),
    "ods": ("spreadsheet", "OpenDocument spreadsheet"), "csv": ("spreadsheet", "CSV spreadsheet"),
    "zip": ("archive", "Zip file"),
    "png": ("image", "PNG image"), "jpg": ("image", "JPEG image"), "jpeg": ("image", "JPEG image"),
    "gif": ("image", "GIF image"), "webp": ("image", "WebP image"), "svg": ("image", "SVG image"),
    "eps": ("image", "EPS artwork"), "ai": ("image", "Illustrator artwork"),
    "mp4": ("video", "MP4 video"), "mov": ("video", "QuickTime video"),
    "mp3": ("audio", "MP3 audio"), "m4a": ("audio", "M4A audio"), "wav": ("audio", "WAV audio"),
}


@register.filter
def file_kind_label(extension: str) -> str:
    """'PDF', 'PowerPoint slides'…: the file type as people call it."""
    return FILE_KINDS.get((extension or "").lower(), ("file", (extension or "file").upper() + " file"))[1]


@register.filter
def file_icon(extension: str) -> str:
    kind = FILE_KINDS.get((extension or "").lower(), ("file", ""))[0]
    return static(f"toolkit/icons/{kind}.svg")


@register.simple_tag
def toolkit_for(edition):
    """The edition's published toolkit, or None (for the home and edition page sections)."""
    if edition is None or not getattr(edition, "pk", None):
        return None
    if edition.live:
        # The look-up the edition's links make too (register_edition_links), kept by the worker.
        return kept_toolkit_for_year(edition.year)
    return Toolkit.objects.filter(edition_id=edition.pk, live=True).first()  # a preview of a new edition
