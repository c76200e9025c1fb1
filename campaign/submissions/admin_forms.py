"""The edit form of a submitted page: Wagtail's, with the reason a moderator gives for a redaction.

The reason is not a field of the page (it would be copied into every revision): it goes into
the page history with the redaction (``history.REDACT``), read from the posted form by the
``after_edit_page`` hook in ``wagtail_hooks``.
"""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

CHANGE_REASON = "change_reason"


class SubmittedPageForm(WagtailAdminPageForm):
    change_reason = forms.CharField(
        label="Why you changed the submitted words (for the page history)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E.g. 'Removed a name and a phone number'. Kept in the page history with the parts you "
        "changed; do not quote what you removed.",
    )
