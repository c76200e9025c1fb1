from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events import setup, signals

        signals.connect()
        post_migrate.connect(setup.on_post_migrate, sender=self, dispatch_uid="events.ensure_index")
