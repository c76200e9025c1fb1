"""The panel that shows a submission's recorded safeguarding flags on its edit screen.

Apps put it beside their own review panel (which flags today's text): the recorded flags stay
after the words that raised them are redacted, with who acknowledged each and when.
"""

from __future__ import annotations

from wagtail.admin.panels import Panel

from campaign.submissions.review import is_moderator
from campaign.submissions.safeguarding import recorded_flags


class RecordedFlagsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "submissions/admin/recorded_flags.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["recorded_flags"] = list(recorded_flags(page)) if page.pk else []
            context["can_acknowledge"] = bool(self.request and is_moderator(self.request.user))
            return context
