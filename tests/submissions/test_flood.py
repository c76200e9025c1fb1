"""A script cannot flood the moderators: per-client limits that see through IPv6 address
rotation, single-use form stamps, rate-limited private links, and a site-wide ceiling that
holds submissions (nothing lost) with one alert an hour."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from campaign.submissions import antispam
from campaign.submissions.models import HeldSubmission
from campaign.submissions.moderation import release_held_submissions_now
from events.models import EventPage, EventSubmission
from events.setup import ensure_event_index
from events.submissions import listing_status, management_token
from stories.links import manage_path
from stories.models import StoryPage, StorySubmission
from stories.setup import ensure_story_section
from tests.events.helpers import form_data
from tests.factories import EditionPageFactory
from tests.stories.conftest import story_data

MODERATORS = "moderators@example.org"
ONE_64 = "2001:db8:aa:bb"


@pytest.fixture
def sections(home_page, settings):
    settings.MODERATOR_EMAILS = [MODERATORS]
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    return ensure_event_index(), ensure_story_section()


def queued() -> int:
    return WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()


def moderator_mail() -> list:
    return [m for m in mail.outbox if MODERATORS in m.to]


def test_a_client_is_an_ipv4_address_or_an_ipv6_64():
    factory = RequestFactory()

    def key(address):
        return antispam.client_key(factory.get("/", REMOTE_ADDR=address))

    assert key(f"{ONE_64}::1") == key(f"{ONE_64}:ffff:ffff:ffff:fffe") == key(f"{ONE_64.upper()}:0:0:0:9")
    assert key(f"{ONE_64}::1") != key("2001:db8:aa:bc::1")
    assert key("192.0.2.1") != key("192.0.2.2")
    assert key("::ffff:192.0.2.1") == key("192.0.2.1")
    assert antispam.client_network(f"{ONE_64}::1") == "2001:db8:aa:bb::/64"
    assert antispam.client_network("not an address") == "not an address"


@pytest.mark.django_db
def test_many_ipv6_addresses_in_one_64_share_one_limit(client, sections, settings):
    settings.EVENTS_SUBMIT_RATE_LIMIT = (5, 3600)
    statuses = [
        client.post("/events/submit/", form_data(title=f"Walk {n}"), REMOTE_ADDR=f"{ONE_64}::{n + 1:x}").status_code
        for n in range(12)
    ]
    assert statuses == [302] * 5 + [429] * 7
    assert EventPage.objects.count() == 5 and queued() == 5
    # Another network is another client.
    assert client.post("/events/submit/", form_data(), REMOTE_ADDR="2001:db8:aa:bc::1").status_code == 302


@pytest.mark.django_db
def test_stories_count_an_ipv6_64_as_one_client(client, sections):
    statuses = [
        client.post("/stories/share/", story_data(title=f"Story {n}"), REMOTE_ADDR=f"{ONE_64}::{n + 1:x}").status_code
        for n in range(8)
    ]
    assert statuses == [302] * 5 + [429] * 3
    assert StorySubmission.objects.count() == 5 and queued() == 5


@pytest.mark.django_db
def test_a_form_stamp_is_accepted_once(client, sections):
    stamp = antispam.signed_form_start(seconds_ago=30)
    first = client.post("/events/submit/", form_data(form_started=stamp), REMOTE_ADDR="192.0.2.1")
    assert first.status_code == 302
    # The same stamp replayed, even from other clients, queues nothing more.
    for n, address in enumerate(["192.0.2.2", "2001:db8:1::1", "2001:db8:2::1"]):
        again = client.post("/events/submit/", form_data(title=f"Replay {n}", form_started=stamp), REMOTE_ADDR=address)
        assert again.status_code == 200
        assert "already been sent once" in again.content.decode()
        assert again.context["form"]["form_started"].value() != stamp  # a person can send it again
    story_stamp = antispam.signed_form_start(seconds_ago=30)
    assert client.post("/stories/share/", story_data(form_started=story_stamp), REMOTE_ADDR="192.0.2.9").status_code == 302
    replay = client.post("/stories/share/", story_data(form_started=story_stamp), REMOTE_ADDR="192.0.2.10")
    assert replay.status_code == 200 and "already been sent once" in replay.content.decode()
    assert EventPage.objects.count() == 1 and StoryPage.objects.count() == 1 and queued() == 2


@pytest.mark.django_db
def test_a_form_with_an_error_can_be_corrected_with_the_same_stamp(client, sections):
    stamp = antispam.signed_form_start(seconds_ago=30)
    assert client.post("/events/submit/", form_data(title="", form_started=stamp)).status_code == 200
    assert client.post("/events/submit/", form_data(form_started=stamp)).status_code == 302


def test_a_used_stamp_is_remembered_until_it_expires(monkeypatch):
    stamp = antispam.signed_form_start(seconds_ago=30)
    timeouts = []
    real_add = cache.add
    monkeypatch.setattr(cache, "add", lambda key, value, timeout: timeouts.append(timeout) or real_add(key, value, timeout))
    assert antispam.claim_form_stamp(stamp) is True
    assert antispam.claim_form_stamp(stamp) is False
    assert timeouts[0] >= antispam.FORM_STARTED_MAX_AGE


@pytest.mark.django_db
def test_private_manage_links_are_rate_limited_per_client(client, sections, settings):
    settings.MANAGE_LINK_RATE_LIMIT = (3, 600)
    client.post("/events/submit/", form_data(), REMOTE_ADDR="192.0.2.50")
    event_link = reverse("events:manage", kwargs={"token": management_token(EventSubmission.objects.get())})
    client.post("/stories/share/", story_data(), REMOTE_ADDR="192.0.2.50")
    story_link = manage_path(StorySubmission.objects.get())
    cache.clear()
    event_pages = [event_link, event_link + "edit/", event_link + "cancel/"]
    statuses = [client.get(url, REMOTE_ADDR=f"{ONE_64}::{n + 1:x}").status_code for n, url in enumerate(event_pages * 2)]
    assert statuses == [200, 200, 200, 429, 429, 429]
    refused = client.post(event_link + "cancel/", REMOTE_ADDR=f"{ONE_64}::99")
    assert refused.status_code == 429
    assert refused["Cache-Control"] == "private, no-store" and refused["Referrer-Policy"] == "same-origin"
    assert not EventPage.objects.get().cancelled
    assert client.get(event_link, REMOTE_ADDR="192.0.2.77").status_code == 200
    story_statuses = [client.get(story_link, REMOTE_ADDR=f"{ONE_64}::{n + 1:x}").status_code for n in range(4)]
    assert story_statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_the_hourly_ceiling_holds_alerts_once_and_releases(client, sections, settings, django_capture_on_commit_callbacks):
    settings.SUBMISSIONS_PER_HOUR = 3

    def submit_event(n):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/events/submit/", form_data(title=f"Walk {n}"), REMOTE_ADDR=f"198.51.100.{n}")

    def share_story(n):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/stories/share/", story_data(title=f"Story {n}"), REMOTE_ADDR=f"198.51.100.{100 + n}")

    assert [submit_event(n).status_code for n in range(1, 5)] == [302] * 4
    assert [share_story(n).status_code for n in range(1, 4)] == [302] * 3
    # Nothing is lost: every submission is saved; only three entered the review queue.
    assert EventPage.objects.count() == 4 and StoryPage.objects.count() == 3
    assert queued() == 3
    held = HeldSubmission.objects.filter(released_at__isnull=True)
    assert held.count() == 4
    assert all(not h.page.live and h.page.get_latest_revision() is not None for h in held)
    # Moderators: one notice each for the three queued, then ONE alert for all four held.
    notices = moderator_mail()
    assert len(notices) == 4
    alert = notices[-1]
    assert "faster than usual" in alert.subject and "(1 waiting now)" in alert.body  # sent with the first hold
    assert "Walk" not in alert.subject + alert.body and "Story" not in alert.subject + alert.body
    # The organiser's own page says the listing is waiting, not that it was dropped.
    held_event = EventSubmission.objects.get(event__title="Walk 4")
    assert listing_status(held_event).code == "pending"

    # An hour later the timer's task releases them, oldest first, as far as the ceiling allows.
    WorkflowState.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    call_command("release_held_submissions", stdout=open("/dev/null", "w"))
    assert queued() == 6
    assert list(HeldSubmission.objects.filter(released_at__isnull=True).values_list("page__title", flat=True)) == [
        "Story 3"
    ]
    assert len(moderator_mail()) == 4  # released, not re-announced one by one

    # Still within the hour of the alert: holding more sends no second alert.
    submit_event(5)
    assert HeldSubmission.objects.filter(released_at__isnull=True).count() == 2
    assert len(moderator_mail()) == 4

    # The next submission below the ceiling first lets those who waited in.
    WorkflowState.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    share_story(4)
    assert not HeldSubmission.objects.filter(released_at__isnull=True).exists()
    assert queued() == 9
    assert len(moderator_mail()) == 5  # the notice for the new story only


@pytest.mark.django_db
def test_a_held_submission_resubmitted_keeps_its_place(client, sections, settings):
    settings.SUBMISSIONS_PER_HOUR = 1
    client.post("/events/submit/", form_data(title="First"), REMOTE_ADDR="198.51.100.1")
    client.post("/events/submit/", form_data(title="Second"), REMOTE_ADDR="198.51.100.2")
    second = EventSubmission.objects.get(event__title="Second")
    edited = form_data(title="Second, corrected")
    edit = reverse("events:manage_edit", kwargs={"token": management_token(second)})
    assert client.post(edit, edited, REMOTE_ADDR="198.51.100.2").status_code == 302
    assert HeldSubmission.objects.filter(released_at__isnull=True).count() == 1
    assert queued() == 1
    WorkflowState.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert release_held_submissions_now(timezone.now()) == 1
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS, object_id=str(second.event_id))
    assert state.current_task_state.revision.as_object().title == "Second, corrected"
