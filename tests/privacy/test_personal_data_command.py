"""`manage.py personal_data EMAIL [--erase]`: a subject-access or erasure request in one command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail import hooks
from wagtail.images import get_image_model

from campaign.submissions.subjects import SUBJECT_HOOK, SubjectHandler, held_for
from events.models import EventPage, EventSubmission
from stories.models import StoryPage, StorySubmission
from tests.events.helpers import upload
from tests.privacy.conftest import workflow_action

pytestmark = pytest.mark.django_db

EMAIL = "maureen.private@example.org"


def run(*args) -> str:
    out = StringIO()
    call_command("personal_data", *args, stdout=out)
    return out.getvalue()


def test_it_finds_every_story_and_listing_for_an_address(share_story, submit_event, admin_client):
    published = share_story(title="My walking group")
    workflow_action(admin_client, published.page, "approve")
    share_story(title="My allotment", contact_email=EMAIL.upper())
    share_story(title="Someone else's story", contact_email="other@example.org")
    submit_event(title="Maureen's walk", contact_email=EMAIL, contact_name="Maureen Private")

    output = run(EMAIL)

    for held in ("My walking group", "My allotment", "Maureen's walk", "Maureen Private", "Published",
                 "Waiting for review", "I have friends now"):
        assert held in output
    assert "Someone else's story" not in output
    assert "3 record(s) held" in output
    assert StorySubmission.objects.filter(contact_email__iexact=EMAIL).count() == 2  # nothing erased


def test_erase_withdraws_stories_and_erases_organiser_details(share_story, submit_event, admin_client):
    published = share_story(title="My walking group", photo=upload("p.jpg"), photo_alt_text="A path")
    workflow_action(admin_client, published.page, "approve")
    published.refresh_from_db()
    page_pk, photo_pk = published.page.pk, published.page.photo_id
    live_event = submit_event(title="Maureen's walk", contact_email=EMAIL).event
    workflow_action(admin_client, live_event, "approve")
    pending_event = submit_event(title="Maureen's second walk", contact_email=EMAIL).event
    other = share_story(contact_email="other@example.org")

    output = run(EMAIL, "--erase")

    assert json.loads(output.rsplit("Erased: ", 1)[1]) == {"stories": 1, "events": 2}
    assert not StoryPage.objects.filter(pk=page_pk).exists()
    assert not get_image_model().objects.filter(pk=photo_pk).exists()
    published.refresh_from_db()
    assert published.is_withdrawn and published.contact_email == ""
    submission = EventSubmission.objects.get(event=live_event)
    assert (submission.contact_name, submission.contact_email, submission.secret) == ("", "", "")
    assert EventPage.objects.filter(pk=live_event.pk, live=True).exists()  # public listing stays
    assert not EventPage.objects.filter(pk=pending_event.pk).exists()
    other.refresh_from_db()
    assert other.page is not None and other.contact_email == "other@example.org"
    assert held_for(EMAIL) == {"stories": [], "events": []}
    assert "0 record(s) held" in run(EMAIL)


def test_every_registered_handler_is_asked():
    seen = []

    def register_extra():
        return SubjectHandler("newsletter", find=lambda email: seen.append(email) or [{"email": email}],
                              erase=lambda email: 1)

    with hooks.register_temporarily(SUBJECT_HOOK, register_extra):
        output = run(" someone@example.org ", "--erase")
    assert seen == ["someone@example.org"]
    assert '"newsletter": 1' in output


def test_it_refuses_what_is_not_an_email_address():
    with pytest.raises(CommandError):
        run("not an address")
