import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from campaign import registry
from campaign.site_address import absolute_url


class Command(BaseCommand):
    help = "Create the demo page tree, editions and content. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument("--no-superuser", action="store_true", help="Do not create the admin user.")

    def handle(self, *args, **options):
        # Each app with demo content registers a loader (campaign.registry); the order matters.
        for load in registry.demo_loaders():
            with transaction.atomic():
                load(self.stdout)
        if not options["no_superuser"]:
            self._superuser()
        self._analyse()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def _analyse(self):
        """Leave PostgreSQL with fresh planner statistics for the tables just filled.

        Without them (until autovacuum comes round) the planner guesses, and search took 1.96 s
        instead of milliseconds. Done as an operator would, through Django's ``dbshell`` (psql),
        with no SQL in the code; SQLite plans well enough without statistics.
        """
        if connection.vendor != "postgresql":
            return
        try:
            call_command("dbshell", "--", "--quiet", "--command", "ANALYZE")
        except CommandError as error:
            self.stderr.write(f"Could not analyse the database ({error}); run ANALYZE by hand.")
        else:
            self.stdout.write("Database analysed (planner statistics are up to date).")

    def _superuser(self):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        admin_url = absolute_url("/admin/")
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin: {admin_url} (user '{username}' already exists; "
                f"reset its password with: manage.py changepassword {username})"
            )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="admin@example.org", password=password)
        shown = "from DJANGO_SUPERUSER_PASSWORD" if os.environ.get("DJANGO_SUPERUSER_PASSWORD") else password
        self.stdout.write(self.style.SUCCESS(f"Admin: {admin_url}  user: {username}  password: {shown}"))
