from django.core.management.base import BaseCommand

from campaign.submissions.moderation import release_held_submissions


class Command(BaseCommand):
    help = (
        "Put submissions held back by the hourly ceiling (SUBMISSIONS_PER_HOUR) into the review "
        "queue, oldest first, as far as the ceiling allows. Run every few minutes (spd-release.timer)."
    )

    def handle(self, *args, **options):
        released = release_held_submissions.call()
        self.stdout.write(f"Released {released} held submission(s) into the review queue.")
