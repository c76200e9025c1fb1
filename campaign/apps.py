from django.apps import AppConfig


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = "Campaign"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Publishing, approvals and public model saves invalidate the anonymous page cache,
        # in every process (web, worker, management commands).
        from campaign.cache import connect_signals

        connect_signals()
