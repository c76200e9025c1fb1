"""Every link in an email starts with SITE_URL, the public address, never the host the form was sent to."""

import re
from datetime import timedelta

from django.utils import timezone

from campaign.submissions.digest import compose
from campaign.submissions.review import queue_summary
from events.tasks import organiser_email
from stories.tasks import storyteller_email

PUBLIC = "https://spd.example.org"


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", text)


def test_emails_link_only_to_the_public_address(share_story, submit_event, settings):
    story = share_story()
    event = submit_event()
    settings.SITE_URL = PUBLIC  # the forms were posted to http://testserver
    for page in (story.page, event.event):
        page.get_latest_revision().publish()
    bodies = [
        storyteller_email(story.pk, "received").body,
        storyteller_email(story.pk, "published").body,
        organiser_email(event.pk, "received").body,
        organiser_email(event.pk, "approved").body,
        compose(queue_summary(timezone.now() + timedelta(days=400)))[1],
    ]
    links = [link for body in bodies for link in _links(body)]
    assert [link for link in links if link != PUBLIC and not link.startswith(PUBLIC + "/")] == []
    for expected in ("/stories/manage/", "/events/manage/", story.page.url, event.event.url, "/privacy/", "/admin/"):
        assert any(link.startswith(PUBLIC + expected) for link in links), expected
