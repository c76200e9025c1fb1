from django import template
from django.utils import timezone

from events import listing
from events.text import render_plain_text

register = template.Library()


@register.filter
def event_text(text: str):
    """Plain text as safe paragraphs with nofollow links."""
    return render_plain_text(text)


@register.simple_tag
def edition_event_count(edition) -> int:
    """How many published events are listed for an edition."""
    if edition is None or not getattr(edition, "pk", None):
        return 0
    return listing.published_events().filter(edition_id=edition.pk).count()


@register.simple_tag
def upcoming_events(count: int = 3):
    """The next few events, Day events first, for the home page."""
    events = listing.order_upcoming(listing.upcoming(listing.published_events().filter(cancelled=False)))
    return list(listing.for_cards(events)[:count])


@register.simple_tag
def now():
    return timezone.now()
