import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from campaign.submissions.subjects import erase_for, held_for


class Command(BaseCommand):
    help = (
        "Answer a subject-access request: print everything held for an email address (story "
        "and event submissions). With --erase, erase it: stories are withdrawn (page, revisions, "
        "photo), organisers' contact details erased."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The requester's email address (matched without regard to case).")
        parser.add_argument("--erase", action="store_true", help="Erase everything found, after printing it.")

    def handle(self, *args, email, erase, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        held = held_for(email)
        self.stdout.write(json.dumps(held, indent=2, ensure_ascii=False, default=str))
        total = sum(len(records) for records in held.values())
        if not erase:
            self.stdout.write(f"{total} record(s) held. Run again with --erase to erase them.")
            return
        with transaction.atomic():
            erased = erase_for(email)
        self.stdout.write(f"Erased: {json.dumps(erased)}")
