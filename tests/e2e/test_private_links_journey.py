"""The private links in organisers' and storytellers' emails, opened and used in Chromium.

Each journey takes the link from the email as sent (SITE_URL is the live server), opens it
in the browser and presses the buttons a person would. The forms behind a private link are
checked by Django's CSRF protection, which refuses a POST whose Origin is ``null``: the
header that browsers send when a page's referrer policy is ``no-referrer``.
"""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core import mail
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from events.models import EventPage
from events.setup import ensure_event_index
from stories.models import StoryPage, StorySubmission
from stories.setup import ensure_story_section
from tests.e2e.conftest import check_accessibility
from tests.e2e.event_form import fill_event_form
from tests.factories import EditionPageFactory


@pytest.fixture
def public_site(home_page, settings, live_server):
    settings.SPAM_MIN_FILL_SECONDS = 0  # the browser is quicker than a person
    settings.SITE_URL = live_server.url  # links in emails point at the site the browser uses
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    return home_page


def _private_link(address: str, path: str) -> str:
    """The private link in the latest email to ``address``."""
    [*_, email] = [m for m in mail.outbox if m.to == [address]]
    [link] = re.findall(rf"https?://\S+{re.escape(path)}\S+", email.body)
    return link


def _press(page, button: str) -> None:
    """Press a form's button; the form's POST must be accepted (a redirect), not refused by CSRF."""
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name=button).click()
    assert posted.value.status == 302, f"{button!r} was answered {posted.value.status}"
    page.wait_for_load_state()


def _approve(page):
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.task.specific.on_action(state.current_task_state, user=None, action_name="approve")


def test_organiser_edits_then_cancels_through_the_link_in_their_email(page, public_site, live_server):
    ensure_event_index()
    page.goto("/events/submit/")
    fill_event_form(page, description="A gentle walk along the towpath.", ends_at_hour=14)
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/events/submit/thanks/")
    event = EventPage.objects.get()
    _approve(event)

    # Days later, on another visit: the organiser opens the link from their email.
    page.context.clear_cookies()
    link = _private_link("ada@example.org", "/events/manage/")
    assert link.startswith(live_server.url)
    response = page.goto(link)
    assert response.status == 200
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cache-control"] == "private, no-store"
    assert "Published" in page.locator(".event-status").inner_text()
    check_accessibility(page, "organiser's private page")

    page.get_by_role("link", name="Change the listing").click()
    page.get_by_label("Event title").fill("Canal walk and picnic for Social Prescribing Day")
    _press(page, "Send changes for review")
    assert page.get_by_role("status").inner_text().startswith("Thank you: your changes are with our moderators")
    assert page.url == link
    assert "waiting for review" in page.locator(".event-status").inner_text()
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision().as_object()
    assert draft.title == "Canal walk and picnic for Social Prescribing Day"

    # Later again, from the same email: the event cannot go ahead.
    page.context.clear_cookies()
    page.goto(link)
    page.get_by_role("link", name="Cancel the event").click()
    check_accessibility(page, "cancel page")
    _press(page, "Yes, cancel the event")
    page.wait_for_url(link)
    assert "Cancelled" in page.locator(".event-status").inner_text()
    event = EventPage.objects.get(pk=event.pk)
    assert event.live and event.cancelled
    page.goto(event.url)
    assert "cancelled" in page.locator("main").inner_text().lower()


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "allotment.jpg"
    Image.new("RGB", (800, 600), (30, 120, 90)).save(path, "JPEG")
    return path


def test_storyteller_withdraws_through_the_link_in_their_email(page, public_site, live_server, tmp_path):
    ensure_story_section()
    page.goto("/stories/share/")
    page.get_by_label("Someone who was referred").check()
    page.get_by_label("Where in the UK are you?").select_option("north_east")
    page.get_by_label("GP or GP practice").check()
    page.get_by_label("Give your story a short title").fill("Mornings at the allotment")
    page.get_by_label("What happened?").fill("My link worker introduced me to the allotment group on a Tuesday.")
    page.get_by_label("A photo (optional)").set_input_files(str(_photo(tmp_path)))
    page.get_by_label("Describe your photo in a sentence").fill("Rows of beans at the allotment")
    page.get_by_label("My first name").check()
    page.get_by_label("The name to show").fill("Maureen")
    page.get_by_label(re.compile("may publish my story on this website")).check()
    page.get_by_label(re.compile("I am 16 or over")).check()
    page.get_by_label(re.compile("This story is mine to tell")).check()
    page.get_by_label("Your email address (optional)").fill("maureen.private@example.org")
    page.get_by_role("button", name="Send my story to the moderators").click()
    page.wait_for_url("**/stories/share/thank-you/")

    story = StoryPage.objects.get()
    _approve(story)
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.photo_id
    photo = story.photo
    photo_file = Path(photo.file.path)
    page.goto(story.url)
    image_url = page.locator(".story__photo img").get_attribute("src")
    assert page.request.get(image_url).status == 200

    # Later, from the email: the storyteller withdraws the story.
    page.context.clear_cookies()
    link = _private_link("maureen.private@example.org", "/stories/manage/")
    assert link.startswith(live_server.url)
    response = page.goto(link)
    assert response.headers["referrer-policy"] == "same-origin"
    assert "Published" in page.locator(".story-status").inner_text()
    page.get_by_label("I want to withdraw my story and have it erased").check()
    _press(page, "Withdraw my story")
    assert "Withdrawn" in page.locator(".story-status").inner_text()
    check_accessibility(page, "withdrawn story's private page")

    assert page.goto(story.url).status == 404
    assert page.request.get(image_url).status == 404
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert not get_image_model().objects.filter(pk=photo.pk).exists()
    assert not photo_file.exists()
    assert StorySubmission.objects.get().contact_email == ""
