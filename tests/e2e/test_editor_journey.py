"""An editor starts next year's Day from the current one in the real admin, and publishes it (issue 19).

The editor is a member of the Editors group, not a superuser. From the dashboard's "Running
the Day" panel they fill in the date, theme and words; the new edition is a draft under "Every
Social Prescribing Day" with its toolkit and tracking; the checklist leads them to the page,
they write the summary and publish, and the Day is public at its year's address.
"""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from campaign.editions.models import EditionIndexPage, EditionPage
from campaign.reach.models import Tracking
from tests.e2e.conftest import check_accessibility
from toolkit.models import Toolkit

PASSWORD = "a long editor passphrase 42"
THEME = "Growing together"
WORDS = "Notice – Share – Belong"
SUMMARY = "The 2028 Day celebrates the gardens, walks and choirs people find through social prescribing."


@pytest.fixture
def site(transactional_db):
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    user = get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))


def sign_in(page) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in")).click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_an_editor_starts_next_years_day_from_the_current_one_and_publishes_it(page, site, live_server):
    current = EditionPage.objects.get(year=2027)
    sign_in(page)

    # The dashboard: the guide for everyone, next year's Day for editors.
    panel = page.locator("#running-the-day-content")
    assert "Running the Day" in panel.inner_text()
    panel.get_by_role("link", name="Start next year's Day").click()
    page.wait_for_url("**/admin/editions/start-next/")
    assert page.get_by_label("Start from").input_value() == str(current.pk)
    assert page.get_by_label("Year").input_value() == "2028"
    check_accessibility(page, "start next year's Day")

    page.get_by_label("Date of the Day").fill("2028-03-09")
    page.get_by_label("Theme", exact=True).fill(THEME)
    page.get_by_label("Theme words").fill(WORDS)
    page.get_by_role("button", name="Start next year's Day").click()
    page.wait_for_url(re.compile(r".*/admin/editions/\d+/checklist/$"))

    new = EditionPage.objects.get(year=2028)
    assert not new.live and new.get_parent().specific_class is EditionIndexPage
    assert (new.theme, new.theme_words) == (THEME, WORDS)
    assert Toolkit.objects.get(edition=new).resources.count() == Toolkit.objects.get(edition=current).resources.count()
    assert Tracking.objects.get(edition=new).hashtag_list == Tracking.objects.get(edition=current).hashtag_list

    # The checklist: what is left, each with where to do it.
    checklist = " ".join(page.locator("main").inner_text().split())
    assert "Social Prescribing Day 2028 is started, in draft" in checklist
    for line in ("Write the summary", "Replace last year's files in the toolkit", "Publish the toolkit",
                 "Check the hashtags and when they are tracked", "Publish the edition page"):
        assert line in checklist
    assert "Set the date of the Day (done)" in checklist
    # Wagtail's message fades in: let it settle, or axe measures its colours half-way.
    page.locator(".messages .success").wait_for()
    page.wait_for_timeout(1000)
    check_accessibility(page, "checklist before publishing")
    assert page.request.get("/2028/").status == 404  # a draft is not public

    # Write the summary in the real editor, then publish.
    page.get_by_role("link", name="Write the summary").click()
    page.wait_for_url(f"**/admin/pages/{new.pk}/edit/")
    page.locator("#id_summary").fill(SUMMARY)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile(r"^Publish")).first.click()
    page.wait_for_load_state("networkidle")

    new.refresh_from_db()
    assert new.live and new.summary == SUMMARY and new.url == "/2028/"

    # The checklist follows, from the page's own menu; the Day is public at its year.
    page.goto(f"/admin/pages/{new.pk}/edit/")
    page.locator(".w-slim-header [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("link", name="Checklist before publishing").click()
    page.wait_for_url(f"**/admin/editions/{new.pk}/checklist/")
    checklist = " ".join(page.locator("main").inner_text().split())
    assert "Write the summary (done)" in checklist and "Publish the edition page (done)" in checklist
    page.goto("/2028/")
    assert THEME in page.locator("main").inner_text()
    page.goto("/years/")
    assert page.get_by_role("link", name=re.compile("2028")).count() >= 1
