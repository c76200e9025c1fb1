from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.submissions import tokens
from events import privacy, submissions
from events.models import EventSubmission
from tests.events.factories import make_event


@pytest.fixture
def submission(event_index):
    return make_event(event_index, submission={}).submission


def _get(client, token, suffix=""):
    return client.get(reverse("events:manage", kwargs={"token": token}) + suffix)


@pytest.mark.django_db
def test_the_right_link_opens_the_management_page_privately(client, submission):
    response = _get(client, submissions.management_token(submission))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"  # no-referrer makes browsers send Origin: null and CSRF refuses the form
    assert "Published" in response.content.decode()


@pytest.mark.django_db
def test_wrong_tampered_and_expired_links_are_refused(client, submission, settings):
    good = submissions.management_token(submission)
    assert _get(client, "not-a-token").status_code == 404
    assert _get(client, good[:-2] + ("AA" if not good.endswith("AA") else "BB")).status_code == 404
    wrong_secret = tokens.make_token(submissions.MANAGE_LINK.purpose, submission.pk, "guessed-secret")
    assert _get(client, wrong_secret).status_code == 404
    other_purpose = tokens.make_token("story-manage", submission.pk, submission.secret)
    assert _get(client, other_purpose).status_code == 404
    settings.EVENTS_MANAGE_LINK_MAX_AGE = -1
    assert _get(client, good).status_code == 404
    for view in ("events:manage_edit", "events:manage_cancel"):
        assert client.get(reverse(view, kwargs={"token": "nope"})).status_code == 404


@pytest.mark.django_db
def test_purge_erases_contact_details_after_the_retention_periods(event_index, settings):
    settings.EVENTS_CONTACT_RETENTION_DAYS = 90
    now = timezone.now()
    ended_long_ago = make_event(event_index, title="Old", submission={}, start=now - timedelta(days=100),
                                ).submission
    ended_recently = make_event(event_index, title="Recent", submission={}, start=now - timedelta(days=20)).submission
    upcoming = make_event(event_index, title="Upcoming", submission={}).submission
    rejected_old = make_event(event_index, title="Rejected old", live=False, submission={}).submission
    rejected_new = make_event(event_index, title="Rejected new", live=False, submission={}).submission
    EventSubmission.objects.filter(pk=rejected_old.pk).update(rejected_at=now - timedelta(days=31))
    EventSubmission.objects.filter(pk=rejected_new.pk).update(rejected_at=now - timedelta(days=5))
    token = submissions.management_token(ended_long_ago)

    assert privacy.purge_expired(now=now) == 2
    erased = {s.pk for s in EventSubmission.objects.filter(contact_email="", contact_erased_at__isnull=False)}
    assert erased == {ended_long_ago.pk, rejected_old.pk}
    for kept in (ended_recently, upcoming, rejected_new):
        kept.refresh_from_db()
        assert kept.contact_email == "ada@example.org"
    assert submissions.submission_for_token(token) is None  # the link is revoked too
    assert privacy.purge_expired(now=now) == 0


def test_purge_keeps_its_public_signature():
    import inspect

    signature = inspect.signature(privacy.purge_expired)
    assert list(signature.parameters) == ["now"] and signature.parameters["now"].default is None
