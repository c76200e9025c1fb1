from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"
    label = "toolkit"
    verbose_name = "Toolkit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # import cycle with app loading: signals imports the models (and connects receivers to
        # them), which cannot be imported before the app registry this module builds is ready.
        from toolkit import signals  # noqa: F401
