"""A mail server that can be down: Django's locmem backend behind an SMTP connection that fails.

Tests use ``mail_server`` to take it down and bring it back; while it is down every send raises
``SMTPServerDisconnected``, as ``smtplib`` does when a server drops the connection.
"""

import smtplib

import pytest
from django.core.mail.backends import locmem


class FlakyMailServer(locmem.EmailBackend):
    down = False
    failed_sends = 0
    refused: list[list[str]] = []  # each refused message's recipients

    def send_messages(self, messages):
        if FlakyMailServer.down:
            FlakyMailServer.failed_sends += 1
            FlakyMailServer.refused.extend(list(message.to) for message in messages)
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def mail_server(settings):
    """The test's mail server, up to begin with: set ``.down`` to take it down.

    (Wagtail's own workflow notices to superusers are refused too; Wagtail logs and goes on.)
    """
    settings.EMAIL_BACKEND = "tests.submissions.mailserver.FlakyMailServer"
    FlakyMailServer.down = False
    FlakyMailServer.failed_sends = 0
    FlakyMailServer.refused = []
    yield FlakyMailServer
    FlakyMailServer.down = False
    FlakyMailServer.failed_sends = 0
    FlakyMailServer.refused = []
