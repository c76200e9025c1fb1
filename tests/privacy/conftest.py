"""Stories and events as their submitters and moderators produce them, for the privacy tests."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import EventSubmission
from events.setup import ensure_event_index
from stories.models import StorySubmission
from stories.setup import ensure_story_section
from tests.events.helpers import form_data as event_form
from tests.factories import EditionPageFactory
from tests.stories.conftest import story_data


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sections(home_page):
    EditionPageFactory(parent=home_page, year=2027)
    return ensure_story_section(), ensure_event_index()


@pytest.fixture
def share_story(client, sections, django_capture_on_commit_callbacks):
    """A story shared through the public form; returns its private record."""

    def _share(**overrides) -> StorySubmission:
        cache.clear()  # each share as if from a new visitor: rate limits are not under test here
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/stories/share/", story_data(**overrides))
        assert response.status_code == 302, response.content.decode()[:2000]
        mail.outbox.clear()
        return StorySubmission.objects.select_related("page").latest("pk")

    return _share


@pytest.fixture
def submit_event(client, sections, django_capture_on_commit_callbacks):
    """An event listed through the public form; returns its private record."""

    def _submit(**overrides) -> EventSubmission:
        cache.clear()  # each listing as if from a new visitor: rate limits are not under test here
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/events/submit/", event_form(**overrides))
        assert response.status_code == 302, response.content.decode()[:2000]
        mail.outbox.clear()
        return EventSubmission.objects.select_related("event").latest("pk")

    return _submit


def workflow_action(client, page, action: str, comment: str = ""):
    """Approve or reject the page's review task through the admin's own view."""
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    return client.post(url, {"comment": comment})
