"""A story's slug follows its (redacted) title until first publication, then stays put."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from stories.models import StoryPage
from tests.factories import UserFactory
from tests.stories.helpers import approve, latest_submission

pytestmark = pytest.mark.django_db

NAMED_TITLE = "How Dr Ahmed at Riverside got me walking"
REDACTED_TITLE = "How my GP got me walking"


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", is_staff=True, is_superuser=True)


@pytest.fixture
def named_story(share):
    share(title=NAMED_TITLE)
    page = latest_submission().page
    assert page.slug == "how-dr-ahmed-at-riverside-got-me-walking"
    return page


def redact(page: StoryPage, user, title=REDACTED_TITLE, slug=None) -> StoryPage:
    draft = page.get_latest_revision_as_object()
    draft.title = title
    if slug is not None:
        draft.slug = slug
    draft.save_revision(user=user)
    return draft


def assert_no_trace_of_the_name(client, page):
    assert "ahmed" not in page.slug and "ahmed" not in page.url_path
    assert client.get("/stories/how-dr-ahmed-at-riverside-got-me-walking/").status_code == 404
    assert not Redirect.objects.exists()  # the old address was never public: nothing points from it


def test_a_redacted_title_gives_the_published_address(client, named_story, moderator):
    draft = redact(named_story, moderator)
    assert draft.get_latest_revision_as_object().slug == "how-my-gp-got-me-walking"
    assert Page.objects.get(pk=draft.pk).slug == "how-my-gp-got-me-walking"  # the draft row too
    page = approve(draft, moderator)
    assert page.live and page.url == "/stories/how-my-gp-got-me-walking/"
    assert client.get(page.url).status_code == 200
    assert_no_trace_of_the_name(client, page)


def test_a_slug_typed_by_hand_is_replaced_until_publication(client, named_story, moderator):
    draft = redact(named_story, moderator, slug="dr-ahmed-riverside")
    page = approve(draft, moderator)
    assert page.slug == "how-my-gp-got-me-walking"
    assert_no_trace_of_the_name(client, page)


def test_a_revision_made_without_the_rule_still_publishes_the_title_address(client, named_story, moderator):
    """E.g. a story redacted before this rule: its revision still holds the old slug."""
    draft = named_story.get_latest_revision_as_object()
    draft.title = REDACTED_TITLE
    Page.save_revision(draft, user=moderator)  # Wagtail's own, without the story's slug rule
    assert draft.get_latest_revision_as_object().slug == "how-dr-ahmed-at-riverside-got-me-walking"
    page = approve(draft, moderator)
    assert page.slug == "how-my-gp-got-me-walking"
    assert_no_trace_of_the_name(client, page)


def test_redaction_through_the_admin_edit_form(client, named_story, moderator):
    client.force_login(moderator)
    edit_url = f"/admin/pages/{named_story.pk}/edit/"
    form = client.get(edit_url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name.startswith("comment"):
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    data.update(
        {"title": REDACTED_TITLE, "slug": "how-dr-ahmed-at-riverside-got-me-walking",
         "comments-TOTAL_FORMS": 0, "comments-INITIAL_FORMS": 0,
         "comments-MIN_NUM_FORMS": 0, "comments-MAX_NUM_FORMS": 1000}
    )
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    named_story.refresh_from_db()
    assert named_story.get_latest_revision_as_object().title == REDACTED_TITLE
    page = approve(named_story, moderator)
    assert page.url == "/stories/how-my-gp-got-me-walking/"
    assert_no_trace_of_the_name(client, page)


def test_a_published_story_keeps_its_address(client, named_story, moderator):
    page = approve(redact(named_story, moderator), moderator)
    edited = page.get_latest_revision_as_object()
    edited.title = "How my GP got me walking again"
    edited.save_revision(user=moderator).publish()
    page.refresh_from_db()
    assert page.title == "How my GP got me walking again"
    assert page.slug == "how-my-gp-got-me-walking"
    assert client.get("/stories/how-my-gp-got-me-walking/").status_code == 200


def test_same_redacted_title_twice_gets_distinct_addresses(share, moderator):
    share(title=NAMED_TITLE)
    first = redact(latest_submission().page, moderator)
    share(title="How Dr Khan at Hillside got me walking")
    second = redact(latest_submission().page, moderator)
    assert first.slug == "how-my-gp-got-me-walking"
    assert second.slug == "how-my-gp-got-me-walking-2"
    assert approve(second, moderator).url == "/stories/how-my-gp-got-me-walking-2/"


def test_review_panel_says_the_slug_follows_the_title(client, named_story, moderator):
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{named_story.pk}/edit/").content.decode()
    assert "change the slug on the Promote tab" not in html
    assert "made from the title until the story is first published" in html
