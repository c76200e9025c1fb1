from django.core.management.base import BaseCommand, CommandError

from campaign.editions.site_record import follow_site_url, parse_site_url
from campaign.site_address import site_url


class Command(BaseCommand):
    help = (
        "Give the Wagtail Site record the public address. Without an argument it follows SITE_URL; "
        "with one (e.g. https://socialprescribingday.org) it checks it against SITE_URL first."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="The public address; must be the SITE_URL this environment has.")

    def handle(self, *args, url=None, **options):
        try:
            wanted = parse_site_url(url or site_url())
        except ValueError as error:
            raise CommandError(str(error)) from None
        if url and wanted != parse_site_url(site_url()):
            # Emails, feeds and links read SITE_URL, so the Site alone must never move away from it.
            raise CommandError(
                f"SITE_URL is {site_url()} here. Set SITE_URL={url.rstrip('/')} in the site's environment "
                "(e.g. /etc/spd/env), restart, then run this command (or migrate) again."
            )
        site = follow_site_url()
        if site is None:
            raise CommandError("There is no default Wagtail Site yet: run `manage.py load_demo` or create the home page first.")
        if (site.hostname, site.port) != (wanted.hostname, wanted.port):
            raise CommandError(f"Another Wagtail Site already holds {wanted}: change or delete it in Settings → Sites first.")
        self.stdout.write(self.style.SUCCESS(f"The site's public address is {site_url()} (Site {site.hostname}:{site.port})."))
