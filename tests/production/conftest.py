import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def make_user(db):
    def make(username="editor", groups=(), **extra):
        user = get_user_model().objects.create_user(username=username, email=f"{username}@example.org",
                                                    password=PASSWORD, **extra)
        for name in groups:
            # Wagtail's migrations create Moderators and Editors with admin access.
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user

    return make


def totp_now(device) -> str:
    """The code an authenticator app would show for this device right now."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content (load_demo), loaded once per module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with open(os.devnull, "w") as quiet:
                call_command("load_demo", stdout=quiet)
            client = Client()
            urls = {}
            for key, listing, pattern in (
                ("event", "/events/", r'href="(/events/(?!submit|feed|manage|calendar|past)[a-z0-9-]+/)"'),
                ("story", "/stories/", r'href="(/stories/(?!share|feed|manage)[a-z0-9-]+/)"'),
            ):
                urls[key] = re.search(pattern, client.get(listing).content.decode()).group(1)
            yield urls
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
