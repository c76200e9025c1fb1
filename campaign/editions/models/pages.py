from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from campaign import illustrations, registry
from campaign.cache import public_memo
from campaign.editions import days
from campaign.editions.blocks import BodyBlock, HeadlineFigureBlock, HighlightsBlock
from campaign.editions.colours import validate_theme_colour
from campaign.editions.models.settings import SiteSettings
from campaign.editions.models.supporters import supporters_of
from campaign.page_access import ViewRestrictionsMixin
from campaign.routing import page_at

DEFAULT_PRIMARY = "#0b5d57"
DEFAULT_ACCENT = "#f2a541"
DEFAULT_HASHTAG = "#SocialPrescribingDay"
# Where a request keeps its current edition, so every template asking gets the same one.
CURRENT_EDITION_ATTRIBUTE = "campaign_current_edition"
# Where a request keeps the edition its pages are about (the Day just gone, or the current one).
FOCUS_ATTRIBUTE = "campaign_focus"


class SharingMixin:
    """Open Graph and Twitter card values every page type provides."""

    def get_share_description(self) -> str:
        return self.search_description or ""

    def get_share_image(self):
        return None


class HomePage(ViewRestrictionsMixin, SharingMixin, Page):
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

    def route(self, request, path_components):
        """/<year>/ is an edition, wherever it sits below the home page (see ``EditionPage``).

        Any other page is looked up by its address in one query (``campaign.routing``), not
        level by level, and kept by the worker until public content changes.
        """
        if path_components and path_components[0].isdigit():
            edition = self.edition_at(path_components[0])
            if edition is not None:
                return edition.route(request, path_components[1:])
        page = page_at(self, path_components)
        if page is not None:
            return page.route(request, [])
        return super().route(request, path_components)

    def edition_at(self, slug: str) -> EditionPage | None:
        """The edition below this home page with this slug (its year).

        A live one comes from the kept list of live editions, hero image and all: the Day's
        own page, the busiest on the Day, costs no query to find. Any other (a draft, which
        Wagtail then refuses to serve) is asked for.
        """
        for edition in all_live_editions():
            if edition.slug == slug and edition.path.startswith(self.path):
                return edition
        return EditionPage.objects.descendant_of(self).filter(slug=slug).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The days after the Day: its thanks, results and the next date, while it is held.
        editions = all_live_editions()
        context["focus"] = focus_for(request, editions)
        status = days.status_among(editions, days.today())
        # The same edition the layout asks for (campaign.editions.current): no second look-up.
        setattr(request, CURRENT_EDITION_ATTRIBUTE, status.edition)
        context["status"] = status
        return context


class EditionPage(ViewRestrictionsMixin, SharingMixin, Page):
    """One annual Social Prescribing Day: its date, theme, story and results. Lives at /<year>/.

    In the tree every edition sits under "Every Social Prescribing Day" (``EditionIndexPage``),
    where editors look for it; its address stays /<year>/, not /years/<year>/: the home page
    routes /<year>/ to it and ``get_url_parts`` leaves the archive's slug out.
    """

    year = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    day = models.DateField("date of the Day", null=True, blank=True, help_text="Leave empty until it is announced.")
    edition_number = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="As the campaign counts it ('the 3rd Social Prescribing Day'); the public record is not always consistent.",
    )
    theme = models.CharField(max_length=150, blank=True)
    theme_words = models.CharField(max_length=150, blank=True, help_text="E.g. 'Listen – Support – Connect'.")
    summary = models.TextField(max_length=600, blank=True)
    hashtags = models.CharField(
        max_length=300,
        default="#SocialPrescribingDay #InternationalSocialPrescribingDay",
        help_text="Separated by spaces; the first is the main one. Tracked on the live stats page.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Its description is used as the alt text.",
    )
    primary_colour = models.CharField(max_length=7, default=DEFAULT_PRIMARY, validators=[validate_theme_colour])
    accent_colour = models.CharField(max_length=7, default=DEFAULT_ACCENT, validators=[validate_theme_colour])
    body = StreamField(BodyBlock(), blank=True)
    results = StreamField(
        [("figure", HeadlineFigureBlock())],
        blank=True,
        help_text="Headline results once known, e.g. '29.5 million' / 'interactions with the hashtag'.",
    )
    highlights = StreamField(
        HighlightsBlock(),
        blank=True,
        help_text="For the results report: quotes, a trending position, media mentions, reports launched.",
    )
    is_demo = models.BooleanField(
        default=False, help_text="Marks demo content: the page shows a visible 'demo' label."
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("day"), FieldPanel("edition_number")]),
                FieldPanel("theme"),
                FieldPanel("theme_words"),
                FieldPanel("summary"),
                FieldPanel("hashtags"),
                FieldPanel("is_demo"),
            ],
            "The Day",
        ),
        MultiFieldPanel(
            [
                HelpPanel("The site's look follows the current edition. Colours must keep text readable."),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")]),
            ],
            "Look",
        ),
        FieldPanel("body"),
        FieldPanel("results"),
        FieldPanel("highlights"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("theme_words"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]

    parent_page_types = ["campaign.EditionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        ordering = ["-year"]

    def get_url_parts(self, request=None):
        """/<year>/: the archive's slug is left out of an edition's address (see the class)."""
        parts = super().get_url_parts(request=request)
        if not parts or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        segments = page_path.strip("/").split("/")
        if len(segments) > 1:  # under the archive: drop its slug, keep any prefix above it
            page_path = "/" + "/".join(segments[:-2] + segments[-1:]) + "/"
        return site_id, root_url, page_path

    def full_clean(self, *args, **kwargs):
        if self.year:
            self.slug = str(self.year)
            if not self.title:
                self.title = f"Social Prescribing Day {self.year}"
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.day and self.year and self.day.year != self.year:
            raise ValidationError({"day": "The date must fall in the edition's year."})

    @cached_property
    def hashtag_list(self) -> list[str]:
        tags = []
        for raw in self.hashtags.replace(",", " ").split():
            tag = "#" + raw.lstrip("#")
            if len(tag) > 1 and tag.lower() not in {t.lower() for t in tags}:
                tags.append(tag)
        return tags

    @cached_property
    def supporter_list(self) -> list:
        """The organisations backing this year's Day (campaign.editions.models.supporters)."""
        return supporters_of(self)

    @cached_property
    def supporters_are_demo(self) -> bool:
        return any(supporter.is_demo for supporter in self.supporter_list)

    @property
    def main_hashtag(self) -> str:
        """The hashtag graphics, share links and the lockup carry: the first one listed."""
        return self.hashtag_list[0] if self.hashtag_list else DEFAULT_HASHTAG

    @property
    def state(self) -> str:
        return days.day_state(self.day, days.today())

    @property
    def theme_version(self) -> str:
        return hashlib.sha1(f"{self.primary_colour}{self.accent_colour}".encode()).hexdigest()[:10]

    @property
    def ordinal(self) -> str:
        n = self.edition_number
        if not n:
            return ""
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"

    def get_share_description(self) -> str:
        return self.search_description or self.summary or self.theme

    def get_share_image(self):
        return self.hero_image


class EditionIndexPage(ViewRestrictionsMixin, SharingMixin, Page):
    """The archive of every edition, newest first (/years/), and their place in the page tree."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        HelpPanel(
            "Each year's Day is a page under this one. Its address is just its year, e.g. /2027/, "
            "not /years/2027/. To start next year's Day from this year's, use “Start next "
            "year's Day” in this page's menu: it copies the toolkit and the hashtag tracking too."
        ),
    ]
    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["campaign.EditionPage"]
    max_count = 1

    def route(self, request, path_components):
        """An edition has one address, /<year>/ (``HomePage.route``): /years/<year>/ is not it."""
        if path_components:
            raise Http404
        return super().route(request, path_components)

    def get_share_description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The kept list of live editions, hero images and all (all_live_editions), newest first.
        context["editions"] = sorted(all_live_editions(), key=lambda edition: edition.year, reverse=True)
        return context


class ContentPage(ViewRestrictionsMixin, SharingMixin, Page):
    """A general page built from blocks, such as 'Get involved' or 'About the Day'."""

    intro = models.TextField(blank=True, max_length=600)
    illustration = models.CharField(
        max_length=40, blank=True, choices=illustrations.CHOICES,
        help_text="One of the site's illustrations, shown beside the title and introduction.",
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("illustration"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    def get_share_description(self) -> str:
        return self.search_description or self.intro


def all_live_editions() -> list[EditionPage]:
    """Every live edition, in one small query kept until an editor publishes something.

    There is one edition a year and nearly every page asks which one is current
    (campaign.editions.current).
    """
    return list(public_memo("live-editions", _query_live_editions))


def _query_live_editions() -> list[EditionPage]:
    return list(EditionPage.objects.live().select_related("hero_image").order_by("year"))


def day_gone_until(edition: EditionPage):
    """Until when the apps hold the Day just gone (``register_day_gone_until``), kept until
    public content changes."""
    return public_memo(f"day-gone-until:{edition.pk}", lambda: registry.day_gone_until(edition))


def focus_for(request, editions: list[EditionPage] | None = None) -> days.Focus:
    """The edition the home page, /stats/ and the toolkit are about, once per request.

    The editors' choice for the request's site (``SiteSettings.after_the_day``) is read
    only when there is a choice; Wagtail keeps the settings on the request for the layout.
    """
    if not hasattr(request, FOCUS_ATTRIBUTE):
        editions, now = (all_live_editions() if editions is None else editions), days.now()
        focus = days.pick_focus(
            editions, now, lambda: SiteSettings.for_request(request).after_the_day, day_gone_until
        )
        setattr(request, FOCUS_ATTRIBUTE, focus)
        if not hasattr(request, CURRENT_EDITION_ATTRIBUTE):
            # The layout's current edition, from the same editions: no second look-up.
            setattr(request, CURRENT_EDITION_ATTRIBUTE, days.pick_current(editions, timezone.localdate(now)))
    return getattr(request, FOCUS_ATTRIBUTE)
