from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


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
        # import cycle with app loading: campaign.cache imports Wagtail's models, which
        # cannot be imported while the app registry this module belongs to is being built.
        from campaign.cache import check_page_cache_memory, connect_signals

        # import cycle with app loading: site_record imports Wagtail's Site model and registers its check.
        from campaign.editions import site_record
        from campaign.search_backend import check_rank_config

        connect_signals()
        checks.register(check_page_cache_memory, checks.Tags.caches, deploy=True)
        checks.register(check_rank_config, deploy=True)
        # At every migrate, the Wagtail Site record takes the public address from SITE_URL.
        post_migrate.connect(site_record.on_post_migrate, dispatch_uid="campaign.site_follows_site_url")
