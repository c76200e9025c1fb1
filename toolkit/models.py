"""The campaign toolkit of each edition, its download counts, and designs for the graphic maker."""

from __future__ import annotations

import hashlib
import os

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable, PreviewableMixin

from campaign.editions.colours import HEX_COLOUR, contrast_ratio, validate_hex_colour
from toolkit.graphics import band_clearance, sample_previews


class Category(models.TextChoices):
    """The groups resources are shown in, in this order."""

    POSTERS = "posters", "Posters"
    SOCIAL = "social", "Social media graphics"
    BRAND = "brand", "Logos and brand"
    SLIDES = "slides", "Slides"
    TEMPLATES = "templates", "Templates"
    GUIDES = "guides", "Guides"
    OTHER = "other", "Other"


CATEGORY_ORDER = [value for value, _ in Category.choices]


class Audience(models.Model):
    """Who a resource is for (link workers, GP practices…): the filter on the toolkit page."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


DEFAULT_LICENCE = (
    "Free to use, share and print to promote Social Prescribing Day. Please do not change the "
    "logos or sell the materials."
)


class Toolkit(ClusterableModel):
    """One edition's campaign toolkit: the resources organisations download and share."""

    edition = models.OneToOneField(
        "campaign.EditionPage", on_delete=models.CASCADE, related_name="toolkit"
    )
    intro = models.TextField(
        blank=True, max_length=800, help_text="A sentence or two shown at the top of the toolkit page."
    )
    licence = models.TextField(
        "licence", default=DEFAULT_LICENCE, help_text="How people may use the materials, shown on the page."
    )
    brand_rules = models.TextField(
        blank=True, help_text="E.g. clear space around the logo, colours, hashtags to use."
    )
    live = models.BooleanField(
        "published", default=True, help_text="Untick to hide the toolkit while it is being prepared."
    )
    is_demo = models.BooleanField(default=False, help_text="Marks demo content with a visible label.")

    # The whole-toolkit zip, built in the background (toolkit.archive) and never on a request.
    archive = models.FileField(upload_to="toolkit/archives/", blank=True, editable=False)
    archive_hash = models.CharField(max_length=64, blank=True, editable=False)
    archive_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    archive_built_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("edition"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("licence"), FieldPanel("brand_rules")], "Usage notes for every resource"),
        FieldRowPanel([FieldPanel("live"), FieldPanel("is_demo")]),
        HelpPanel(
            "Each resource needs a document (PDF, slides, template…) or an image, or both: with both, "
            "the image is the preview and the document is the download. The 'Download the whole "
            "toolkit' zip is rebuilt in the background a minute or so after you save."
        ),
        InlinePanel("resources", heading="Resources", label="Resource"),
    ]

    class Meta:
        ordering = ["-edition__year"]

    def __str__(self) -> str:
        return f"Toolkit {self.edition.year}" if self.edition_id else "Toolkit"

    def archive_filename(self) -> str:
        return f"social-prescribing-day-{self.edition.year}-toolkit.zip"


class ToolkitResource(Orderable, ClusterableModel):
    """A file in a toolkit: a poster, graphic, logo, slide deck, template or guide."""

    toolkit = ParentalKey(Toolkit, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=600, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    audiences = ParentalManyToManyField(
        Audience, blank=True, related_name="resources", help_text="Leave empty if it is for everyone."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The file people download (PDF, slides, template, zip of logos…).",
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="An image to download, or the preview of the document above. Its description is the alt text.",
    )
    usage_notes = models.TextField(
        blank=True, max_length=600, help_text="Anything specific to this file, e.g. print sizes or brand rules."
    )
    post_copy = models.TextField(
        "suggested post", blank=True, max_length=600, help_text="Text people can copy with the graphic."
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("audiences")]),
        FieldRowPanel([FieldPanel("document"), FieldPanel("image")]),
        FieldPanel("usage_notes"),
        FieldPanel("post_copy"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "resource"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if not self.document_id and not self.image_id:
            raise ValidationError("Choose a document or an image (or both) for this resource.")

    @property
    def download_file(self):
        """The file a visitor downloads: the document if there is one, else the original image."""
        if self.document_id and self.document is not None:
            return self.document.file
        if self.image_id and self.image is not None:
            return self.image.file
        return None

    @property
    def file_extension(self) -> str:
        file = self.download_file
        if file is None:
            return ""
        return os.path.splitext(file.name)[1].lstrip(".").lower()

    @property
    def file_size(self) -> int | None:
        source = self.document if self.document_id else self.image
        if source is None:
            return None
        size = getattr(source, "file_size", None)
        if size is None:
            try:
                size = source.file.size
            except (OSError, ValueError):
                return None
        return size

    @property
    def download_name(self) -> str:
        """A readable file name: the title, slugified, with the file's own extension."""
        ext = self.file_extension
        base = slugify(self.title) or f"resource-{self.pk}"
        return f"{base}.{ext}" if ext else base

    @property
    def content_fingerprint(self) -> str:
        """What the whole-toolkit zip depends on: the name in the zip and the file's own hash."""
        source = self.document if self.document_id else self.image
        file_hash = getattr(source, "file_hash", "") or ""
        name = self.download_file.name if self.download_file else ""
        return f"{self.pk}:{self.category}:{self.download_name}:{name}:{file_hash}:{self.file_size}"


class ResourceDownloadDay(models.Model):
    """How many times a resource was downloaded on a day. A counter only: no visitor data."""

    resource = models.ForeignKey(ToolkitResource, on_delete=models.CASCADE, related_name="download_days")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resource", "day"], name="toolkit_resource_day_unique")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.resource_id} on {self.day}: {self.count}"


class ArchiveDownloadDay(models.Model):
    """How many times a whole-toolkit zip was downloaded on a day."""

    toolkit = models.ForeignKey(Toolkit, on_delete=models.CASCADE, related_name="archive_download_days")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["toolkit", "day"], name="toolkit_archive_day_unique")]

    def __str__(self) -> str:
        return f"{self.toolkit_id} zip on {self.day}: {self.count}"


def fraction_field(verbose_name: str, default: float, help_text: str = ""):
    return models.FloatField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=help_text,
    )


class Alignment(models.TextChoices):
    LEFT = "left", "Left"
    CENTRE = "centre", "Centre"
    RIGHT = "right", "Right"


class BandPosition(models.TextChoices):
    BOTTOM = "bottom", "Bottom"
    TOP = "top", "Top"


class GraphicDesign(PreviewableMixin, models.Model):
    """A background for 'Make your own graphic', with the safe area where the visitor's text goes.

    The text box is given as fractions of the canvas (0 = left/top edge, 1 = right/bottom), so
    one design works for the square, story, landscape and poster sizes.
    """

    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="graphic_designs")
    name = models.CharField(max_length=80)
    background = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.PROTECT, related_name="+",
        help_text="At least 1920 pixels on its long side. Set its focal point so crops keep what matters.",
    )
    background_description = models.CharField(
        max_length=200, help_text="What the background shows, for the alt text of people's graphics."
    )
    box_left = fraction_field("text box left", 0.08, "0–1: where the text area starts, across.")
    box_top = fraction_field("text box top", 0.52, "0–1: where the text area starts, down.")
    box_width = fraction_field("text box width", 0.84)
    box_height = fraction_field("text box height", 0.38)
    text_colour = models.CharField(max_length=7, default="#1b1b1f", validators=[validate_hex_colour])
    panel_colour = models.CharField(
        max_length=7, blank=True, validators=[validate_hex_colour],
        help_text="Optional solid panel behind the text, to keep it readable on a busy background.",
    )
    alignment = models.CharField(max_length=10, choices=Alignment.choices, default=Alignment.CENTRE)
    band_position = models.CharField(
        "campaign band", max_length=10, choices=BandPosition.choices, default=BandPosition.BOTTOM,
        help_text="The edge that carries the campaign lockup: the mark, “Social Prescribing Day”, "
        "the Day's date and its hashtag. Keep the text area and anything important clear of it.",
    )
    band_colour = models.CharField(max_length=7, default="#fffaf3", validators=[validate_hex_colour])
    band_text_colour = models.CharField(
        "band text colour", max_length=7, default="#1b1b1f", validators=[validate_hex_colour]
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    live = models.BooleanField("available to visitors", default=True)
    is_demo = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("name")]),
        FieldPanel("background"),
        FieldPanel("background_description"),
        MultiFieldPanel(
            [
                HelpPanel(
                    "Where the visitor's organisation name and message go, as fractions of the canvas. "
                    "Keep logos and faces out of it. The preview shows the area with sample text."
                ),
                FieldRowPanel([FieldPanel("box_left"), FieldPanel("box_top")]),
                FieldRowPanel([FieldPanel("box_width"), FieldPanel("box_height")]),
            ],
            "Safe text area",
        ),
        FieldRowPanel([FieldPanel("text_colour"), FieldPanel("panel_colour"), FieldPanel("alignment")]),
        MultiFieldPanel(
            [
                HelpPanel(
                    "Every graphic and poster carries the campaign lockup in a band along this edge, "
                    "whatever the visitor writes, so a shared graphic always promotes the Day."
                ),
                FieldRowPanel([FieldPanel("band_position"), FieldPanel("band_colour"), FieldPanel("band_text_colour")]),
            ],
            "Campaign band",
        ),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("live"), FieldPanel("is_demo")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "graphic design"

    def __str__(self) -> str:
        return f"{self.name} ({self.edition.year})" if self.edition_id else self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.box_width is not None and self.box_width < 0.25:
            errors["box_width"] = "Make the text area at least 0.25 wide so long names still fit."
        if self.box_height is not None and self.box_height < 0.15:
            errors["box_height"] = "Make the text area at least 0.15 high so long names still fit."
        if None not in (self.box_left, self.box_width) and self.box_left + self.box_width > 1.0001:
            errors["box_width"] = "The text area goes past the right edge: left + width must be 1 or less."
        if None not in (self.box_top, self.box_height) and self.box_top + self.box_height > 1.0001:
            errors["box_height"] = "The text area goes past the bottom edge: top + height must be 1 or less."
        if (
            self.panel_colour and self.text_colour and "panel_colour" not in errors
            and HEX_COLOUR.match(self.panel_colour) and HEX_COLOUR.match(self.text_colour)
            and contrast_ratio(self.panel_colour, self.text_colour) < 4.5
        ):
            errors["panel_colour"] = "The text colour needs a contrast of at least 4.5:1 on this panel."
        if (
            self.band_colour and self.band_text_colour
            and HEX_COLOUR.match(self.band_colour) and HEX_COLOUR.match(self.band_text_colour)
            and contrast_ratio(self.band_colour, self.band_text_colour) < 4.5
        ):
            errors["band_text_colour"] = "The band's text colour needs a contrast of at least 4.5:1 on the band."
        if None not in (self.box_top, self.box_height) and not errors.keys() & {"box_height", "box_top"}:
            band, size = band_clearance()
            if self.band_position == BandPosition.TOP and self.box_top < band - 1e-4:
                errors["box_top"] = (
                    f"The text area runs into the campaign band at the top: start it at {band:.2f} or lower "
                    f"(the band is deepest in the {size.noun})."
                )
            elif self.band_position != BandPosition.TOP and self.box_top + self.box_height > 1 - band + 1e-4:
                errors["box_height"] = (
                    f"The text area runs into the campaign band at the bottom: top + height must be "
                    f"{1 - band:.2f} or less (the band is deepest in the {size.noun})."
                )
        if errors:
            raise ValidationError(errors)

    @cached_property
    def render_version(self) -> str:
        """Changes whenever anything that affects the drawn graphic changes: part of cache keys."""
        image = self.background
        parts = [
            image.file_hash or image.file.name,
            image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height,
            self.box_left, self.box_top, self.box_width, self.box_height,
            self.text_colour, self.panel_colour, self.alignment,
            self.band_position, self.band_colour, self.band_text_colour,
            self.edition.day, self.edition.year, self.edition.main_hashtag,
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]

    def get_preview_template(self, request, mode_name):
        return "toolkit/admin/design_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["previews"] = sample_previews(self)
        return context


class GraphicMadeDay(models.Model):
    """How many personalised graphic sets were made from a design on a day: a counter only,
    nothing of what visitors wrote, for the edition's results report."""

    design = models.ForeignKey(GraphicDesign, on_delete=models.CASCADE, related_name="made_days")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["design", "day"], name="toolkit_graphic_day_unique")]

    def __str__(self) -> str:
        return f"design {self.design_id} on {self.day}: {self.count}"
