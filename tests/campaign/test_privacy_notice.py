"""The public privacy notice: reachable, linked from both forms and every email, periods as purged."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string

from events.models import EventSubmission
from events.setup import ensure_event_index
from stories.models import StorySettings
from stories.setup import ensure_story_section
from tests.events.helpers import form_data as event_form_data
from tests.factories import EditionPageFactory
from tests.stories.conftest import story_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # rate-limit counters


@pytest.fixture
def sections(home_page):
    EditionPageFactory(parent=home_page, year=2027)
    ensure_story_section()
    ensure_event_index()
    return home_page


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_notice_states_the_periods_the_purges_use(client, sections, settings):
    config = StorySettings.for_site(sections.get_site())
    config.published_contact_retention_days = 200
    config.rejected_retention_days = 21
    config.save()
    settings.EVENTS_CONTACT_RETENTION_DAYS = 90
    settings.EVENTS_REJECTED_RETENTION_DAYS = 33
    settings.STORIES_UNREVIEWED_RETENTION_DAYS = 77
    response = client.get("/privacy/")
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "Privacy notice" in text
    assert "Your email address is erased 200 days after publication" in text
    assert "is erased 21 days after we tell you" in text
    assert "erased 90 days after the event ends" in text
    assert "erased 33 days after we tell you" in text  # events' rejected period, as events.privacy purges
    assert "erased 77 days after you shared it" in text  # a story nobody reviewed, as stories.privacy purges
    for promise in ["What we keep", "Why", "Who sees it", "For how long", "How to withdraw"]:
        assert text.count(promise) == 2, promise  # for storytellers and for organisers


def test_both_forms_link_to_the_notice(client, sections):
    for url in ["/stories/share/", "/events/submit/"]:
        assert 'href="/privacy/"' in client.get(url).content.decode(), url


def test_every_email_to_a_storyteller_or_organiser_links_to_the_notice(
    client, sections, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/stories/share/", story_data()).status_code == 302
        assert client.post("/events/submit/", event_form_data()).status_code == 302
    to_people = [m for m in mail.outbox if m.to != ["moderators@example.org"] and "@example.org" in m.to[0]]
    assert {m.to[0] for m in to_people} >= {"maureen.private@example.org", "ada.organiser@example.org"}
    for message in to_people:
        assert "http://testserver/privacy/" in message.body, message.subject
    assert EventSubmission.objects.count() == 1


@pytest.mark.parametrize(
    "template",
    ["stories/emails/received.txt", "stories/emails/published.txt", "stories/emails/rejected.txt",
     "events/email/received.txt", "events/email/approved.txt", "events/email/rejected.txt"],
)
def test_each_email_template_links_to_the_notice(template):
    # The context names the senders pass: stories.tasks.email_storyteller, events.submissions._email_organiser.
    body = render_to_string(template, {"privacy_url": "http://testserver/privacy/", "site_url": "http://testserver"})
    assert "How we look after your details, and for how long: http://testserver/privacy/" in body
