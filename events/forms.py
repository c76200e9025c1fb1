"""The organiser's forms: list an event, and edit it through the private management link."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from campaign.submissions.antispam import SpamProtectionMixin, count_links
from campaign.submissions.uploads import clean_uploaded_image
from events import places, rules, times
from events.choices import (
    CURRENCIES,
    DESCRIPTION_MAX,
    EVENT_TYPES,
    FORMATS,
    IN_PERSON,
    ONLINE_LINK_KINDS,
    REGISTRATION_LINK,
)

WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"
IMAGE_MAX_BYTES = 8 * 1024 * 1024


class WallClockField(forms.DateTimeField):
    """A date and time as the organiser reads it on the clock, with no zone yet.

    Django would attach the site's zone (London); the event's own zone is applied in clean().
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WALL_CLOCK_FORMAT)
    input_formats = [WALL_CLOCK_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        return forms.fields.BaseTemporalField.to_python(self, value)

    def prepare_value(self, value):
        if isinstance(value, datetime):
            return value.replace(tzinfo=None).strftime(WALL_CLOCK_FORMAT)
        return value


class HttpsURLField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class EventDetailsForm(forms.Form):
    """The public facts of an event, shared by the submission and edit forms."""

    title = forms.CharField(label="Event title", max_length=120)
    event_type = forms.ChoiceField(label="Type of event", choices=[("", "Choose…")] + EVENT_TYPES)
    format = forms.ChoiceField(label="Format", choices=FORMATS, initial=IN_PERSON, widget=forms.RadioSelect)
    description = forms.CharField(
        label="Description",
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Plain text, up to {DESCRIPTION_MAX} characters. Leave a blank line between paragraphs; "
        "web addresses become links (at most a few).",
    )
    organisation_name = forms.CharField(label="Organisation name", max_length=150)
    organisation_website = HttpsURLField(label="Organisation website", required=False, max_length=300,
                                         help_text="For example https://www.example.org")
    start = WallClockField(label="Starts", help_text="Date and time, in the event's time zone.")
    end = WallClockField(label="Ends", help_text="Date and time, in the event's time zone.")
    time_zone = forms.ChoiceField(label="Time zone", choices=places.time_zone_choices, initial=places.DEFAULT_TIME_ZONE)
    venue_name = forms.CharField(label="Venue name", max_length=150, required=False,
                                 help_text="For in-person and hybrid events.")
    address = forms.CharField(label="Street address", max_length=300, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="The building and street, without the town.")
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode or area", max_length=40, required=False)
    country = forms.ChoiceField(label="Country (or UK nation)", required=False,
                                choices=[("", "Choose…")] + places.PLACE_CHOICES)
    online_url = HttpsURLField(label="Joining or registration link", max_length=500, required=False,
                               help_text="Required for online and hybrid events.")
    online_link_kind = forms.ChoiceField(
        label="What is this link?", choices=ONLINE_LINK_KINDS, initial=REGISTRATION_LINK, required=False,
        widget=forms.RadioSelect,
        help_text="A joining link appears on the public page and in people's calendars. Choose registration "
        "if you would rather send the joining link only to the people who register.",
    )
    is_free = forms.BooleanField(label="This event is free", required=False, initial=True)
    price_amount = forms.DecimalField(
        label="Price", required=False, min_value=0, max_digits=8, decimal_places=2,
        help_text="If it is not free: the full price of a place, in numbers, e.g. 5 or 12.50.",
    )
    currency = forms.ChoiceField(label="Currency", required=False, choices=[("", "Choose…")] + CURRENCIES,
                                 help_text="The currency people pay in.")
    price = forms.CharField(label="Price details (optional)", max_length=100, required=False,
                            help_text="E.g. 'concessions £2, free for carers'.")
    booking_required = forms.BooleanField(label="People need to book a place", required=False)
    accessibility = forms.CharField(
        label="Accessibility information", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, hearing loops, captions, quiet spaces, BSL, parking…",
    )
    image = forms.FileField(
        label="Image (optional)", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text="JPEG, PNG, WebP or GIF, up to 8 MB. If the form shows an error, please choose the image again.",
    )
    image_alt = forms.CharField(label="Describe the image", max_length=250, required=False,
                                help_text="For people who cannot see it. Required if you add an image.")

    def __init__(self, *args, original_start: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_start = original_start
        for _name, field in self.fields.items():
            if field.required and not isinstance(field.widget, (forms.CheckboxInput, forms.RadioSelect)):
                field.widget.attrs.setdefault("autocomplete", "off")
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["postcode"].widget.attrs["autocomplete"] = "off"

    def clean_description(self):
        text = self.cleaned_data["description"]
        if count_links(text) > rules.max_links():
            raise ValidationError(f"Please include no more than {rules.max_links()} web addresses in the description.")
        return text

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        return clean_uploaded_image(upload, max_bytes=IMAGE_MAX_BYTES)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone") or places.DEFAULT_TIME_ZONE
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is None:
                continue
            try:
                cleaned[name] = times.make_aware_in_zone(value, zone_name)
            except times.NonexistentTime as error:
                self.add_error(name, str(error))
                cleaned[name] = None
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", "Describe the image for people who cannot see it.")
        event = SimpleNamespace(
            start=cleaned.get("start"), end=cleaned.get("end"), time_zone=zone_name,
            format=cleaned.get("format"), online_url=cleaned.get("online_url"),
            venue_name=cleaned.get("venue_name"), postcode=cleaned.get("postcode"),
            address=cleaned.get("address"), town=cleaned.get("town"), country=cleaned.get("country"),
            is_free=cleaned.get("is_free"), price=cleaned.get("price"),
            price_amount=cleaned.get("price_amount"), currency=cleaned.get("currency"),
        )
        if not cleaned.get("online_link_kind"):
            cleaned["online_link_kind"] = REGISTRATION_LINK
        errors = rules.event_errors(event, check_dates_against_now=True)
        if "start" in errors and self.original_start and event.start == self.original_start:
            # An organiser correcting an event that has already begun keeps its start.
            del errors["start"]
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


def _layout(image_extra: tuple = (), *more) -> Layout:
    return Layout(
        Fieldset("About the event", "title", "event_type", "format", "description"),
        Fieldset("Who is running it", "organisation_name", "organisation_website"),
        Fieldset("When", "start", "end", "time_zone"),
        Fieldset(
            "Where",
            HTML('{% include "events/forms/where_note.html" %}'),
            "venue_name", "address", "town", "postcode", "country", "online_url", "online_link_kind",
        ),
        Fieldset("Taking part", "is_free", Div("price_amount", "currency", "price", css_id="event-price"),
                 "booking_required", "accessibility"),
        Fieldset("Image", *image_extra, "image", "image_alt"),
        *more,
    )


class EventSubmissionForm(SpamProtectionMixin, EventDetailsForm):
    contact_name = forms.CharField(label="Your name", max_length=120)
    contact_email = forms.EmailField(label="Your email address", max_length=254,
                                     help_text="We send the private link to manage your listing here.")
    agree_terms = forms.BooleanField(label="I agree to the listing terms", required=True,
                                     error_messages={"required": "Please agree to the listing terms to list your event."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = _layout(
            (),
            Fieldset(
                "Your contact details (private)",
                HTML('{% include "events/forms/contact_note.html" %}'),
                "contact_name", "contact_email",
            ),
            Fieldset("Listing terms", HTML('{% include "events/forms/listing_terms.html" %}'), "agree_terms"),
            Div("website_address", css_class="honeypot", aria_hidden="true"),
            "form_started",
        )


class EventEditForm(EventDetailsForm):
    remove_image = forms.BooleanField(label="Remove the current image", required=False)

    def __init__(self, *args, has_image: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        if not has_image:
            del self.fields["remove_image"]
        self.helper.layout = _layout(("remove_image",) if has_image else ())

    @staticmethod
    def initial_from(event) -> dict:
        return {
            "title": event.title, "event_type": event.event_type, "format": event.format,
            "description": event.description, "organisation_name": event.organisation_name,
            "organisation_website": event.organisation_website,
            "start": times.in_zone(event.start, event.time_zone), "end": times.in_zone(event.end, event.time_zone),
            "time_zone": event.time_zone, "venue_name": event.venue_name, "address": event.address,
            "town": event.town, "postcode": event.postcode, "country": event.country,
            "online_url": event.online_url, "online_link_kind": event.online_link_kind,
            "is_free": event.is_free, "price_amount": event.price_amount, "currency": event.currency,
            "price": event.price, "booking_required": event.booking_required,
            "accessibility": event.accessibility,
            "image_alt": event.image_alt_text if event.image_id else "",
        }
