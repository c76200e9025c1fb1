"""HTML and script typed into any field is shown as text, never run."""

import pytest
from django.core import mail

from stories.models import StoryPage
from tests.factories import UserFactory
from tests.stories.conftest import story_data
from tests.stories.helpers import approve, latest_submission

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEXT_FIELDS = ["title", "what_was_going_on", "what_happened", "what_changed", "what_was_hard", "name"]


def assert_inert(html: str, where: str):
    assert "<script>alert" not in html, where
    assert "<img src=x onerror" not in html, where
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), where


def test_markup_in_every_field_is_escaped_everywhere(client, story_index, django_capture_on_commit_callbacks):
    data = story_data(
        title=("T " + PAYLOAD)[:100],
        what_was_going_on="Before " + PAYLOAD,
        what_happened="What happened at the walking group " + PAYLOAD,
        what_changed="Changed " + PAYLOAD,
        what_was_hard="Hard " + PAYLOAD,
        display_choice="chosen_name",
        name="Jo <b>bold</b>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/stories/share/", data).status_code == 302
    page = latest_submission().page
    # Stored as typed (moderators see exactly what was written)…
    assert PAYLOAD in StoryPage.objects.get(pk=page.pk).what_happened
    moderator = UserFactory(username="mod", is_staff=True, is_superuser=True)
    page.featured = True
    page.save_revision()
    approve(page, moderator)

    story_html = client.get(page.url).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in story_html
    assert "Jo &lt;b&gt;bold&lt;/b&gt;" in story_html
    for url in [page.url, "/stories/", "/", "/stories/feed/", "/stories/?q=walking"]:
        assert_inert(client.get(url).content.decode(), url)
    manage_url = next(line for m in mail.outbox for line in m.body.splitlines() if "/stories/manage/" in line)
    assert_inert(client.get(manage_url.replace("http://testserver", "")).content.decode(), "manage page")
    client.force_login(moderator)
    assert_inert(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), "admin review panel")


def test_form_redisplay_escapes_what_was_typed(client, story_index):
    response = client.post("/stories/share/", story_data(title="", what_happened="x " + PAYLOAD))
    assert response.status_code == 200
    assert_inert(response.content.decode(), "form")


def test_alt_text_is_escaped(client, story_index, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.stories.conftest import jpeg_bytes

    data = story_data(photo_alt_text='Garden" onload="alert(1)')
    data["photo"] = SimpleUploadedFile("p.jpg", jpeg_bytes())
    client.post("/stories/share/", data)
    page = latest_submission().page
    approve(page, UserFactory(username="m", is_staff=True, is_superuser=True))
    html = client.get(page.url).content.decode()
    assert 'onload="alert(1)' not in html
    assert "Garden&quot; onload=&quot;alert(1)" in html
