"""The moderator's review panel on a story's edit screen: consents, private contact and flags.

It reads the private StorySubmission and computes flags from the version being edited (the
latest revision), so what moderators see is exactly what they are about to approve.
"""

from __future__ import annotations

from wagtail.admin.panels import Panel


class StoryReviewPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/review_panel.html"

        def get_context_data(self, parent_context=None):
            from stories.flags import story_flags
            from stories.models import StorySettings, StorySubmission

            context = super().get_context_data(parent_context)
            page = self.instance
            submission = None
            if page.pk:
                submission = StorySubmission.objects.filter(page_id=page.pk).first()
            flags = story_flags(page)
            context.update(
                {
                    "submission": submission,
                    "flags": flags,
                    "story_settings": StorySettings.for_request(self.request) if self.request else None,
                    "can_see_contact": bool(
                        self.request and self.request.user.has_perm("stories.view_private_details")
                    ),
                }
            )
            return context
