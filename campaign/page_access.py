"""Which privacy settings apply to a page, without asking the database when no page has any.

Wagtail checks every page it serves against the view restrictions (a password, signing in,
some groups) of the page and its ancestors: two queries on every render. Most campaign sites
never make a page private, so each worker remembers whether any page is, until public content
changes (saving or removing a restriction is such a change), and asks Wagtail's way only then.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import PageViewRestriction

from campaign.cache import public_memo


def any_page_restricted() -> bool:
    return public_memo("page-view-restrictions-exist", PageViewRestriction.objects.exists)


class ViewRestrictionsMixin:
    """For page models: ``get_view_restrictions`` answers "none" at once when no page is private."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        if not any_page_restricted():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def public(pages: QuerySet) -> QuerySet:
    """``pages.public()``: the pages no privacy setting hides, with no query while no page is private."""
    return pages.public() if any_page_restricted() else pages
