"""A storyteller keeps control of a published story for as long as it is up, email or no email."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from events.submissions import management_url
from stories.links import manage_path
from stories.models import StoryPage
from stories.privacy import purge_expired
from tests.privacy.conftest import workflow_action

pytestmark = pytest.mark.django_db


def test_the_link_still_withdraws_years_after_the_email_was_erased(share_story, admin_client, client, monkeypatch):
    submission = share_story()
    workflow_action(admin_client, submission.page, "approve")
    path = manage_path(submission)
    page_pk = submission.page.pk

    later = timezone.now() + timedelta(days=3 * 365)
    assert purge_expired(later).published_contacts_erased == 1
    submission.refresh_from_db()
    assert submission.contact_email == ""
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 3 * 365 * 24 * 3600)

    response = client.get(path)
    assert response.status_code == 200
    assert "Withdraw" in response.content.decode()
    assert client.post(path, {"confirm": "withdraw"}).status_code == 302
    assert not StoryPage.objects.filter(pk=page_pk).exists()


def test_event_links_still_expire(submit_event, client, monkeypatch, settings):
    path = management_url(submit_event()).removeprefix(settings.SITE_URL.rstrip("/"))
    assert client.get(path).status_code == 200
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + settings.EVENTS_MANAGE_LINK_MAX_AGE + 60)
    assert client.get(path).status_code == 404
