from django.core.management.base import BaseCommand, CommandError

from events.setup import ensure_event_index


class Command(BaseCommand):
    help = "Create the /events/ page and its 'Event listings' moderation workflow if they are missing."

    def handle(self, *args, **options):
        index = ensure_event_index(self.stdout)
        if index is None:
            raise CommandError("There is no home page yet: create it (or run load_demo), then run this again.")
        self.stdout.write(self.style.SUCCESS(f"Events page: {index.url_path} with workflow '{index.get_workflow()}'."))
