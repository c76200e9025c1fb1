import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

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
