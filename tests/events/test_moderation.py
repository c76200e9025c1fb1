"""Moderators approve, reject and edit in Wagtail; organisers edit and cancel through their link."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import WorkflowState

from events import submissions
from events.models import EventPage, EventSubmission
from tests.events.helpers import form_data

SUBMIT = "/events/submit/"


@pytest.fixture
def submitted(client, event_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, form_data(title="Canal walk for the Day"))
    mail.outbox.clear()
    return EventSubmission.objects.select_related("event").get()


def _task_state(event):
    return WorkflowState.objects.for_instance(event).get(status=WorkflowState.STATUS_IN_PROGRESS).current_task_state


def _admin_action(admin_client, event, action, comment=""):
    task_state = _task_state(event)
    url = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, action, task_state.pk])
    return admin_client.post(url, {"comment": comment})


def _manage_url(submission):
    return reverse("events:manage", kwargs={"token": submissions.management_token(submission)})


@pytest.mark.django_db
def test_approving_in_the_admin_publishes_and_emails_the_organiser(
    client, admin_client, submitted, django_capture_on_commit_callbacks
):
    event = submitted.event
    with django_capture_on_commit_callbacks(execute=True):
        response = _admin_action(admin_client, event, "approve")
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live
    assert [m.to for m in mail.outbox] == [["ada.organiser@example.org"]]
    assert "is now listed" in mail.outbox[0].body and event.slug in mail.outbox[0].body
    client.logout()
    assert "Canal walk for the Day" in client.get("/events/").content.decode()
    detail = client.get(event.url)
    assert detail.status_code == 200
    assert "ada.organiser@example.org" not in detail.content.decode()
    assert "Ada Organiser" not in detail.content.decode()
    assert b"Canal walk for the Day" in client.get("/events/feed.ics").content


@pytest.mark.django_db
def test_rejecting_with_a_reason_emails_it_to_the_organiser(
    client, admin_client, submitted, django_capture_on_commit_callbacks
):
    event = submitted.event
    with django_capture_on_commit_callbacks(execute=True):
        _admin_action(admin_client, event, "reject", comment="Please add the venue's full address.")
    event.refresh_from_db()
    assert not event.live
    assert len(mail.outbox) == 1
    assert "Please add the venue's full address." in mail.outbox[0].body
    assert "/events/manage/" in mail.outbox[0].body
    submitted.refresh_from_db()
    assert submitted.rejected_at is not None
    page = client.get(_manage_url(submitted)).content.decode()
    assert "Not approved" in page and "full address" in page


@pytest.mark.django_db
def test_an_edit_goes_back_to_moderation_while_the_published_version_stays(
    client, submitted, django_capture_on_commit_callbacks
):
    event = submitted.event
    _task_state(event).approve(user=None)
    event.refresh_from_db()
    assert event.live
    first_sequence = event.sequence
    edit_url = reverse("events:manage_edit", kwargs={"token": submissions.management_token(submitted)})
    form = client.get(edit_url)
    assert form.status_code == 200 and 'value="Canal walk for the Day"' in form.content.decode()
    data = form_data(title="Canal walk, now with a picnic")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.live and event.title == "Canal walk for the Day"
    assert event.has_unpublished_changes
    assert event.get_latest_revision().as_object().title == "Canal walk, now with a picnic"
    assert "Canal walk for the Day" in client.get(event.url).content.decode()
    status = client.get(_manage_url(submitted)).content.decode()
    assert "waiting for review" in status
    _task_state(event).approve(user=None)
    event.refresh_from_db()
    assert event.title == "Canal walk, now with a picnic"
    assert event.sequence > first_sequence


@pytest.mark.django_db
def test_cancelling_keeps_the_event_up_marked_cancelled_and_in_feeds(client, submitted):
    event = submitted.event
    _task_state(event).approve(user=None)
    event.refresh_from_db()
    sequence = event.sequence
    before = Calendar.from_ical(client.get("/events/feed.ics").content).walk("VEVENT")[0]
    assert str(before["STATUS"]) == "CONFIRMED"
    cancel_url = reverse("events:manage_cancel", kwargs={"token": submissions.management_token(submitted)})
    assert client.get(cancel_url).status_code == 200
    assert client.post(cancel_url).status_code == 302
    event.refresh_from_db()
    assert event.live and event.cancelled and event.sequence > sequence
    assert "cancelled" in client.get(event.url).content.decode().lower()
    calendar = Calendar.from_ical(client.get("/events/feed.ics").content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == event.sequence
    assert "Cancelled" in client.get("/events/").content.decode()


@pytest.mark.django_db
def test_cancelling_withdraws_a_pending_edit_so_approval_cannot_undo_it(client, submitted):
    event = submitted.event
    _task_state(event).approve(user=None)
    token = submissions.management_token(submitted)
    client.post(reverse("events:manage_edit", kwargs={"token": token}), form_data(title="Changed title"))
    client.post(reverse("events:manage_cancel", kwargs={"token": token}))
    event.refresh_from_db()
    assert event.cancelled
    assert not WorkflowState.objects.for_instance(event).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
    assert event.title == "Canal walk for the Day"


@pytest.mark.django_db
def test_cancelling_a_pending_submission_withdraws_it(client, submitted):
    token = submissions.management_token(submitted)
    client.post(reverse("events:manage_cancel", kwargs={"token": token}))
    event = EventPage.objects.get(pk=submitted.event_id)
    assert event.cancelled and not event.live
    assert not WorkflowState.objects.for_instance(event).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
    assert client.get(reverse("events:manage_edit", kwargs={"token": token})).status_code == 302


@pytest.mark.django_db
def test_editors_can_create_events_in_the_admin(admin_client, event_index):
    response = admin_client.get(reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk]))
    assert response.status_code == 200
    assert "organisation_name" in response.content.decode()


@pytest.mark.django_db
def test_the_admin_edit_form_does_not_reset_the_feed_sequence(submitted):
    event = submitted.event
    _task_state(event).approve(user=None)
    event.refresh_from_db()
    before = event.sequence
    draft = event.get_latest_revision_as_object()
    draft.title = "Edited by a moderator"
    draft.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == before + 1


@pytest.mark.django_db
def test_moderation_submissions_need_the_events_workflow(submitted):
    assert submitted.event.get_workflow().name == "Event listings"


@pytest.mark.django_db
def test_superusers_find_organiser_contacts_in_the_admin_but_others_do_not(admin_client, client, submitted):
    from tests.factories import UserFactory

    listing = admin_client.get("/admin/event_submissions/")
    assert listing.status_code == 200
    assert "ada.organiser@example.org" in listing.content.decode()
    editor = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/event_submissions/").status_code in (302, 403)
