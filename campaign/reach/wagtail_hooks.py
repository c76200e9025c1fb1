"""Admin for the hashtag tracker: settings per edition, hand-entered figures, run history."""

from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import IngestRun, ManualFigure, Tracking


class TrackingViewSet(SnippetViewSet):
    model = Tracking
    icon = "cogs"
    menu_label = "Tracking settings"
    list_display = ["edition", Column("network_status", label="Networks (last error)"), "data_source", "last_stored_at"]
    ordering = ["-edition__year"]


class ManualFigureViewSet(SnippetViewSet):
    model = ManualFigure
    icon = "edit"
    menu_label = "Figures entered by hand"
    list_display = ["edition", "network", "as_of", "posts", "reach", "engagements", "impressions"]
    list_filter = ["network"]


class IngestRunViewSet(SnippetViewSet):
    model = IngestRun
    icon = "history"
    menu_label = "Tracking runs"
    list_display = ["started_at", "edition", "network", "status", "posts_new", "posts_updated", "errors", "duration"]
    list_filter = ["network", "status", "backfill"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "edition", "network", "started_at", "duration", "status", "posts_read", "posts_new", "posts_updated",
        "pages", "errors", "messages", "backfill",
    ]


class ReachGroup(SnippetViewSetGroup):
    items = (TrackingViewSet, ManualFigureViewSet, IngestRunViewSet)
    menu_icon = "view"
    menu_label = "Hashtag reach"
    menu_name = "hashtag-reach"


register_snippet(ReachGroup)
