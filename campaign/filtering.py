"""The filter forms of the public listings (events, stories): forgiving by design.

A listing's filters arrive in its address, where an old link, a bookmark or a hand-edited
query can carry a value that no longer fits. Failing the page, or marking a field invalid
without a message, helps nobody: the value that does not fit is dropped, the other filters
still apply, and the form shows what the listing really applied.
"""

from __future__ import annotations

from django import forms
from django.forms.forms import NON_FIELD_ERRORS


class ListingFilterForm(forms.Form):
    """A GET form whose invalid fields are left out, never reported as errors."""

    def clean(self) -> dict:
        cleaned = super().clean()
        dropped = [name for name in self.errors if name != NON_FIELD_ERRORS]
        if dropped:
            # The form is drawn again from its data: without the dropped values it shows
            # "Any" where the listing applied no filter, and no field is marked invalid.
            self.data = self.data.copy()
            for name in dropped:
                self.data.pop(name, None)
                del self.errors[name]
        return cleaned

    def applied(self) -> dict:
        """The filters that apply: the valid, non-empty values of a bound form."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}
