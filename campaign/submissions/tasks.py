"""Background work for every kind of submission. Arguments hold no personal data."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from campaign.submissions.purge import purge_everything


@task()
def purge_expired_personal_data() -> dict:
    """The scheduled clean-up: every app's expired personal data (see ``purge``)."""
    return purge_everything(timezone.now())
