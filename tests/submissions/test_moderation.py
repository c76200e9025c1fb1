import pytest
from django.contrib.auth.models import Group
from django.core import mail

from campaign.submissions.moderation import (
    assign_workflow,
    moderation_workflow,
    notify_moderators,
    submit_for_moderation,
)
from tests.factories import ContentPageFactory, UserFactory


@pytest.mark.django_db
def test_submission_enters_the_review_queue_without_a_user(home_page):
    workflow = moderation_workflow("Test submissions")
    assert moderation_workflow("Test submissions").pk == workflow.pk
    assign_workflow(home_page, workflow)
    page = ContentPageFactory(parent=home_page, live=False)
    state = submit_for_moderation(page)
    assert state.status == state.STATUS_IN_PROGRESS
    assert state.requested_by is None
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == "Test submissions: moderator review"


@pytest.mark.django_db
def test_moderators_are_emailed(settings):
    settings.MODERATOR_EMAILS = ["extra@example.org"]
    moderator = UserFactory(email="mod@example.org")
    moderator.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    UserFactory(email="other@example.org")
    notify_moderators.enqueue("New event", "An event is waiting for review.")
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["extra@example.org", "mod@example.org"]
