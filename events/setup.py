"""The /events/ index page and its moderation workflow, created wherever they are missing.

Called by the post-migrate hook (so a deployment whose home page exists gets them on
`manage.py migrate`), by `manage.py setup_events` and by the demo loader. Safe to repeat.
"""

from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Workflow

from campaign.editions.models import HomePage
from campaign.submissions.moderation import (
    assign_workflow,
    confine_moderators,
    grant_moderation_rights,
    moderation_workflow,
)
from events.models import EventIndexPage
from events.privacy import IMAGE_COLLECTION

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Event listings"
INDEX_SLUG = "events"


def event_workflow() -> Workflow:
    return moderation_workflow(WORKFLOW_NAME, task_name="Event listings: moderator review")


def get_event_index() -> EventIndexPage | None:
    return EventIndexPage.objects.order_by("path").first()


def ensure_event_index(stdout=None):
    """The EventIndexPage at /events/ with the 'Event listings' workflow, or None without a home page."""
    index = get_event_index()
    if index is None:
        home = HomePage.objects.order_by("path").first()
        if home is None:
            return None
        index = EventIndexPage(title="Events", slug=INDEX_SLUG, seo_title="Events for Social Prescribing Day")
        home.add_child(instance=index)
        index.save_revision(log_action=True).publish()
        if stdout:
            stdout.write("Created the events page at /events/.")
    workflow = event_workflow()
    if index.get_workflow() is None or index.get_workflow().pk != workflow.pk:
        assign_workflow(index, workflow)
    grant_moderation_rights(index, IMAGE_COLLECTION)
    confine_moderators()
    return index


def on_post_migrate(sender, **kwargs):
    if kwargs.get("using", DEFAULT_DB_ALIAS) != DEFAULT_DB_ALIAS:
        return
    try:
        ensure_event_index()
    except Exception:  # A half-migrated database must not break migrate itself.
        logger.exception("Could not create the events page after migrating.")
