from django import template
from django.utils import timezone

from events import calendar, queries, structured_data
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
    return queries.edition_event_count(edition.pk)


@register.simple_tag(takes_context=True)
def upcoming_events(context, count: int = 3):
    """The next few events, Day events first, for the home page.

    The Day is the request's current edition's (the layout's ``current_edition``, looked up
    once per request), not a second look-up of the editions.
    """
    edition = context.get("current_edition")
    return queries.upcoming_for_cards(count, day=edition.day if edition else None)


@register.simple_tag
def add_to_calendar(event) -> dict[str, str]:
    """Links to add an event to Google Calendar and Outlook, and its .ics file (none if cancelled)."""
    return calendar.add_to_calendar_links(event)


@register.simple_tag
def event_json_ld(event):
    """The event's schema.org data, for a <script type="application/ld+json"> block."""
    return structured_data.event_json_ld(event)


@register.simple_tag
def now():
    return timezone.now()
