import pytest
from django.core import mail

from stories.models import StorySettings
from tests.factories import UserFactory
from tests.stories.helpers import approve, latest_submission, reject

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", is_staff=True, is_superuser=True)


def public_surfaces(client, page) -> str:
    """Everything a visitor (or a crawler) can see that could mention a story."""
    html = []
    for url in ["/", "/stories/", "/2027/", "/sitemap.xml", "/stories/feed/", f"/search/?q={page.title.split()[1]}",
                "/stories/?q=walking"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html.append(response.content.decode())
    return "\n".join(html)


def test_nothing_is_public_before_approval(client, share):
    share()
    page = latest_submission().page
    assert client.get(f"/stories/{page.slug}/").status_code == 404
    seen = public_surfaces(client, page)
    assert page.title not in seen
    assert page.slug not in seen
    assert "My link worker took me" not in seen


def test_approval_publishes_and_emails_the_storyteller(client, share, moderator, django_capture_on_commit_callbacks):
    share()
    page = latest_submission().page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(page, moderator)
    assert page.live
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert page.title in public_surfaces(client, page)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maureen.private@example.org"]
    assert "http://testserver" + page.url in mail.outbox[0].body
    assert "/stories/manage/" in mail.outbox[0].body
    assert latest_submission().first_published_at is not None


def test_moderators_redactions_are_what_gets_published(client, share, moderator):
    share(what_happened="My link worker, Sarah Jones, took me to a walking group every Tuesday for months.")
    page = latest_submission().page.get_latest_revision_as_object()
    page.what_happened = "My link worker took me to a walking group every Tuesday for months."
    page.save_revision(user=moderator)
    approve(page, moderator)
    html = client.get(page.url).content.decode()
    assert "Sarah Jones" not in html
    assert "every Tuesday" in html


def test_rejection_emails_the_reason(client, share, moderator, django_capture_on_commit_callbacks):
    share()
    submission = latest_submission()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reject(submission.page, moderator, comment="Thank you. We could not remove the details that identify you.")
    submission.refresh_from_db()
    assert submission.rejected_at is not None
    assert not submission.page.live
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maureen.private@example.org"]
    assert "could not remove the details" in mail.outbox[0].body
    assert client.get(f"/stories/{submission.page.slug}/").status_code == 404


def test_rejection_without_an_email_sends_nothing(share, moderator, django_capture_on_commit_callbacks):
    share(contact_email="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reject(latest_submission().page, moderator, comment="Sorry")
    assert mail.outbox == []


def test_review_panel_shows_consents_flags_and_safeguarding_guidance(client, share, moderator, home_page):
    share(what_happened="My GP, Dr Amelia Hughes, saw I was in crisis and self-harming. Call me on 07700 900123.",
          consent_campaign_use="on")
    page = latest_submission().page
    settings = StorySettings.for_site(home_page.get_site())
    settings.safeguarding_guidance = "<p>Call the safeguarding lead on extension 4321.</p>"
    settings.save()
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Possible risk of harm" in html
    assert "safeguarding lead on extension 4321" in html
    assert "Self-harm" in html and "Crisis" in html
    assert "Dr Amelia Hughes" in html and "Phone number" in html
    assert "I agree that Social Prescribing Day may publish my story" in html
    assert "maureen.private@example.org" in html  # moderators may contact the storyteller


def test_review_panel_without_risk_hides_guidance(client, share, moderator):
    share()
    page = latest_submission().page
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "No words suggesting risk of harm were found" in html
    assert "Do not use this story in campaign materials" in html


def test_moderators_group_can_see_private_contact(client, share):
    from django.contrib.auth.models import Group

    share()
    page = latest_submission().page
    user = UserFactory(username="mod2")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "maureen.private@example.org" in response.content.decode()
