from django.core.management.base import BaseCommand

from toolkit.archive import build_archive
from toolkit.models import Toolkit


class Command(BaseCommand):
    help = (
        "Build each toolkit's 'whole toolkit' zip now, if its content changed (the task worker "
        "normally does this after every edit). Useful after restoring media or a database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Only the toolkit of this edition year.")

    def handle(self, *args, **options):
        toolkits = Toolkit.objects.select_related("edition").order_by("-edition__year")
        if options["year"]:
            toolkits = toolkits.filter(edition__year=options["year"])
        for toolkit in toolkits:
            outcome = build_archive(toolkit.pk)
            self.stdout.write(f"{toolkit}: {outcome}")
