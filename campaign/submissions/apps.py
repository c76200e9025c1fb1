from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SubmissionsConfig(AppConfig):
    """The kernel for public submissions; an app so its command, hooks and setup load."""

    name = "campaign.submissions"
    label = "submissions"
    verbose_name = "Public submissions"

    def ready(self):
        # import cycle with app loading: moderation imports Wagtail's models, which cannot be
        # imported before the app registry is ready.
        from campaign.submissions import moderation

        post_migrate.connect(moderation.on_post_migrate, dispatch_uid="submissions.confine_moderators")
