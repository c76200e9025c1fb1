"""A moderator finds a flagged story on the dashboard, redacts it in the real editor, approves it, and
the safeguarding flag is still on record afterwards (issue 19).

The moderator is a member of the Moderators group, not a superuser: what the group sees is what
is under test. The storyteller writes words about self-harm and names someone; the moderator
removes both, gives a reason, approves, then acknowledges the recorded flag.
"""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from campaign.submissions.models import RecordedFlag
from stories.models import StoryPage, StorySubmission
from tests.e2e.conftest import check_accessibility

PASSWORD = "a long moderator passphrase 42"
NAME = "Sarah Jones"
TITLE = "Back on my feet at the allotment"
RISK = "Last winter I wanted to hurt myself"
REDACTED = "Last winter was very hard for me"
REASON = "Removed a name and words about self-harm; safeguarding lead told"


@pytest.fixture
def site(transactional_db, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    user = get_user_model().objects.create_user("moderator", "moderator@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Moderators"))


def share_story(page) -> None:
    page.goto("/stories/share/")
    page.get_by_label("Someone who was referred").check()
    page.get_by_label("Where in the UK are you?").select_option("north_west")
    page.get_by_label("GP or GP practice").check()
    page.get_by_label("Give your story a short title").fill(TITLE)
    page.get_by_label("What happened?").fill(
        f"{RISK}. My link worker, {NAME}, found me a place at the community allotment and came with me."
    )
    page.get_by_label("Anonymous: no name at all").check()
    page.get_by_label(re.compile("may publish my story on this website")).check()
    page.get_by_label(re.compile("I am 16 or over")).check()
    page.get_by_label(re.compile("This story is mine to tell")).check()
    page.get_by_role("button", name="Send my story to the moderators").click()
    page.wait_for_url("**/stories/share/thank-you/")


def sign_in(page) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in")).click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_a_flag_raised_on_submission_is_still_recorded_after_redaction_and_approval(page, site, live_server):
    share_story(page)
    story_id = StorySubmission.objects.latest("pk").page_id
    sign_in(page)

    # The dashboard panel: the story, its flags, who it came from, never the contact email.
    panel = page.locator("#moderation-queue-content")
    row = panel.get_by_role("row").filter(has_text=TITLE)
    row_text = " ".join(row.inner_text().split())
    assert "Story" in row_text and "Public submission (Anonymous)" in row_text
    assert "Safeguarding" in row_text and "1 recorded, not acknowledged" in row_text
    assert "Possible personal data" in row_text
    check_accessibility(page, "dashboard with the moderation panel")

    row.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/admin/pages/{story_id}/edit/")
    record = page.locator(".recorded-flags")
    assert "Self-harm in what happened" in record.inner_text()
    assert "Possible risk of harm" in page.locator(".story-review").inner_text()

    # Redact in the editor, say why, approve.
    page.locator("#id_title").fill("Back on my feet at the allotment")
    box = page.locator("#id_what_happened")
    box.fill(box.input_value().replace(RISK, REDACTED).replace(f", {NAME},", ""))
    page.get_by_role("textbox", name=re.compile("Why you changed the submitted words")).fill(REASON)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile(r"^Approve")).first.click()
    page.wait_for_load_state("networkidle")

    story = StoryPage.objects.get(pk=story_id)
    assert story.live and "hurt myself" not in story.what_happened and NAME not in story.what_happened

    # The flag is still on record: in the editor, and acknowledged from there.
    page.goto(f"/admin/pages/{story_id}/edit/")
    assert "Possible risk of harm" not in page.locator(".story-review").inner_text()  # today's text is clean
    record = page.locator(".recorded-flags")
    assert "Self-harm in what happened" in record.inner_text()
    record.get_by_role("link", name=re.compile("Acknowledge")).click()
    page.get_by_role("button", name="Acknowledge this flag").click()
    page.wait_for_url(f"**/admin/pages/{story_id}/edit/")
    assert "Acknowledged by moderator" in page.locator(".recorded-flags").inner_text()

    flag = RecordedFlag.objects.get(page_id=story_id)
    assert flag.acknowledged_by.username == "moderator" and flag.description == "Self-harm in what happened"

    # The page history tells the next moderator what happened, and why.
    page.goto(f"/admin/pages/{story_id}/history/")
    history = " ".join(page.locator("main").inner_text().split())
    assert "Redacted: what happened" in history and REASON in history
    assert "Safeguarding flag acknowledged: Self-harm in what happened" in history
    assert "Approved at" in history
    assert NAME not in history and "hurt myself" not in history
