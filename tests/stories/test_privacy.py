from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks

from campaign.submissions.purge import PURGE_HOOK, purge_everything
from stories.models import StoryPage, StorySettings
from stories.privacy import purge_expired
from tests.factories import UserFactory
from tests.stories.helpers import approve, latest_submission, reject

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", is_staff=True, is_superuser=True)


def test_rejected_stories_are_erased_after_30_days(share, moderator):
    share()
    submission = latest_submission()
    page_pk = submission.page.pk
    reject(submission.page, moderator, comment="Sorry, identifying details.")
    now = timezone.now()
    assert purge_expired(now + timedelta(days=29)).rejected_erased == 0
    submission.refresh_from_db()
    assert submission.contact_email
    report = purge_expired(now + timedelta(days=31))
    assert report.rejected_erased == 1
    submission.refresh_from_db()
    assert submission.contact_email == "" and submission.rejection_reason == ""
    assert submission.contact_erased_at and submission.content_erased_at
    assert not StoryPage.objects.filter(pk=page_pk).exists()
    assert purge_expired(now + timedelta(days=60)).rejected_erased == 0  # nothing twice


def test_published_contact_is_erased_after_the_configured_period(share, moderator, home_page):
    config = StorySettings.for_site(home_page.get_site())
    config.published_contact_retention_days = 90
    config.save()
    share()
    submission = latest_submission()
    approve(submission.page, moderator)
    now = timezone.now()
    assert purge_expired(now + timedelta(days=89)).published_contacts_erased == 0
    assert purge_expired(now + timedelta(days=91)).published_contacts_erased == 1
    submission.refresh_from_db()
    assert submission.contact_email == ""
    assert submission.page.live  # the story stays, as consented
    assert submission.manage_secret  # and can still be withdrawn through the link


def test_pending_stories_are_kept(share):
    share()
    report = purge_expired(timezone.now() + timedelta(days=400))
    assert report.rejected_erased == 0 and report.published_contacts_erased == 0
    assert latest_submission().contact_email


def test_purge_runs_every_registered_purge():
    calls = []

    def register_extra():
        return "extra", lambda now: calls.append(now) or {"erased": 2}

    now = timezone.now()
    with hooks.register_temporarily(PURGE_HOOK, register_extra):
        results = purge_everything(now)
    assert calls == [now]
    assert results["extra"] == {"erased": 2}
    # Both apps that keep personal data registered theirs.
    assert results["stories"] == {"rejected_erased": 0, "published_contacts_erased": 0}
    assert results["events"] == 0


def test_command_and_task_run_the_purge_without_logging_personal_data(share, moderator, caplog):
    share()
    reject(latest_submission().page, moderator, comment="No")
    submission = latest_submission()
    submission.rejected_at = timezone.now() - timedelta(days=31)
    submission.save()
    out = StringIO()
    call_command("purge_expired_submissions", stdout=out)
    assert "'rejected_erased': 1" in out.getvalue()
    assert "maureen" not in caplog.text.lower()
    assert "maureen" not in out.getvalue().lower()

    from campaign.submissions.tasks import purge_expired_personal_data

    result = purge_expired_personal_data.enqueue()
    assert result.return_value["stories"]["rejected_erased"] == 0
