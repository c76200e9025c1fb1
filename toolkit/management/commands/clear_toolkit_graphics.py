from django.core.management.base import BaseCommand

from toolkit.graphics import clear_old_graphics


class Command(BaseCommand):
    help = "Delete visitors' personalised graphics older than --days (default 30). Run daily, e.g. from cron."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, **options):
        removed = clear_old_graphics(options["days"])
        self.stdout.write(f"Removed {removed} set{'s' if removed != 1 else ''} of graphics.")
