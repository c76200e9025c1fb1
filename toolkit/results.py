"""The toolkit's part of an edition's results report: downloads and graphics made.

Counters only: a number per file, per zip and per design each day, nothing about who.
"""

from __future__ import annotations

from django.db.models import Sum
from django.db.models.functions import Coalesce

from campaign.editions.results import Breakdown, Figure, ResultsSection, counted

from .models import ArchiveDownloadDay, GraphicDesign, Toolkit, ToolkitResource

DOWNLOADS_NOTE = (
    "Downloads of each file in this year's toolkit since it was published, counted once per request for the "
    "file; the same person downloading twice counts twice."
)


def toolkit_section(edition) -> ResultsSection | None:
    toolkit = Toolkit.objects.filter(edition=edition).first()
    designs = list(
        GraphicDesign.objects.filter(edition=edition).annotate(made=Coalesce(Sum("made_days__count"), 0))
        .values_list("name", "made")
    )
    if toolkit is None and not designs:
        return None
    resources = (
        list(
            ToolkitResource.objects.filter(toolkit=toolkit).annotate(downloads=Coalesce(Sum("download_days__count"), 0))
            .values_list("title", "downloads")
        )
        if toolkit else []
    )
    zips = ArchiveDownloadDay.objects.filter(toolkit=toolkit).aggregate(n=Coalesce(Sum("count"), 0))["n"] if toolkit else 0
    made = sum(n for _, n in designs)
    return ResultsSection(
        key="toolkit",
        title="Toolkit",
        figures=(
            Figure("downloads", "File downloads", sum(n for _, n in resources), DOWNLOADS_NOTE),
            Figure("archives", "Whole-toolkit downloads", zips, "Downloads of the zip of every file in the toolkit."),
            Figure("graphics", "Personalised graphics made", made,
                   "Sets of graphics visitors made with their organisation's name and message, one per set."),
        ),
        breakdowns=(
            Breakdown("by_resource", "Downloads by resource", counted(resources), DOWNLOADS_NOTE,
                      "Nothing was downloaded."),
            Breakdown("by_design", "Graphics made by design", counted(designs),
                      "Sets of graphics made from each design.", "No graphics were made."),
        ),
        demo=bool(toolkit and toolkit.is_demo),
    )
