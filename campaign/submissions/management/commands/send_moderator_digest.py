from django.core.management.base import BaseCommand

from campaign.submissions.digest import send_moderator_digest


class Command(BaseCommand):
    help = (
        "Email moderators the review queue's counts (waiting submissions, their flags and age) and what "
        "the purges erase soon. Counts only. Run daily (spd-digest.timer)."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(send_moderator_digest.call()))
