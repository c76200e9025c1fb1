"""No submitted page ever gets an automatic redirect from an address it had before it was first
published: a moderator who redacts a name from a title in the Wagtail editor leaves no URL that
still carries it. Acted out through the real editor views, with on-commit work run (Wagtail makes
redirects when the transaction commits)."""

from datetime import date

import pytest
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect

from events.models import EventPage, EventSubmission
from events.setup import ensure_event_index
from stories.models import StoryPage, StorySubmission
from stories.setup import ensure_story_section
from tests.events.helpers import form_data
from tests.factories import EditionPageFactory
from tests.stories.conftest import story_data
from tests.submissions.editor import approve_in_editor, post_edit

pytestmark = pytest.mark.django_db

NAMED_EVENT = "Walk with Dr Ahmed at Riverside"
REDACTED_EVENT = "Walk with a local GP"
NAMED_STORY = "How Dr Ahmed at Riverside got me walking"
REDACTED_STORY = "How my GP got me walking"


@pytest.fixture
def sections(home_page):
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    return ensure_event_index(), ensure_story_section()


@pytest.fixture
def named_event(client, sections, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/events/submit/", form_data(title=NAMED_EVENT)).status_code == 302
    page = EventSubmission.objects.get().event
    assert page.slug == slugify(NAMED_EVENT)
    return page


@pytest.fixture
def named_story(client, sections, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/stories/share/", story_data(title=NAMED_STORY)).status_code == 302
    page = StorySubmission.objects.get().page
    assert page.slug == slugify(NAMED_STORY)
    return page


def assert_no_trace(client, old_slug: str, page, section: str):
    page.refresh_from_db()
    assert "ahmed" not in page.slug and "ahmed" not in page.url_path
    assert not Redirect.objects.exists()
    client.logout()
    assert client.get(f"/{section}/{old_slug}/").status_code == 404
    assert client.get(f"/{section}/{page.slug}/").status_code == 200


@pytest.mark.parametrize("slug_from", ["synced", "unchanged", "typed"])
@pytest.mark.parametrize("kind", ["event", "story"])
def test_redacting_a_title_in_the_editor_leaves_no_redirect(
    client, admin_client, request, kind, slug_from, django_capture_on_commit_callbacks
):
    """The editor's script syncs the slug with the title of an unpublished page ("synced");
    without script it stays ("unchanged"); a moderator may type one ("typed")."""
    page = request.getfixturevalue(f"named_{kind}")
    old_slug = page.slug
    redacted = REDACTED_EVENT if kind == "event" else REDACTED_STORY
    slug = {"synced": slugify(redacted), "unchanged": old_slug, "typed": "dr-ahmed-riverside"}[slug_from]
    with django_capture_on_commit_callbacks(execute=True):
        saved = post_edit(admin_client, page, title=redacted, slug=slug)
    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    page.refresh_from_db()
    assert not page.live and page.slug == slugify(redacted)  # the slug follows the redacted title
    assert not Redirect.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve_in_editor(admin_client, page, title=redacted, slug=slug)
    assert approved.status_code == 302, approved.context and approved.context["form"].errors
    page.refresh_from_db()
    assert page.live and page.title == redacted
    section = "events" if kind == "event" else "stories"
    assert_no_trace(client, old_slug, page, section)


def test_a_published_events_address_stays_and_later_renames_redirect_from_it(
    client, admin_client, named_event, django_capture_on_commit_callbacks
):
    """After first publication the address is public: it no longer follows the title, and an
    editor's deliberate new slug redirects only from the published address, never the named one."""
    with django_capture_on_commit_callbacks(execute=True):
        approve_in_editor(admin_client, named_event, title=REDACTED_EVENT, slug=slugify(REDACTED_EVENT))
    event = EventPage.objects.get(pk=named_event.pk)
    assert event.live and event.slug == slugify(REDACTED_EVENT)
    retitled = event.get_latest_revision_as_object()
    retitled.title = "Walk with a local GP, again"
    retitled.save_revision().publish()
    event.refresh_from_db()
    assert event.slug == slugify(REDACTED_EVENT)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(admin_client, event, **{"slug": "gp-walk", "action-publish": "action-publish"})
    event.refresh_from_db()
    assert event.slug == "gp-walk"
    assert list(Redirect.objects.values_list("old_path", flat=True)) == [f"/events/{slugify(REDACTED_EVENT)}"]


def test_an_event_slug_never_takes_a_reserved_address(admin_client, named_event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        saved = post_edit(admin_client, named_event, title="Feed")
    assert saved.status_code == 302
    named_event.refresh_from_db()
    assert named_event.slug == "feed-event"


def test_story_redaction_then_approval_publishes_under_the_redacted_address(
    client, admin_client, named_story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve_in_editor(admin_client, named_story, title=REDACTED_STORY, slug=slugify(NAMED_STORY))
    story = StoryPage.objects.get(pk=named_story.pk)
    assert story.live and story.url == f"/stories/{slugify(REDACTED_STORY)}/"
    assert_no_trace(client, slugify(NAMED_STORY), story, "stories")
