"""Filling the public event form as an organiser does, shared by the browser journeys."""

from datetime import timedelta

from django.utils import timezone

from events import times


def wall_clock(days_ahead: int, hour: int) -> str:
    """A UK wall-clock time ``days_ahead`` from now, as a datetime-local field takes it."""
    local = times.in_zone(timezone.now(), "Europe/London") + timedelta(days=days_ahead)
    return local.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def fill_event_form(page, *, description: str, ends_at_hour: int) -> None:
    """Fill every field of /events/submit/ for a walk starting at noon in 30 days."""
    page.get_by_label("Event title").fill("Canal walk for Social Prescribing Day")
    page.get_by_label("Type of event").select_option("walk")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("Description").fill(description)
    page.get_by_label("Organisation name").fill("Kirkstall Community Walks")
    page.get_by_label("Starts").fill(wall_clock(30, 12))
    page.get_by_label("Ends").fill(wall_clock(30, ends_at_hour))
    page.get_by_label("Venue name").fill("Kirkstall Abbey")
    page.get_by_label("Town or city").fill("Leeds")
    page.get_by_label("Postcode or area").fill("LS5 3EH")
    page.get_by_label("Country (or UK nation)").select_option("GB-ENG")
    page.get_by_label("Your name").fill("Ada Organiser")
    page.get_by_label("Your email address").fill("ada@example.org")
    page.get_by_label("I agree to the listing terms").check()
