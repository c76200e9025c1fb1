from django.apps import AppConfig

from campaign.cache import connect_signals


class EditionsConfig(AppConfig):
    """The Day's own pages: home, editions, content pages and the site settings.

    Its label stays "campaign", the app's label before it moved into the project package,
    so its tables, content types and migrations are the same.
    """

    name = "campaign.editions"
    label = "campaign"
    verbose_name = "Campaign"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Publishing, approvals and public model saves invalidate the anonymous page cache,
        # in every process (web, worker, management commands).
        connect_signals()
