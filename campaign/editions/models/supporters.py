"""Organisations that back the Day, shown with their logos on the edition pages."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index


class Supporter(index.Indexed, Orderable):
    """An organisation backing Social Prescribing Day, in the order editors drag them into."""

    name = models.CharField(max_length=120)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Their logo on a plain or transparent background; it is shown up to 6 rem high, "
        "scaled to fit. Without one, the name is shown alone.",
    )
    url = models.URLField("website", blank=True)
    about = models.CharField(
        "what they do", max_length=160, blank=True,
        help_text="One line, e.g. 'The national network of social prescribing link workers'.",
    )
    edition = models.ForeignKey(
        "campaign.EditionPage", null=True, blank=True, on_delete=models.CASCADE, related_name="supporters",
        help_text="The year they support. Leave empty to show them on every year's page.",
    )
    is_demo = models.BooleanField(default=False, help_text="Made up for the demo site; labelled on the page.")

    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("url"), FieldPanel("edition")]),
        FieldPanel("about"),
        FieldPanel("is_demo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(Orderable.Meta):
        verbose_name = "supporter"

    def __str__(self) -> str:
        return self.name


def supporters_of(edition) -> list[Supporter]:
    """Who backs this edition: those named for its year and those for every year, in order."""
    return list(
        Supporter.objects.filter(Q(edition=edition) | Q(edition__isnull=True))
        .select_related("logo")
        .prefetch_related("logo__renditions")  # Wagtail's {% image %} uses prefetched renditions
        .order_by("sort_order", "pk")
    )
