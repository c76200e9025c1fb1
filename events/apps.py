from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # import cycle with app loading: setup and signals import models, which cannot be
        # imported before the app registry is ready.
        from events import setup, signals

        signals.connect()
        post_migrate.connect(setup.on_post_migrate, sender=self, dispatch_uid="events.ensure_index")
