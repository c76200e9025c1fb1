"""Crawl every public page, feed, sitemap and search result; no private value may appear."""

import re
from io import StringIO
from urllib.parse import unquote, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command

from stories.models import StorySubmission
from tests.factories import UserFactory
from tests.stories.conftest import story_data
from tests.stories.helpers import approve, reject

pytestmark = pytest.mark.django_db

SEEDS = ["/", "/sitemap.xml", "/robots.txt", "/stories/", "/stories/feed/", "/events/", "/events/feed.rss",
         "/events/feed.ics", "/years/", "/toolkit/", "/stats/"]
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/stories/manage/", "/events/manage/", "/static/", "/media/",
                 "/documents/", "/stories/share/thank-you/")
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)|<loc>([^<]+)</loc>|<link>([^<]+)</link>|^URL[^:]*:(\S+)""", re.M)
MAX_PAGES = 400


def internal(url: str) -> str | None:
    url = unquote(url.replace("&amp;", "&")).strip()
    parts = urlsplit(url)
    if parts.scheme and parts.netloc not in ("testserver", "localhost", "localhost:80"):
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def crawl(client, extra=()) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(SEEDS) + list(extra)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or response.get("Content-Type", "").startswith("image/"):
            seen[url] = ""
            continue
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", "replace")
        seen[url] = body
        for match in LINK.finditer(body):
            found = internal(next(g for g in match.groups() if g))
            if found and found not in seen:
                queue.append(found)
    return seen


def private_values() -> list[str]:
    values = []
    for submission in StorySubmission.objects.all():
        values += [submission.contact_email, submission.manage_secret, submission.rejection_reason]
    try:
        EventSubmission = apps.get_model("events", "EventSubmission")
    except LookupError:
        EventSubmission = None
    if EventSubmission is not None:
        for row in EventSubmission.objects.all():
            for name in ("contact_email", "secret", "contact_name", "contact_phone"):
                values.append(getattr(row, name, ""))
    return [v for v in values if v and len(v) >= 6]


@pytest.fixture
def populated(client, django_capture_on_commit_callbacks):
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    moderator = UserFactory(username="moderator", is_staff=True, is_superuser=True)
    stories = []
    for i, (choice, name) in enumerate([("first_name", "Rosalind"), ("anonymous", "Hiddenname Zebedee"),
                                        ("chosen_name", "Sunflower")]):
        data = story_data(contact_email=f"teller{i}.secret@example.org", display_choice=choice, name=name,
                          title=f"Story of the allotment {i}")
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/stories/share/", data).status_code == 302
        stories.append(StorySubmission.objects.latest("pk"))
    approve(stories[0].page, moderator)
    approve(stories[1].page, moderator)
    reject(stories[2].page, moderator, comment="Private reason mentioning Greyfriars Lane")
    pending = story_data(contact_email="pending.secret@example.org", title="Unapproved tale of Wexcombe",
                         what_happened="A story that is still waiting for a moderator in Wexcombe village hall.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/stories/share/", pending)
    client.logout()
    return stories


def test_no_private_value_appears_anywhere_public(client, populated):
    values = private_values()
    assert any("teller0.secret@example.org" == v for v in values)
    never = values + ["Hiddenname Zebedee", "Unapproved tale of Wexcombe", "Wexcombe village hall",
                      "Greyfriars Lane"]
    pages = crawl(client)
    assert any(url.startswith("/stories/story-of-the-allotment-0") for url in pages), "approved story crawled"
    assert any("Rosalind" in body for body in pages.values())  # a public name is shown where chosen
    for url, body in pages.items():
        for value in never:
            assert value not in body, f"{value!r} leaked on {url}"
    assert len(pages) > 30


def test_searching_for_private_values_finds_nothing(client, populated):
    """Search pages echo the query back, so check their results rather than the raw page."""
    from django.utils.html import escape

    never = private_values() + ["Hiddenname Zebedee", "Unapproved tale of Wexcombe", "Greyfriars Lane"]
    for value in never:
        for url, key in (("/search/", "results"), ("/stories/", "stories")):
            response = client.get(url, {"q": value})
            assert response.status_code == 200
            assert response.context[key].paginator.count == 0, f"{value!r} found by {url}"
            body = response.content.decode().replace(escape(value), "").replace(value, "")
            for other in never:
                assert other not in body, f"{other!r} leaked on {url}"
