"""The moderator's review panel on an event's edit screen: the organiser's words, flagged.

Flags come from the version being edited (the latest revision), like a story's, so what
moderators see is what they are about to approve. The image description is the organiser's
text too, so it is shown and flagged beside the rest.
"""

from __future__ import annotations

from wagtail.admin.panels import Panel

from campaign.submissions.flags import TextFlags, flag_texts


def event_texts(event) -> list[tuple[str, str, str]]:
    """(label, field name, text) for the free text an organiser submits (the venue's address is
    public by design)."""
    return [
        ("Title", "title", event.title),
        ("Description", "description", event.description),
        ("Accessibility information", "accessibility", event.accessibility),
        ("Image description", "image_alt_text", event.image_alt_text),
    ]


def event_flags(event) -> TextFlags:
    """Flags for the free text an organiser submits."""
    return flag_texts([(label, text) for label, _, text in event_texts(event)])


class EventReviewPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/review_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update({"event": self.instance, "flags": event_flags(self.instance)})
            return context
