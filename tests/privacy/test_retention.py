"""Everything personal is erased on time, through the purges registered with the kernel."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model

from campaign import cache as page_cache
from campaign.submissions.purge import purge_everything
from events.models import EventPage, EventSubmission
from stories.links import manage_path
from stories.models import StoryPage, StorySubmission
from tests.events.helpers import upload
from tests.privacy.conftest import workflow_action
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db


def age(submission: StorySubmission, days: int) -> None:
    StorySubmission.objects.filter(pk=submission.pk).update(submitted_at=timezone.now() - timedelta(days=days))


def test_never_reviewed_stories_are_erased_after_the_period_with_a_reminder_first(
    share_story, settings, django_capture_on_commit_callbacks,
):
    settings.MODERATOR_EMAILS = ["moderators@example.org"]
    due_soon = share_story(title="A story about Maureen's allotment")
    overdue = share_story(photo=upload("photo.jpg"), photo_alt_text="Vegetables in a raised bed")
    recent = share_story()
    age(due_soon, settings.STORIES_UNREVIEWED_RETENTION_DAYS - settings.STORIES_UNREVIEWED_REMINDER_DAYS)
    age(overdue, settings.STORIES_UNREVIEWED_RETENTION_DAYS + 1)
    overdue_page, overdue_photo = overdue.page.pk, overdue.page.photo_id

    with django_capture_on_commit_callbacks(execute=True):
        results = purge_everything(timezone.now())

    assert results["unreviewed stories"] == {"unreviewed_erased": 1, "unreviewed_reminded": 1}
    assert not StoryPage.objects.filter(pk=overdue_page).exists()
    assert not get_image_model().objects.filter(pk=overdue_photo).exists()
    overdue.refresh_from_db()
    assert overdue.contact_email == "" and overdue.content_erased_at is not None
    for kept in (due_soon, recent):
        kept.refresh_from_db()
        assert kept.page is not None and kept.contact_email
    [reminder] = mail.outbox
    assert reminder.to == ["moderators@example.org"]
    assert "1 story" in reminder.body
    assert "Maureen" not in reminder.subject + reminder.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = purge_everything(timezone.now() + timedelta(days=1))
    assert again["unreviewed stories"] == {"unreviewed_erased": 0, "unreviewed_reminded": 0}
    assert mail.outbox == []


def test_rejected_listings_and_their_images_go_after_the_period(
    submit_event, admin_client, settings, django_capture_on_commit_callbacks,
):
    rejected = submit_event(title="Rejected walk", image=upload(), image_alt="A canal").event
    published = submit_event(title="Published walk").event
    workflow_action(admin_client, rejected, "reject", comment="Not a social prescribing event")
    workflow_action(admin_client, published, "approve")
    image_pk = rejected.image_id
    assert image_pk

    days = settings.EVENTS_REJECTED_RETENTION_DAYS
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_everything(timezone.now() + timedelta(days=days - 1))["event listings"] == {
            "rejected_listings_deleted": 0}
        assert purge_everything(timezone.now() + timedelta(days=days + 1))["event listings"] == {
            "rejected_listings_deleted": 1}

    assert not EventPage.objects.filter(pk=rejected.pk).exists()
    assert not EventSubmission.objects.filter(event_id=rejected.pk).exists()
    assert not get_image_model().objects.filter(pk=image_pk).exists()
    assert EventPage.objects.filter(pk=published.pk, live=True).exists()


def test_deleting_an_event_in_the_admin_deletes_its_image(submit_event, admin_client, django_capture_on_commit_callbacks):
    event = submit_event(image=upload(), image_alt="A canal").event
    image = event.image
    storage_name = image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{event.pk}/delete/")
    assert response.status_code == 302
    assert not EventPage.objects.filter(pk=event.pk).exists()
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert not image.file.storage.exists(storage_name)


def test_finished_task_rows_are_pruned_after_the_period(settings):
    now = timezone.now()

    def row(status, finished_days_ago):
        finished = now - timedelta(days=finished_days_ago) if finished_days_ago is not None else None
        return DBTaskResult.objects.create(
            status=status, finished_at=finished, args_kwargs={"args": ["Subject"], "kwargs": {}},
            task_path="campaign.submissions.moderation.notify_moderators", backend_name="default", run_after=now,
        )

    old_done = row(TaskResultStatus.SUCCESSFUL, settings.TASK_RESULTS_RETENTION_DAYS + 1)
    old_failed = row(TaskResultStatus.FAILED, settings.TASK_RESULTS_RETENTION_DAYS + 1)
    recent = row(TaskResultStatus.SUCCESSFUL, 1)
    waiting = row(TaskResultStatus.READY, None)

    assert purge_everything(now)["background tasks"] == {"task_rows_deleted": 2}
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {recent.pk, waiting.pk}
    assert old_done.pk not in left and old_failed.pk not in left


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    page_cache.local_cache.clear()
    yield
    cache.clear()
    page_cache.local_cache.clear()


def test_a_withdrawn_story_leaves_the_page_cache_at_once(page_cache_on, share_story, admin_client):
    submission = share_story(title="The allotment saved my summer")
    workflow_action(admin_client, submission.page, "approve")
    submission.refresh_from_db()
    url = submission.page.url
    visitor = Client()
    assert visitor.get(url)["X-Page-Cache"] == "miss"
    assert visitor.get(url)["X-Page-Cache"] == "hit"
    assert visitor.get("/stories/")["X-Page-Cache"] == "miss"
    assert "The allotment saved my summer" in visitor.get("/stories/").content.decode()

    assert Client().post(manage_path(submission), {"confirm": "withdraw"}).status_code == 302

    assert visitor.get(url).status_code == 404
    listing = visitor.get("/stories/")
    assert listing["X-Page-Cache"] == "miss"
    assert "The allotment saved my summer" not in listing.content.decode()


def test_a_story_withdrawn_through_another_app_server_leaves_this_workers_memory_at_once(
    page_cache_on, share_story, admin_client, monkeypatch,
):
    """The withdrawal runs elsewhere: this worker is not told, it only reads the shared generation."""
    submission = share_story(title="The allotment saved my winter")
    workflow_action(admin_client, submission.page, "approve")
    submission.refresh_from_db()
    url = submission.page.url
    visitor = Client()
    visitor.get(url)
    assert visitor.get(url)["X-Page-Cache"] == "hit"
    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(page_cache.local_cache, "forget_generation", lambda: None)
        assert Client().post(manage_path(submission), {"confirm": "withdraw"}).status_code == 302

    assert visitor.get(url).status_code == 404
    assert "The allotment saved my winter" not in visitor.get("/stories/").content.decode()


def test_a_story_withdrawn_through_another_app_server_leaves_a_listening_workers_memory_before_its_next_request(
    redis_page_cache, share_story, admin_client, monkeypatch,
):
    """As production runs: Redis, and this worker trusting its generation until it hears a bump."""
    submission = share_story(title="The allotment saved my spring")
    workflow_action(admin_client, submission.page, "approve")
    submission.refresh_from_db()
    url = submission.page.url
    visitor = Client()
    visitor.get(url)
    wait_until(lambda: page_cache.generation_watcher.subscribed)
    visitor.get(url)
    assert visitor.get(url)["X-Page-Cache"] == "hit"
    assert "The allotment saved my spring" in visitor.get("/stories/").content.decode()
    heard = page_cache.generation_watcher.heard
    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(page_cache.local_cache, "forget_generation", lambda: None)
        assert Client().post(manage_path(submission), {"confirm": "withdraw"}).status_code == 302
    wait_until(lambda: page_cache.generation_watcher.heard > heard)

    assert visitor.get(url).status_code == 404
    assert "The allotment saved my spring" not in visitor.get("/stories/").content.decode()


def test_an_unpublished_event_leaves_the_page_cache_at_once(page_cache_on, submit_event, admin_client):
    event = submit_event(title="Canal walk to be unpublished").event
    workflow_action(admin_client, event, "approve")
    event.refresh_from_db()
    visitor = Client()
    visitor.get(event.url)
    assert visitor.get(event.url)["X-Page-Cache"] == "hit"

    assert admin_client.post(f"/admin/pages/{event.pk}/unpublish/").status_code == 302

    assert visitor.get(event.url).status_code == 404
