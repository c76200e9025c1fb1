"""What the editions app adds to the site through campaign.registry: the page tree's demo content first."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaign import registry
from campaign.editions import demo
from campaign.editions.models import Supporter

# The home page, editions and settings that every other app's demo content hangs from.
hooks.register(registry.DEMO_LOADER, demo.load, order=0)


class SupporterViewSet(SnippetViewSet):
    """Editors add supporters and drag them into order (Orderable's sort_order)."""

    model = Supporter
    icon = "group"
    menu_label = "Supporters"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "edition", "url", "is_demo"]
    list_filter = ["edition", "is_demo"]
    search_fields = ["name"]


register_snippet(SupporterViewSet)
