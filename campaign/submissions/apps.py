from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    """The kernel for public submissions: its command, its records and its signal receivers."""

    name = "campaign.submissions"
    label = "submissions"
    verbose_name = "Public submissions"

    def ready(self):
        # Imported here: the notifiers import wagtail.admin.mail, which needs the app registry.
        from campaign.submissions.notifications import replace_wagtail_notifiers

        replace_wagtail_notifiers()
