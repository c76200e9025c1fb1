"""Counting downloads (a number per file per day, nothing about who) and serving files efficiently."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.http import FileResponse, HttpResponseRedirect

from campaign.editions.days import today
from toolkit.models import ArchiveDownloadDay, GraphicMadeDay, ResourceDownloadDay, ToolkitResource


def _increment(model: type[models.Model], day: date, **lookup) -> None:
    """Add one to the day's counter: an UPDATE with F(), or an INSERT the first time that day.

    Two first downloads at once may both try the INSERT; the loser's unique-constraint error
    is caught and it adds its one with the UPDATE instead, so no download is lost.
    """
    if model.objects.filter(day=day, **lookup).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(day=day, count=1, **lookup)
    except IntegrityError:
        model.objects.filter(day=day, **lookup).update(count=F("count") + 1)


def count_resource_download(resource_id: int, on: date | None = None) -> None:
    _increment(ResourceDownloadDay, on or today(), resource_id=resource_id)


def count_archive_download(toolkit_id: int, on: date | None = None) -> None:
    _increment(ArchiveDownloadDay, on or today(), toolkit_id=toolkit_id)


def count_graphic_made(design_id: int, on: date | None = None) -> None:
    _increment(GraphicMadeDay, on or today(), design_id=design_id)


def serve_file(storage, name: str, download_name: str, content_type: str | None = None):
    """A download response that never reads the whole file into memory.

    Local storage: a streamed FileResponse (sent in blocks; a reverse proxy can take over with
    sendfile). Remote storage (S3 and the like): a redirect to the storage's own URL, asking it
    for the same attachment header where it supports that.
    """
    try:
        storage.path(name)
    except NotImplementedError:
        disposition = f'attachment; filename="{download_name}"'
        try:
            url = storage.url(name, parameters={"ResponseContentDisposition": disposition})
        except TypeError:
            url = storage.url(name)
        return HttpResponseRedirect(url)
    handle = storage.open(name, "rb")
    response = FileResponse(handle, as_attachment=True, filename=download_name, content_type=content_type)
    response["Cache-Control"] = "private, max-age=0, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


PERIODS = {
    "7": ("Last 7 days", 7),
    "30": ("Last 30 days", 30),
    "365": ("Last 12 months", 365),
    "all": ("All time", None),
}


def most_downloaded(period: str = "30", edition_id: int | None = None, on: date | None = None):
    """Resources with their downloads in a period, most downloaded first (one query)."""
    days = PERIODS.get(period, PERIODS["30"])[1]
    window = Q()
    if days is not None:
        window = Q(download_days__day__gt=(on or today()) - timedelta(days=days))
    queryset = ToolkitResource.objects.select_related("toolkit__edition").annotate(
        downloads=Coalesce(Sum("download_days__count", filter=window), 0),
    )
    if edition_id:
        queryset = queryset.filter(toolkit__edition_id=edition_id)
    return queryset.order_by("-downloads", "toolkit__edition__year", "sort_order", "pk")
