from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms

from campaign.submissions.antispam import SpamProtectionMixin
from toolkit.models import GraphicDesign
from toolkit.text import control_characters, drawable_text

ORGANISATION_MAX = 80
MESSAGE_MAX = 160
MESSAGE_MAX_LINES = 4


class DesignPicker(forms.RadioSelect):
    """Radios named after their design (design-<pk>), as the picker's labels and the error summary link them."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        option["attrs"]["id"] = f"design-{value}"
        return option


class DesignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: GraphicDesign) -> str:
        return obj.name


class GraphicForm(SpamProtectionMixin, forms.Form):
    """What a visitor types to make their graphic. Works as a plain HTML form."""

    design = DesignChoiceField(
        queryset=GraphicDesign.objects.none(),
        widget=DesignPicker,
        empty_label=None,
        error_messages={"required": "Choose a design.", "invalid_choice": "Choose one of the designs shown."},
    )
    organisation = forms.CharField(
        label="Your organisation's name",
        max_length=ORGANISATION_MAX,
        strip=True,
        help_text=f"Up to {ORGANISATION_MAX} characters. Emoji are left out of the graphic.",
        error_messages={
            "required": "Enter your organisation's name.",
            "max_length": f"Use {ORGANISATION_MAX} characters or fewer (you used %(show_value)d).",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "organization", "maxlength": ORGANISATION_MAX}
        ),
    )
    message = forms.CharField(
        label="A short message (optional)",
        required=False,
        max_length=MESSAGE_MAX,
        strip=True,
        help_text=f"Up to {MESSAGE_MAX} characters and {MESSAGE_MAX_LINES} lines.",
        error_messages={"max_length": f"Use {MESSAGE_MAX} characters or fewer (you used %(show_value)d)."},
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX}),
    )

    def __init__(self, *args, designs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["design"].queryset = designs if designs is not None else GraphicDesign.objects.none()
        if designs is not None and not self.is_bound:
            first = designs.first()
            if first is not None:
                self.initial.setdefault("design", first.pk)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("design", template="toolkit/forms/design_picker.html"),
            Fieldset("Your words", Field("organisation", wrapper_class="toolkit-field"),
                     Field("message", wrapper_class="toolkit-field")),
            Div("website_address", css_class="honeypot", aria_hidden="true"),
            "form_started",
        )

    @staticmethod
    def _refuse_controls(value: str) -> None:
        if control_characters(value):
            raise forms.ValidationError(
                "Remove the hidden control characters (they can come from copying and pasting), then try again.",
                code="control_characters",
            )

    def clean_organisation(self) -> str:
        value = self.cleaned_data["organisation"]
        self._refuse_controls(value)
        drawn = drawable_text(value)
        if not drawn:
            raise forms.ValidationError(
                "Enter your organisation's name in letters or numbers: emoji and symbols are left out of the graphic.",
                code="nothing_drawable",
            )
        return drawn

    def clean_message(self) -> str:
        value = self.cleaned_data.get("message", "")
        self._refuse_controls(value)
        drawn = drawable_text(value, multiline=True)
        if drawn.count("\n") + 1 > MESSAGE_MAX_LINES:
            raise forms.ValidationError(f"Use {MESSAGE_MAX_LINES} lines or fewer.", code="too_many_lines")
        return drawn
