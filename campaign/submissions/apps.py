from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SubmissionsConfig(AppConfig):
    """The kernel for public submissions: its commands, records, signal receivers and setup."""

    name = "campaign.submissions"
    label = "submissions"
    verbose_name = "Public submissions"

    def ready(self):
        # import cycle with app loading: these modules import Wagtail's models and
        # wagtail.admin.mail, which cannot be imported before the app registry is ready.
        from campaign.submissions import moderation
        from campaign.submissions.notifications import replace_wagtail_notifiers

        replace_wagtail_notifiers()
        post_migrate.connect(moderation.on_post_migrate, dispatch_uid="submissions.confine_moderators")
