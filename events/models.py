"""Events for Social Prescribing Day: Wagtail pages under /events/, moderated by a workflow.

Everything on EventPage is public once approved (and is copied into its revisions), so an
organiser's contact details and the management-link secret live apart, in EventSubmission.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from campaign import page_access
from campaign.cache import public_memo
from campaign.editions.current import live_edition
from campaign.page_access import ViewRestrictionsMixin
from campaign.submissions.admin_forms import SubmittedPageForm
from campaign.submissions.panels import RecordedFlagsPanel
from campaign.submissions.slugs import follow_title
from events import filters, maps, places, regions, rules, times
from events.choices import (
    CURRENCIES,
    DESCRIPTION_MAX,
    EVENT_TYPES,
    FORMAT_SHORT,
    FORMATS,
    HYBRID,
    IN_PERSON,
    JOINING_LINK,
    ONLINE,
    ONLINE_LINK_KINDS,
    REGISTRATION_LINK,
    RESERVED_SLUGS,
)
from events.panels import EventReviewPanel, event_texts


class EventIndexPage(ViewRestrictionsMixin, Page):
    """The public listing at /events/: upcoming events, filters and search."""

    intro = models.TextField(
        blank=True,
        max_length=600,
        default="Webinars, walks, open days and coffee mornings for Social Prescribing Day, "
        "run by link workers, GP practices, charities and community groups.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    page_cache_query = filters.QUERY_PARAMETERS  # campaign.cache keeps only these in a key

    def get_share_description(self) -> str:
        return self.search_description or self.intro

    def get_share_image(self):
        return None

    def get_context(self, request, *args, **kwargs):
        """The filter form and one page of the published events it finds."""
        context = super().get_context(request, *args, **kwargs)
        published = page_access.public(EventPage.objects.live())
        context.update(filters.listing_context(request, published))
        # The same for every visitor: counted again when public content changes (or the kept
        # copy expires, as the listing's does, so finished events leave the map).
        context["event_map"] = public_memo("events-map", lambda: maps.event_map(filters.upcoming(published)))
        return context


class EventPage(ViewRestrictionsMixin, Page):
    """One event or webinar. Created by a public submission (not live until approved) or in the admin."""

    edition = models.ForeignKey(
        "campaign.EditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="The Social Prescribing Day this event belongs to.",
    )
    organisation_name = models.CharField(max_length=150)
    organisation_website = models.URLField(blank=True, max_length=300)
    description = models.TextField(
        validators=[MaxLengthValidator(DESCRIPTION_MAX)],
        help_text="Plain text. Leave a blank line between paragraphs; web addresses become links.",
    )
    event_type = models.CharField(max_length=20, choices=EVENT_TYPES, default="other")
    format = models.CharField(max_length=12, choices=FORMATS, default=IN_PERSON)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    time_zone = models.CharField(max_length=64, default=places.DEFAULT_TIME_ZONE)
    # Dates in the event's own zone, kept in step by save(): they make "on this date" filters exact.
    start_date = models.DateField(editable=False, null=True, db_index=True)
    end_date = models.DateField(editable=False, null=True)
    venue_name = models.CharField(max_length=150, blank=True)
    address = models.TextField("street address", blank=True, max_length=300)
    town = models.CharField("town or city", max_length=100, blank=True)
    postcode = models.CharField("postcode or area", max_length=40, blank=True)
    country = models.CharField(
        "country", max_length=6, blank=True, choices=places.PLACE_CHOICES,
        help_text="For in-person and hybrid events. UK events choose their nation.",
    )
    # England's region, from the postcode (events.regions), kept in step by save() for the map.
    region = models.CharField(max_length=20, blank=True, editable=False, db_index=True)
    online_url = models.URLField(
        "joining or registration link", blank=True, max_length=500,
        help_text="Required for online and hybrid events.",
    )
    online_link_kind = models.CharField(
        "what the link is", max_length=12, choices=ONLINE_LINK_KINDS, default=REGISTRATION_LINK,
        help_text="A joining link is shown publicly and given to calendar apps as the meeting link.",
    )
    is_free = models.BooleanField("free", default=True)
    price_amount = models.DecimalField(
        "price", max_digits=8, decimal_places=2, null=True, blank=True,
        help_text="The full price of a place, in numbers, for events that are not free.",
    )
    currency = models.CharField(max_length=3, blank=True, choices=CURRENCIES)
    price = models.CharField(
        "price details", max_length=100, blank=True, help_text="Optional, e.g. 'concessions £2, free for carers'.",
    )
    booking_required = models.BooleanField(default=False)
    accessibility = models.TextField("accessibility information", blank=True, max_length=1000)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Stored with a neutral title and description: the alt text is the image description below.",
    )
    image_alt_text = models.CharField(
        "image description", max_length=250, blank=True,
        help_text="The organiser's description of the image, used as its alt text on the page and in link "
        "previews. Redact names here as in the description.",
    )
    cancelled = models.BooleanField(default=False, help_text="Shown publicly and in calendar feeds as cancelled.")
    # Incremented on every published change: calendar apps use it to update their copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(default=False, help_text="Marks demo content with a visible label.")

    content_panels = [
        EventReviewPanel(heading="Review: flags"), RecordedFlagsPanel(heading="Safeguarding record"),
        FieldPanel("change_reason"),
    ] + Page.content_panels + [
        FieldPanel("edition"),
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_website")], "Organisation"
        ),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("format")]),
        MultiFieldPanel(
            [
                HelpPanel(
                    "Start and end are entered in your admin time zone (Europe/London unless your account "
                    "says otherwise). The public page and calendars show them in the event's time zone below."
                ),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
            ],
            "When",
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("address"), FieldPanel("town"), FieldPanel("postcode"),
             FieldPanel("country"), FieldPanel("online_url"), FieldPanel("online_link_kind")],
            "Where",
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldRowPanel([FieldPanel("price_amount"), FieldPanel("currency")]),
             FieldPanel("price"), FieldPanel("booking_required"),
             FieldPanel("accessibility")],
            "Taking part",
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], "Image"),
        MultiFieldPanel([FieldPanel("cancelled"), FieldPanel("is_demo")], "Status"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("organisation_name"),
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.SearchField("address"),
        index.SearchField("town"),
        index.SearchField("postcode"),
        index.FilterField("start"),
        index.FilterField("format"),
        index.FilterField("event_type"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    base_form_class = SubmittedPageForm
    submission_kind = "Event listing"  # what the moderators' queue calls it (campaign.submissions.review)

    class Meta:
        indexes = [models.Index(fields=["end", "start"], name="events_end_start")]

    # --- Wagtail integration -------------------------------------------------

    def submitted_texts(self) -> list[tuple[str, str, str]]:
        """What the organiser wrote, as the review panel flags it (campaign.submissions.review)."""
        return event_texts(self)

    def public_submitter_name(self) -> str:
        """Who it came from, in public terms: the organisation, never the organiser's contact details."""
        return self.organisation_name

    def with_content_json(self, content):
        """Keep the feed counter from the database row: it belongs to the page, not a revision."""
        obj = super().with_content_json(content)
        obj.sequence = self.sequence
        return obj

    def get_share_description(self) -> str:
        return self.search_description or self.description[:200]

    def get_share_image(self):
        return self.image

    def get_share_image_alt(self) -> str:
        """The moderator-reviewed description, never the stored image's own."""
        return self.image_alt_text if self.image_id else ""

    # --- rules ---------------------------------------------------------------

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"'{self.slug}' is used by the events pages; please choose another slug."})
        errors = rules.event_errors(self, check_dates_against_now=False)
        if errors:
            raise ValidationError(errors)

    def save_revision(self, *args, **kwargs):
        """A moderator's redacted title reaches the slug of the version that will be published."""
        follow_title(self, fallback="event", reserved=RESERVED_SLUGS)
        return super().save_revision(*args, **kwargs)

    def save(self, *args, **kwargs):
        # Until first publication the slug follows the title, so no save makes a redirect from it.
        follow_title(self, fallback="event", reserved=RESERVED_SLUGS)
        self.region = regions.english_region(self.postcode) if self.country == places.ENGLAND else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"postcode", "country"} & set(update_fields):
            kwargs["update_fields"] = list(set(update_fields) | {"region"})
        if self.start and self.end and self.time_zone and places.is_valid_time_zone(self.time_zone):
            self.start_date = times.local_date(self.start, self.time_zone)
            self.end_date = times.local_date(self.end, self.time_zone)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and {"start", "end", "time_zone"} & set(update_fields):
                kwargs["update_fields"] = list(set(update_fields) | {"start_date", "end_date"})
        return super().save(*args, **kwargs)

    # --- presentation --------------------------------------------------------

    @cached_property
    def public_edition(self):
        """The Day it is part of, if that edition is live: from the kept list of live editions
        (hero image and all), so neither the page nor its share image asks for it."""
        return live_edition(self.edition_id)

    @property
    def when_text(self) -> str:
        return times.format_range(self.start, self.end, self.time_zone)

    @property
    def uk_when_text(self) -> str:
        """The time on UK clocks, for an event in a zone whose clocks read differently ("" otherwise)."""
        if not times.differs_from_uk(self.start, self.end, self.time_zone):
            return ""
        return times.format_range(self.start, self.end, times.UK_ZONE)

    @property
    def start_datetime_attribute(self) -> str:
        return times.datetime_attribute(self.start, self.time_zone)

    @property
    def end_datetime_attribute(self) -> str:
        return times.datetime_attribute(self.end, self.time_zone)

    @property
    def local_start(self):
        return times.in_zone(self.start, self.time_zone)

    @property
    def local_end(self):
        return times.in_zone(self.end, self.time_zone)

    @property
    def has_venue(self) -> bool:
        return self.format in (IN_PERSON, HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (ONLINE, HYBRID)

    @property
    def format_label(self) -> str:
        return FORMAT_SHORT.get(self.format, self.format)

    @property
    def place_text(self) -> str:
        """'Leeds, England, United Kingdom' style: venue area and country, or 'Online'."""
        if self.format == ONLINE:
            return "Online"
        parts = [p for p in [self.venue_name, self.town, self.postcode, places.place_label(self.country)] if p]
        text = ", ".join(parts)
        return f"{text} and online" if self.format == HYBRID else text

    @property
    def has_joining_link(self) -> bool:
        """Whether the organiser made the joining link itself public (not a registration page)."""
        return self.is_online and bool(self.online_url) and self.online_link_kind == JOINING_LINK

    @property
    def price_text(self) -> str:
        """'£5.00', 'EUR 12.50': the price in the event's own currency ('' if none is given)."""
        if self.price_amount is None:
            return ""
        symbol = {"GBP": "£", "EUR": "€"}.get(self.currency)
        amount = f"{self.price_amount:,.2f}".removesuffix(".00")
        return f"{symbol}{amount}" if symbol else f"{amount} {self.currency}".strip()

    @property
    def cost_text(self) -> str:
        if self.is_free:
            return "Free"
        return "; ".join(p for p in [self.price_text, self.price] if p) or "Paid"

    @property
    def map_url(self) -> str:
        """A search on OpenStreetMap for the venue: a link only, no embedded tiles or tracking."""
        if not self.has_venue:
            return ""
        query = ", ".join(
            p for p in [self.address.replace("\n", ", ").strip(), self.town, self.postcode,
                        places.country_name(self.country)] if p
        )
        if not query:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def increment_sequence(self) -> None:
        EventPage.objects.filter(pk=self.pk).update(sequence=F("sequence") + 1)
        self.sequence += 1


class EventSubmission(models.Model):
    """The private side of a public submission: who sent it and the secret behind their link.

    Never shown publicly, never copied into page revisions, feeds or structured data; erased
    by privacy.purge_expired once no longer needed.
    """

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="submission")
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    secret = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    contact_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["rejected_at"], name="events_sub_rejected")]

    def __str__(self) -> str:
        return f"Submission of {self.event.title}"
