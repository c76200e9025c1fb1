"""What the apps add to the site-wide pages, declared by each app in its own ``wagtail_hooks.py``.

The project and its editions app name no sibling app: each app registers here what it
contributes, with ``order=`` where the order shows on the page (docs/architecture.md).

=====================================  =================================================
Hook name                              Each registered function …
=====================================  =================================================
``register_home_section``              returns a ``PageSection`` shown on the home page
``register_edition_section``           returns a ``PageSection`` shown on edition pages
``register_site_nav_item``             returns a ``NavItem`` for the main navigation
``register_robots_disallow``           returns paths robots.txt asks crawlers to skip
``register_page_cache_ignored_models`` returns models whose saves leave the page cache
``register_demo_loader``               is called with ``stdout`` to load its demo content
``register_results_section``           is called with an edition; returns its part of the
                                       results report (``campaign.editions.results``)
``register_sitemap_entries``           returns ``SitemapEntry`` items for the public pages
                                       its views serve (Wagtail pages are listed already)
``register_edition_links``             is called with an edition; returns the ``NavItem``
                                       links to what the app has for it (or none)
``register_day_gone_until``            is called with the Day just gone; returns until when
                                       the site stays on it (e.g. its tracking window's
                                       end), or ``None`` (``campaign.editions.current``)
``register_next_edition_copy``         is called with last year's edition and the new one
                                       (a draft) to copy its part (``campaign.editions.
                                       next_edition``), in the same transaction
``register_edition_checklist``         is called with an edition; returns ``ChecklistItem``s:
                                       what is still to do before it is published
=====================================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from wagtail import hooks

HOME_SECTION = "register_home_section"
EDITION_SECTION = "register_edition_section"
SITE_NAV_ITEM = "register_site_nav_item"
ROBOTS_DISALLOW = "register_robots_disallow"
PAGE_CACHE_IGNORED_MODELS = "register_page_cache_ignored_models"
DEMO_LOADER = "register_demo_loader"
RESULTS_SECTION = "register_results_section"
SITEMAP_ENTRIES = "register_sitemap_entries"
EDITION_LINKS = "register_edition_links"
DAY_GONE_UNTIL = "register_day_gone_until"
NEXT_EDITION_COPY = "register_next_edition_copy"
EDITION_CHECKLIST = "register_edition_checklist"

SECTION_HOOKS = {"home": HOME_SECTION, "edition": EDITION_SECTION}


@dataclass(frozen=True)
class PageSection:
    """A template another app adds to a page, rendered with that page's context.

    ``live`` sections show figures that change by the minute on the Day, so they are kept
    only ``PAGE_CACHE_LIVE_SECONDS``.
    """

    template: str
    live: bool = False


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation, marked current on every page under its URL."""

    label: str
    url: str

    def is_current(self, path: str) -> bool:
        return path.startswith(self.url)


@dataclass(frozen=True)
class SitemapEntry:
    """A public page a view serves (not a Wagtail page): its path and when it last changed."""

    path: str
    lastmod: datetime | None = None


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do before an edition is published, whether it is done, and where to do it."""

    label: str
    done: bool
    url: str = ""
    note: str = ""


def page_sections(place: str) -> list[PageSection]:
    """The sections registered for a place ("home" or "edition"), in their order."""
    return [register() for register in hooks.get_hooks(SECTION_HOOKS[place])]


def nav_items() -> list[NavItem]:
    return [register() for register in hooks.get_hooks(SITE_NAV_ITEM)]


def robots_disallowed_paths() -> list[str]:
    return [path for register in hooks.get_hooks(ROBOTS_DISALLOW) for path in register()]


def page_cache_ignored_models() -> set[str]:
    """Labels ("app_label.model_name") of models whose saves change nothing anonymous visitors see."""
    return {model._meta.label_lower for register in hooks.get_hooks(PAGE_CACHE_IGNORED_MODELS) for model in register()}


def demo_loaders() -> list[Callable[..., None]]:
    return hooks.get_hooks(DEMO_LOADER)


def results_providers() -> list[Callable]:
    """Each app's builder of its part of an edition's results report, in page order."""
    return hooks.get_hooks(RESULTS_SECTION)


def sitemap_entries() -> list[SitemapEntry]:
    """The public pages apps serve from their own views, for the sitemap."""
    return [entry for register in hooks.get_hooks(SITEMAP_ENTRIES) for entry in register()]


def edition_links(edition) -> list[NavItem]:
    """What each app has for an edition (its events, stories, toolkit, reach), only what exists."""
    return [link for register in hooks.get_hooks(EDITION_LINKS) for link in register(edition)]


def day_gone_until(edition) -> datetime | None:
    """Until when the site stays on the Day just gone: the latest time any app asks for.

    ``None`` when no app has a reason to hold it (the site moves to the next Day at once).
    """
    times = [until for register in hooks.get_hooks(DAY_GONE_UNTIL) if (until := register(edition)) is not None]
    return max(times, default=None)


def next_edition_copiers() -> list[Callable]:
    """Each app's copy of its part of last year's edition into next year's, in page order."""
    return hooks.get_hooks(NEXT_EDITION_COPY)


def edition_checklist_providers() -> list[Callable]:
    """Each app's list of what is still to do on an edition before publishing, in page order."""
    return hooks.get_hooks(EDITION_CHECKLIST)
