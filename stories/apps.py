from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StoriesConfig(AppConfig):
    name = "stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # import cycle with app loading: signals imports the models, which cannot be imported
        # before the app registry is ready, and this module is imported to build that registry.
        from stories import signals

        signals.connect()
        post_migrate.connect(signals.on_post_migrate, sender=self, dispatch_uid="stories.post_migrate")
