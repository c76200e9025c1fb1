"""A mail server that is down never costs a storyteller their story: emails are retried."""

import pytest
from django.core import mail

from campaign.submissions import emails
from stories.models import StorySubmission
from tests.submissions.mailserver import mail_server  # noqa: F401 (a fixture)

STORYTELLER = "maureen.private@example.org"


@pytest.mark.django_db
def test_sharing_succeeds_with_the_mail_server_down_and_the_email_is_retried(share, mail_server):  # noqa: F811
    mail_server.down = True
    response = share(title="Monday mornings\nat the allotment")
    assert response.status_code == 302
    submission = StorySubmission.objects.get()
    assert submission.page is not None and not submission.page.live
    # No worker in tests: every retry runs at once, as often as allowed, then gives up.
    assert mail_server.refused.count([STORYTELLER]) == emails.MAX_ATTEMPTS
    assert not [m for m in mail.outbox if m.to == [STORYTELLER]]

    mail_server.down = False
    assert emails.email_submitter.enqueue("stories.storyteller", submission.pk, "received").return_value == emails.SENT
    sent = [m for m in mail.outbox if m.to == [STORYTELLER]]
    assert len(sent) == 1 and "\n" not in sent[0].subject
    assert "/stories/manage/" in sent[0].body
