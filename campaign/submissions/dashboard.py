"""The moderators' dashboard panel, and Wagtail's review queue saying who public submissions came from.

``construct_homepage_panels`` (``wagtail_hooks``) adds ``ModerationQueuePanel`` for Moderators
and superusers only (pending stories' titles are for their eyes), and puts
``SubmittedByReviewPanel`` in place of Wagtail's "Awaiting your review" panel: the same
component with a template whose "Task submitted by" names a public submission.
"""

from __future__ import annotations

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from campaign.submissions.review import queue_summary

SHOWN = 25  # the oldest first; the counts cover the whole queue


class ModerationQueuePanel(Component):
    name = "moderation_queue"
    template_name = "submissions/admin/moderation_panel.html"
    order = 50  # first on the dashboard

    def get_context_data(self, parent_context=None):
        summary = queue_summary(timezone.now())
        return {"summary": summary, "shown": summary.waiting[:SHOWN], "more": max(len(summary.waiting) - SHOWN, 0)}


class SubmittedByReviewPanel(WorkflowObjectsToModeratePanel):
    template_name = "submissions/admin/workflow_objects_to_moderate.html"


def arrange_panels(request, panels: list, moderator: bool) -> None:
    """Swap Wagtail's review queue for ours; put the moderation panel first for moderators."""
    for position, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[position] = SubmittedByReviewPanel()
    if moderator:
        panels.insert(0, ModerationQueuePanel())
