"""Addresses for submitted pages: unique among their siblings, and free of redacted words.

Moderators redact names from titles before approving. A slug kept from the submitter's own
title would carry the name into the published URL, so until a page is first published its
slug can follow its current title (``follow_title``). Once published, links to it exist, so
the slug stays.
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.text import slugify
from wagtail.models import Page

MAX_BASE_LENGTH = 60


def unique_slug(
    parent: Page, title: str, page: Page | None = None, *, fallback: str = "page",
    reserved: Collection[str] = (), reserved_suffix: str = "",
) -> str:
    """A slug from the title, unique among the parent's children (drafts included), the page aside.

    A base in ``reserved`` (addresses the parent's own views use) gets ``reserved_suffix``.
    """
    base = slugify(title)[:MAX_BASE_LENGTH].strip("-") or fallback
    if base in reserved:
        base = f"{base}-{reserved_suffix or fallback}"
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def follow_title(
    page: Page, *, fallback: str = "page", reserved: Collection[str] = (), reserved_suffix: str = "",
) -> bool:
    """Give a page never published the slug of its title, on the instance and its database row.

    Never published means the row is neither live nor was ever published (read from the row,
    not the instance: publishing sets those fields just before it saves).
    The row is written with update(), not save(), so Wagtail sends no page_slug_changed and
    makes no redirect from the old address: it was never public, and a redirect would keep the
    redacted name working as a URL. Call it from the page's ``save`` and ``save_revision``
    (before Wagtail's own): then ``Page.save`` finds the row's slug already equal to the
    instance's and creates no redirect, whether the editor saves a draft or publishes.
    Submitted pages have no children whose paths would move. Returns whether the slug changed.
    """
    if page.pk is None:
        return False
    row = Page.objects.filter(pk=page.pk).values("slug", "live", "first_published_at").first()
    if row is None or row["live"] or row["first_published_at"] is not None:
        return False
    parent = page.get_parent()
    slug = unique_slug(parent, page.title, page, fallback=fallback, reserved=reserved, reserved_suffix=reserved_suffix)
    changed = slug != page.slug
    page.slug = slug
    page.set_url_path(parent)
    if row["slug"] != slug:
        Page.objects.filter(pk=page.pk).update(slug=slug, url_path=page.url_path)
    return changed
