"""A storyteller shares a story, a moderator redacts and approves it, the storyteller withdraws it."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.e2e.conftest import check_accessibility

PASSWORD = "a long moderator passphrase 42"


@pytest.fixture
def site(transactional_db, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("moderator", "moderator@example.org", PASSWORD)


def test_share_moderate_publish_and_withdraw(page, site, live_server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    # The storyteller shares a story.
    page.goto("/stories/share/")
    check_accessibility(page, "share form")
    page.get_by_label("Someone who was referred").check()
    page.get_by_label("Where in the UK are you?").select_option("north_east")
    page.get_by_label("GP or GP practice").check()
    page.get_by_label("Walking group").check()
    page.get_by_label("Give your story a short title").fill("Tuesdays with the walking group")
    page.get_by_label("What happened?").fill(
        "My GP, Dr Amelia Hughes, put me in touch with a link worker who walked with me to the park "
        "on a Tuesday morning until I felt ready to go on my own."
    )
    page.get_by_label("What changed?").fill("I have friends now. <script>alert('x')</script>")
    page.get_by_label("My first name").check()
    page.get_by_label("The name to show").fill("Maureen")
    page.get_by_label(re.compile("may publish my story on this website")).check()
    page.get_by_label(re.compile("I am 16 or over")).check()
    page.get_by_label(re.compile("This story is mine to tell")).check()

    # A missing answer first: the error summary links to the field and nothing is lost.
    page.get_by_label(re.compile("This story is mine to tell")).uncheck()
    page.get_by_role("button", name="Send my story to the moderators").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    check_accessibility(page, "share form with errors")
    summary.get_by_role("link", name=re.compile("yours to tell")).click()
    assert page.get_by_label("Give your story a short title").input_value() == "Tuesdays with the walking group"
    page.get_by_label(re.compile("This story is mine to tell")).check()
    page.get_by_label("Your email address (optional)").fill("maureen.private@example.org")
    page.get_by_role("button", name="Send my story to the moderators").click()
    page.wait_for_url("**/stories/share/thank-you/")
    assert "Thank you for sharing your story" in page.locator("h1").inner_text()
    manage_url = page.locator(".private-link a").get_attribute("href")
    assert "/stories/manage/" in manage_url
    token = manage_url.split("/stories/manage/")[1]
    assert any(token in m.body for m in mail.outbox if m.to == ["maureen.private@example.org"])

    # It is not public yet.
    page.goto("/stories/")
    assert "Tuesdays with the walking group" not in page.content()

    # A moderator logs in, sees the flags, redacts the GP's name and approves.
    from stories.models import StorySubmission

    story_id = StorySubmission.objects.latest("pk").page_id
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in")).click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(f"/admin/pages/{story_id}/edit/")
    review = page.locator(".story-review")
    assert "Dr Amelia Hughes" in review.inner_text()
    assert "I agree that Social Prescribing Day may publish my story" in review.inner_text()
    story_field = page.locator("#id_what_happened")
    story_field.fill(story_field.input_value().replace("My GP, Dr Amelia Hughes, put", "My GP put"))
    page.locator("#id_title").fill("Tuesdays with a walking group")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile(r"^Approve")).first.click()
    page.wait_for_load_state("networkidle")

    # The story is published, redacted.
    page.goto("/stories/")
    check_accessibility(page, "stories listing")
    page.get_by_role("link", name="Tuesdays with a walking group").click()
    page.wait_for_url("**/stories/tuesdays-with-a-walking-group/")  # the slug follows the redacted title
    story_url = page.url
    text = page.locator("main").inner_text()
    assert "Dr Amelia Hughes" not in text
    assert "My GP put me in touch" in text
    assert "<script>alert('x')</script>" in text  # shown as text, not run
    assert "Samaritans" in text
    check_accessibility(page, "story page")

    # The storyteller withdraws it through the private link.
    page.context.clear_cookies()
    page.goto(manage_url)
    assert "Published" in page.locator(".story-status").inner_text()
    check_accessibility(page, "private page")
    page.get_by_label("I want to withdraw my story and have it erased").check()
    page.get_by_role("button", name="Withdraw my story").click()
    assert "Withdrawn" in page.locator(".story-status").inner_text()
    response = page.goto(story_url)
    assert response.status == 404
    page.goto("/stories/")
    assert "Tuesdays with a walking group" not in page.content()
    assert dialogs == []
