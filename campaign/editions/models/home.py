from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from campaign.editions import current
from campaign.editions.blocks import BodyBlock
from campaign.editions.models.pages import SharingMixin


class HomePage(SharingMixin, Page):
    """The site's front door: the next (or current) Day, its countdown and calls to action."""

    strapline = models.CharField(
        max_length=200,
        default="A day to celebrate social prescribing: the link workers, GPs and community groups "
        "who connect people with what matters to them.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="Optional extra sections below the calls to action.")

    content_panels = Page.content_panels + [FieldPanel("strapline"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("strapline")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_share_description(self) -> str:
        return self.search_description or self.strapline

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["status"] = current.day_status_for(request)
        return context
