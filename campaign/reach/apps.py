from django.apps import AppConfig


class ReachConfig(AppConfig):
    """The hashtag tracker and the live stats page, an app of its own inside campaign/."""

    name = "campaign.reach"
    label = "reach"
    verbose_name = "Hashtag reach"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # import cycle with app loading: the signal receivers import this app's models.
        from . import signals  # noqa: F401
