"""Start next year's Day from this year's: one draft edition, with each app's part copied by hook.

Editors used to create the edition page, then its toolkit, then its tracking settings, each in
a different place. ``start_next_edition`` does all three in one transaction: the page here, the
rest through ``register_next_edition_copy`` (``campaign.registry``), so this module names no
app. ``checklist`` then says what is still to do before publishing, from the edition's state
(so it stays true as editors work through it), with each app's items from
``register_edition_checklist``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.urls import reverse
from wagtail.log_actions import log

from campaign import registry
from campaign.editions.models import EditionIndexPage, EditionPage
from campaign.registry import ChecklistItem


class CannotStart(Exception):
    """Why next year's edition cannot be started as asked, in words an editor can act on."""


@dataclass(frozen=True)
class NextEdition:
    """What an editor fills in: the rest is copied from the edition it starts from."""

    year: int
    day: date | None
    theme: str
    theme_words: str


def suggested(source: EditionPage) -> NextEdition:
    """The form's starting values: the year after, and the same date a year on if there was one."""
    year = source.year + 1
    day = None
    if source.day is not None:
        day = source.day.replace(year=year, day=28) if (source.day.month, source.day.day) == (2, 29) else source.day.replace(year=year)
    return NextEdition(year=year, day=day, theme="", theme_words="")


def carry_hashtags(hashtags: str, old_year: int, new_year: int) -> str:
    """The same hashtags, with last year's number moved on in the ones that carry it (#SPD2026)."""
    return re.sub(rf"(?<=[#\w]){old_year}\b", str(new_year), hashtags)


def problems(source: EditionPage, plan: NextEdition) -> dict[str, str]:
    """What stops ``plan`` being started from ``source``, by form field ('' for the whole form)."""
    found: dict[str, str] = {}
    if plan.year <= source.year:
        found["year"] = f"Next year's Day comes after {source.year}."
    elif EditionPage.objects.filter(year=plan.year).exists():
        found["year"] = f"There is already an edition for {plan.year}: open it from the page tree."
    if plan.day is not None and plan.day.year != plan.year:
        found["day"] = f"The date must fall in {plan.year}."
    if not EditionIndexPage.objects.exists():
        found[""] = "Create the \"Every Social Prescribing Day\" page first: editions live under it."
    return found


def start_next_edition(source: EditionPage, plan: NextEdition, user) -> EditionPage:
    """Create next year's edition as a draft under the archive, with every app's part copied."""
    found = problems(source, plan)
    if found:
        raise CannotStart(" ".join(found.values()))
    archive = EditionIndexPage.objects.get()
    edition = EditionPage(
        title=f"Social Prescribing Day {plan.year}",
        slug=str(plan.year),
        year=plan.year,
        day=plan.day,
        edition_number=source.edition_number + 1 if source.edition_number else None,
        theme=plan.theme,
        theme_words=plan.theme_words,
        hashtags=carry_hashtags(source.hashtags, source.year, plan.year),
        primary_colour=source.primary_colour,
        accent_colour=source.accent_colour,
        live=False,
        owner=user,
    )
    with transaction.atomic():
        archive.add_child(instance=edition)
        edition.save_revision(user=user)
        log(instance=edition, action="wagtail.create", user=user)
        for copy in registry.next_edition_copiers():
            copy(source, edition)
    return edition


def edit_url(edition: EditionPage) -> str:
    return reverse("wagtailadmin_pages:edit", args=[edition.pk])


def checklist(edition: EditionPage) -> list[ChecklistItem]:
    """What is still to do before ``edition`` is published: the page's own fields, then each app's."""
    url = edit_url(edition)
    items = [
        ChecklistItem("Set the date of the Day", edition.day is not None, url,
                      "The countdown, the tracking window and the results report follow it."),
        ChecklistItem("Give the theme and its words", bool(edition.theme and edition.theme_words), url),
        ChecklistItem("Write the summary", bool(edition.summary), url, "Shown on the home page and in link previews."),
        ChecklistItem("Choose a hero image, with its description", bool(edition.hero_image_id), url),
    ]
    for provider in registry.edition_checklist_providers():
        items.extend(provider(edition))
    items.append(ChecklistItem(
        "Publish the edition page", edition.live, url,
        f"Until then /{edition.year}/ is not public and the home page keeps counting down to the current Day.",
    ))
    return items


def latest_edition() -> EditionPage | None:
    """The edition to start next year's from: the latest year, live or not."""
    return EditionPage.objects.order_by("-year").first()
