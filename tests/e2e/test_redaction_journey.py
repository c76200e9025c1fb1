"""A moderator redacts a name from a story in the real Wagtail editor; no public address keeps it.

The storyteller names someone in the title, the story and the photo description. The moderator
removes the name from all three in the editor and approves. Then every public surface is read
as a visitor or a crawler would: the story page (text, alt and link-preview tags), the listing,
the feed, search, the sitemap, the home page and the story's old, name-bearing address.
"""

import io
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image

from stories.models import StoryPage, StorySubmission
from tests.e2e.conftest import check_accessibility

PASSWORD = "a long moderator passphrase 42"
NAME = "Sarah Jones"
TITLE = "Walking with Sarah Jones on Tuesdays"
OLD_SLUG = "walking-with-sarah-jones-on-tuesdays"
REDACTED_TITLE = "Walking with a link worker on Tuesdays"
REDACTED_ALT = "Two people walking along a canal towpath"


@pytest.fixture
def site(transactional_db, settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    get_user_model().objects.create_superuser("moderator", "moderator@example.org", PASSWORD)


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "towpath.jpg"
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (40, 110, 160)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def share_story(page, photo) -> None:
    page.goto("/stories/share/")
    page.get_by_label("Someone who was referred").check()
    page.get_by_label("Where in the UK are you?").select_option("north_west")
    page.get_by_label("GP or GP practice").check()
    page.get_by_label("Give your story a short title").fill(TITLE)
    page.get_by_label("What happened?").fill(
        f"My link worker, {NAME}, walked with me along the canal every Tuesday until I felt ready "
        "to go with the group on my own."
    )
    page.get_by_label("What changed?").fill(f"I have friends now, and {NAME} still waves when she sees us.")
    page.get_by_label("A photo (optional)").set_input_files(str(photo))
    page.get_by_label("Describe your photo in a sentence").fill(f"Me and {NAME} on the towpath")
    page.get_by_label("Anonymous: no name at all").check()
    page.get_by_label(re.compile("may publish my story on this website")).check()
    page.get_by_label(re.compile("I am 16 or over")).check()
    page.get_by_label(re.compile("This story is mine to tell")).check()
    page.get_by_role("button", name="Send my story to the moderators").click()
    page.wait_for_url("**/stories/share/thank-you/")


def redact_and_approve(page, story_id: int) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in")).click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(f"/admin/pages/{story_id}/edit/")

    review = page.locator(".story-review").inner_text()
    assert f"Me and {NAME} on the towpath" in review  # the photo description, shown for review
    assert "in photo description" in review and "in title" in review and "in what happened" in review

    page.locator("#id_title").fill(REDACTED_TITLE)
    for field in ("#id_what_happened", "#id_what_changed"):
        box = page.locator(field)
        box.fill(box.input_value().replace(f", {NAME},", "").replace(NAME, "she"))
    page.locator("#id_photo_alt_text").fill(REDACTED_ALT)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile(r"^Approve")).first.click()
    page.wait_for_load_state("networkidle")


def test_a_redacted_name_leaves_no_trace_on_any_public_address(page, site, photo, live_server):
    share_story(page, photo)
    manage_url = page.locator(".private-link a").get_attribute("href")
    story_id = StorySubmission.objects.latest("pk").page_id
    assert StoryPage.objects.get(pk=story_id).slug == OLD_SLUG
    redact_and_approve(page, story_id)
    story = StoryPage.objects.get(pk=story_id)
    assert story.live and story.title == REDACTED_TITLE
    assert NAME not in story.photo.title and NAME not in story.photo.description

    # A visitor, signed out.
    page.context.clear_cookies()
    response = page.goto(story.url)
    assert response.status == 200
    check_accessibility(page, "redacted story page")
    main = page.locator("main").inner_text()
    assert "My link worker walked with me along the canal" in main
    html = page.content()
    assert page.locator(f'img[alt="{REDACTED_ALT}"]').count() == 1
    assert page.locator(f'meta[property="og:image:alt"][content="{REDACTED_ALT}"]').count() == 1
    assert page.locator(f'meta[property="og:title"][content="{REDACTED_TITLE}"]').count() == 1
    assert NAME not in html and "Sarah" not in html

    surfaces = {
        "home page": "/",
        "stories listing": "/stories/",
        "stories feed": "/stories/feed/",
        "sitemap": "/sitemap.xml",
    }
    for what, url in surfaces.items():
        response = page.request.get(url)
        assert response.status == 200, what
        body = response.text()
        assert "Sarah" not in body and "sarah" not in body, what
        assert OLD_SLUG not in body, what
    assert REDACTED_TITLE in page.request.get("/stories/").text()
    assert REDACTED_TITLE in page.request.get("/stories/feed/").text()
    assert story.url in page.request.get("/sitemap.xml").text()

    # Searching for the name finds nothing (the pages echo the query, so look for the story).
    for url in ["/search/?q=Sarah", "/search/?q=Jones", "/search/?q=Sarah+Jones", "/stories/?q=Sarah+Jones"]:
        body = page.request.get(url).text()
        assert story.url not in body and REDACTED_TITLE not in body, url
    assert "0 results" in page.request.get("/search/?q=Jones").text()
    assert story.url in page.request.get("/stories/?q=canal+Tuesday").text()  # the story is searchable; the name is not

    # The story's first, name-bearing address: gone, and not redirected anywhere.
    old = page.request.get(f"/stories/{OLD_SLUG}/", max_redirects=0)
    assert old.status == 404
    assert "location" not in old.headers

    # The storyteller's private page shows the photo as published, with the redacted description.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(manage_url)
    preview = page.locator(f'.story-preview img[alt="{REDACTED_ALT}"]')
    assert preview.count() == 1
    assert page.evaluate("document.querySelector('.story-preview img').naturalWidth") > 0  # it loads
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert NAME not in page.content()
    check_accessibility(page, "private page with the photo")
