from io import StringIO

import pytest
from django.core.management import call_command

from stories.models import StoryIndexPage, StoryPage, StorySubmission

pytestmark = pytest.mark.django_db


def test_demo_stories_are_varied_labelled_and_created_once(client):
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    count = StoryPage.objects.count()
    assert count >= 8
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    assert StoryPage.objects.count() == count
    assert StorySubmission.objects.count() == count
    stories = StoryPage.objects.live()
    assert all(s.is_demo for s in stories)
    assert len({s.role for s in stories}) >= 4
    assert len({s.referral_route for s in stories}) >= 5
    assert len({s.region for s in stories}) >= 6
    assert stories.filter(featured=True).count() >= 3
    index = StoryIndexPage.objects.get()
    assert index.url == "/stories/"
    assert index.get_workflow().name == "Stories"
    html = client.get(stories.first().url).content.decode()
    assert "demo story" in html
    assert "Demo" in client.get("/stories/").content.decode()
    assert "Stories of social prescribing" in client.get("/").content.decode()


def test_post_migrate_creates_the_story_section_once_a_home_page_exists(home_page):
    from stories.signals import on_post_migrate

    assert not StoryIndexPage.objects.exists()
    on_post_migrate(sender=None)
    on_post_migrate(sender=None)
    index = StoryIndexPage.objects.get()
    assert index.live and index.slug == "stories"
    assert index.get_workflow().name == "Stories"
