from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    """The kernel for public submissions; an app only so its command and hooks load."""

    name = "campaign.submissions"
    label = "submissions"
    verbose_name = "Public submissions"
