"""The 'share your story' form: plain English, one question at a time, with guiding prompts."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError

from campaign.submissions.antispam import SpamProtectionMixin, count_links
from campaign.submissions.uploads import clean_uploaded_image
from stories import choices, consent
from stories.models import StoryActivity

MAX_LINKS = 2
MAX_PHOTO_BYTES = 8 * 1024 * 1024
STORY_FIELDS = ("what_was_going_on", "what_happened", "what_changed", "what_was_hard")


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ShareStoryForm(SpamProtectionMixin, forms.Form):
    role = forms.ChoiceField(
        label="Which of these best describes you?",
        choices=choices.ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the description that fits you best."},
    )
    referral_route = forms.ChoiceField(
        label="How did the referral to social prescribing come about?",
        choices=choices.REFERRAL_CHOICES,
        widget=forms.RadioSelect,
        help_text="If you are a link worker or a group, choose the most common route for the person in your story.",
        error_messages={"required": "Choose how the referral came about, or 'Other'."},
    )
    activities = forms.MultipleChoiceField(
        label="What did you take part in?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose as many as you like.",
    )
    region = forms.ChoiceField(
        label="Where in the UK are you?",
        choices=[("", "Choose a region or country")] + choices.REGION_CHOICES,
        help_text="Only the region is shown, never a town or address.",
        error_messages={"required": "Choose your region or country."},
    )
    title = forms.CharField(
        label="Give your story a short title",
        max_length=100,
        help_text="For example: 'The walking group that got me out of the house'. Up to 100 characters.",
        error_messages={"required": "Give your story a short title.",
                        "max_length": "Keep the title to 100 characters or fewer."},
    )
    what_was_going_on = forms.CharField(
        label="What was going on before?",
        required=False,
        max_length=3000,
        widget=_textarea(5),
        help_text="What life was like, and what made you (or the person you support) look for help.",
    )
    what_happened = forms.CharField(
        label="What happened?",
        min_length=50,
        max_length=5000,
        widget=_textarea(8),
        help_text="How you met your link worker or group, and what you did together. This part is needed.",
        error_messages={
            "required": "Tell us what happened: this is the heart of your story.",
            "min_length": "Please write a little more about what happened (at least 50 characters).",
            "max_length": "Please keep this part to 5,000 characters or fewer.",
        },
    )
    what_changed = forms.CharField(
        label="What changed?",
        required=False,
        max_length=3000,
        widget=_textarea(5),
        help_text="For you, your family, your patients or your group.",
    )
    what_was_hard = forms.CharField(
        label="What was hard, and how did you get past it?",
        required=False,
        max_length=3000,
        widget=_textarea(5),
        help_text="Honest accounts help others. Leave it blank if you prefer.",
    )
    photo = forms.FileField(
        label="A photo (optional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text="A JPEG, PNG, WebP or GIF up to 8 MB. Please avoid faces of other people unless they agree, "
        "and anything that shows where you live. We remove location data from the file.",
    )
    photo_alt_text = forms.CharField(
        label="Describe your photo in a sentence",
        required=False,
        max_length=250,
        help_text="For people who cannot see it, e.g. 'Raised vegetable beds in a community garden'.",
    )
    display_choice = forms.ChoiceField(
        label="How should we show who shared this story?",
        choices=choices.DISPLAY_CHOICES,
        widget=forms.RadioSelect,
        initial=choices.FIRST_NAME,
        error_messages={"required": "Choose how your name is shown, or 'Anonymous'."},
    )
    name = forms.CharField(
        label="The name to show",
        required=False,
        max_length=40,
        help_text="Your first name only, or a name you choose. Leave empty if you chose 'Anonymous'.",
    )
    contact_email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        max_length=254,
        help_text="Only our moderators see it: to ask you a question, and to send you a private link to "
        "check or withdraw your story. It is never published.",
        error_messages={"invalid": "Enter an email address like name@example.com, or leave it empty."},
    )
    consent_publish = forms.BooleanField(
        label=consent.WORDING[consent.PUBLISH],
        error_messages={"required": "We can only publish your story with your agreement. Tick the box to agree."},
    )
    consent_campaign_use = forms.BooleanField(label=consent.WORDING[consent.CAMPAIGN], required=False)
    consent_age = forms.BooleanField(
        label=consent.WORDING[consent.AGE],
        error_messages={"required": "Confirm that you are 16 or over, or that a parent or guardian agrees."},
    )
    consent_own_story = forms.BooleanField(
        label=consent.WORDING[consent.OWN_STORY],
        error_messages={"required": "Confirm that the story is yours to tell, or that the people in it agree."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].choices = list(StoryActivity.objects.values_list("slug", "name"))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset("About you", "role", "region"),
            Fieldset("How it started", "referral_route", "activities"),
            Fieldset(
                "Your story",
                HTML('{% include "stories/forms/story_note.html" %}'),
                "title", *STORY_FIELDS,
            ),
            Fieldset("A photo", "photo", "photo_alt_text"),
            Fieldset("Your name on the story", "display_choice", "name"),
            Fieldset("Your agreement", "consent_publish", "consent_campaign_use", "consent_age", "consent_own_story"),
            Fieldset("Keeping in touch", "contact_email"),
            Div("website_address", css_class="honeypot", aria_hidden="true"),
            "form_started",
        )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return clean_uploaded_image(upload, max_bytes=MAX_PHOTO_BYTES, max_side=1600)

    def clean_name(self):
        name = " ".join(self.cleaned_data.get("name", "").split())
        if any(ch.isdigit() for ch in name) or "@" in name:
            raise ValidationError("A name cannot contain numbers or an email address.")
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("display_choice") in (choices.FIRST_NAME, choices.CHOSEN_NAME) and not cleaned.get("name"):
            self.add_error("name", "Enter the name to show, or choose 'Anonymous'.")
        if cleaned.get("photo") and not cleaned.get("photo_alt_text", "").strip():
            self.add_error("photo_alt_text", "Describe your photo in a sentence, for people who cannot see it.")
        links = sum(count_links(cleaned.get(name, "")) for name in ("title", *STORY_FIELDS))
        if links > MAX_LINKS:
            self.add_error("what_happened", f"Please include no more than {MAX_LINKS} web links in your story.")
        return cleaned
