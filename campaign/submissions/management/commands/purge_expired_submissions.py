from django.core.management.base import BaseCommand
from django.utils import timezone

from campaign.submissions.purge import purge_everything


class Command(BaseCommand):
    help = (
        "Erase personal data that has been kept long enough: rejected stories after 30 days, "
        "storytellers' emails after the period in Story settings, and organisers' expired "
        "contact details (every purge an app registers). Run daily (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        results = purge_everything(timezone.now())
        for app, figures in results.items():
            self.stdout.write(f"{app}: {figures}")
