"""The filter forms of the public listings (events, stories): forgiving by design.

A listing's filters arrive in its address, where an old link, a bookmark or a hand-edited
query can carry a value that no longer fits. Failing the page, or marking a field invalid
without a message, helps nobody: the value that does not fit is dropped, the other filters
still apply, and the form shows what the listing really applied.
"""

from __future__ import annotations

from crispy_forms.utils import render_crispy_form
from django import forms
from django.core.paginator import Paginator
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from campaign.cache import public_memo

# Blank filter forms this worker has drawn, by form class and what else shapes them.
_blank_forms: dict[tuple, SafeString] = {}
MAX_BLANK_FORMS = 64


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


def blank_form_html(form: ListingFilterForm, *shaped_by) -> SafeString:
    """The HTML of a filter form nobody has filled in, drawn once by each worker.

    Drawing one is most of the cost of a listing drawn afresh after a publish (the events'
    select of every country, say), yet a blank form depends only on its class and on what
    ``shaped_by`` names (its choices, its action), never on content or visitor.
    """
    key = (type(form).__module__, type(form).__qualname__, *shaped_by)
    if key not in _blank_forms:
        if len(_blank_forms) >= MAX_BLANK_FORMS:
            _blank_forms.clear()
        _blank_forms[key] = render_crispy_form(form)
    return _blank_forms[key]


class ListingPaginator(Paginator):
    """A public listing's pages, its count kept by the worker until public content changes.

    Every visitor of a listing with the same filters (``listing``: what is listed and how it
    is filtered) finds the same number of items, and the listing itself is kept as a
    ``{% public_fragment %}`` for as long: counting them again on every render was the one
    query of a listing's render that was not Wagtail's routing (issue 18).
    """

    def __init__(self, object_list, per_page, *, listing: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.listing = listing

    @cached_property
    def count(self) -> int:
        return public_memo(f"listing-count:{self.listing}", self.object_list.count)
