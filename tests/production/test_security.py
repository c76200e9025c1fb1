"""Admin sign-in protection, two-factor authentication, security headers and uploads."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from campaign.submissions.uploads import clean_uploaded_image
from campaign.twofactor import two_factor_required
from tests.production.conftest import PASSWORD, totp_now

ROOT = Path(__file__).resolve().parents[2]


# --- Login attempts: django-axes -------------------------------------------------------

def _login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def test_wagtail_login_works_with_axes(client, make_user):
    make_user("editor", groups=["Editors"])
    response = _login(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_repeated_failures_lock_the_account_out(client, make_user, settings):
    make_user("moderator", groups=["Moderators"])
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "moderator", "wrong password")
        assert response.status_code == 200  # the login form again, with an error
    response = _login(client, "moderator", "wrong password")
    assert response.status_code == 429
    assert "Sign-in locked for a while" in response.content.decode()
    # Even the right password is refused during the cool-off.
    response = _login(client, "moderator", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_success_resets_the_failure_count(client, make_user, settings):
    make_user("editor", groups=["Editors"])
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "editor", "wrong password")
    assert _login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "editor", "wrong password").status_code == 200
    assert _login(client, "editor", PASSWORD).status_code == 302


def test_lockout_is_per_username_and_address(client, make_user, settings):
    """Someone guessing from elsewhere cannot lock a moderator out of their own machine."""
    from django.test import Client

    make_user("moderator", groups=["Moderators"])
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "moderator", "guess")
    assert _login(attacker, "moderator", PASSWORD).status_code == 429
    assert _login(client, "moderator", PASSWORD).status_code == 302


# --- Two-factor authentication ----------------------------------------------------------

def test_who_must_use_two_factor(make_user):
    assert two_factor_required(make_user("admin", is_superuser=True, is_staff=True))
    assert two_factor_required(make_user("mod", groups=["Moderators"]))
    assert two_factor_required(make_user("ed", groups=["Editors"]))
    assert not two_factor_required(make_user("visitor"))


def test_without_require_2fa_admins_go_straight_in(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200


@override_settings(REQUIRE_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0)
def test_enrolment_then_verification_each_session(client, make_user):
    user = make_user("editor", groups=["Editors"])
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/2fa/?next=%2Fadmin%2Fpages%2F"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Set up two-factor authentication" in html
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post("/admin/2fa/", {"code": "000000", "next": "/admin/pages/"})
    assert "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    done = client.post("/admin/2fa/", {"code": totp_now(device), "next": "/admin/pages/"})
    html = done.content.decode()
    assert done.status_code == 200 and "backup codes" in html.lower()
    codes = list(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert len(codes) == 10 and all(code in html for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200

    # A new session (another browser) must verify again; a backup code works once.
    other = client.__class__()
    other.force_login(user)
    response = other.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    bad = other.post("/admin/2fa/verify/", {"code": "12345678", "next": "/admin/"})
    assert bad.status_code == 200 and "That code is not right" in bad.content.decode()
    ok = other.post("/admin/2fa/verify/", {"code": codes[0], "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert other.get("/admin/").status_code == 200

    third = client.__class__()
    third.force_login(user)
    assert "That code is not right" in third.post("/admin/2fa/verify/", {"code": codes[0]}).content.decode()


@override_settings(REQUIRE_2FA=True)
def test_verification_redirect_stays_on_this_site(client, make_user):
    user = make_user("ed", groups=["Editors"])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    response = client.post("/admin/2fa/verify/", {"code": totp_now(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


@override_settings(REQUIRE_2FA=True)
def test_guessing_codes_is_throttled(client, make_user):
    """After a wrong code even the right one is refused for a while (django-otp throttling)."""
    user = make_user("ed", groups=["Editors"])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    client.post("/admin/2fa/verify/", {"code": "000000"})
    response = client.post("/admin/2fa/verify/", {"code": totp_now(device)})
    assert response.status_code == 200 and "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


@override_settings(REQUIRE_2FA=True)
def test_django_admin_is_guarded_too(client, superuser):
    client.force_login(superuser)
    response = client.get("/django-admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/")


@override_settings(REQUIRE_2FA=True)
def test_public_site_is_never_asked_for_a_code(client, home_page, superuser):
    client.force_login(superuser)
    assert client.get("/").status_code == 200


@override_settings(REQUIRE_2FA=True)
def test_re_enrolment_needs_the_current_factor(client, make_user):
    user = make_user("ed", groups=["Editors"])
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    response = client.get("/admin/2fa/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")


# --- Passwords and sessions --------------------------------------------------------------

@pytest.mark.parametrize("weak", ["password123", "short1!", "12345678901234", "aaaaaaaa"])
def test_weak_passwords_are_refused(weak, db):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


# --- Headers ---------------------------------------------------------------------------------

def test_public_pages_have_the_strict_policy(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_has_its_own_policy(client, superuser):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    client.force_login(superuser)
    assert "default-src 'self'" in client.get("/admin/").headers["Content-Security-Policy"]


def test_production_settings_are_locked_down():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ENV"}}
    env.update({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.org", "DJANGO_SETTINGS_MODULE": "campaign.settings",
                "SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"})
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000, s.REQUIRE_2FA,"
        " s.PAGE_CACHE_SECONDS > 0, s.SECURE_SSL_REDIRECT, s.AUTHENTICATION_BACKENDS[0], s.DEBUG)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "True",
                                     "axes.backends.AxesStandaloneBackend", "False"], result.stderr


# --- Uploads -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, expected_type", [
    ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"),
    ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
])
def test_documents_are_downloaded_never_shown_inline(client, db, name, content, expected_type):
    from wagtail.documents.models import Document

    document = Document.objects.create(title=name, file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"].startswith(expected_type)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def test_svg_is_refused_from_the_public():
    svg = ContentFile(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                      b'<script>alert(1)</script></svg>', name="photo.jpg")
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(svg)
    assert error.value.code == "not_an_image"


def test_image_named_like_a_photo_but_not_one_is_refused():
    with pytest.raises(ValidationError):
        clean_uploaded_image(ContentFile(b"GIF89a" + b"\x00" * 20 + b"<?php echo 1; ?>", name="x.gif"))


def test_admin_image_uploads_are_limited(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 40_000_000


def test_public_image_pixel_limit():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8000, 6000)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(ContentFile(buffer.getvalue(), name="big.png"), max_pixels=40_000_000)
    assert error.value.code in {"too_many_pixels", "decompression_bomb"}


def test_page_previews_may_be_framed_by_the_admin(admin_client, home_page):
    """Wagtail renders previews at the page's public path; the admin's iframe must be allowed."""
    from tests.factories import ContentPageFactory

    page = ContentPageFactory(parent=home_page, title="Preview me")
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/preview/",
        {"title": "Preview me", "slug": page.slug, "intro": "Hello", "body-count": "0"},
    )
    assert response.status_code == 200
    preview = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/?mode=")
    assert preview.status_code == 200
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    public = admin_client.get(page.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
