"""Two-factor authentication for the admin: enrolment of an authenticator app, and the check.

Moderators and admins see submitters' contact details, so a stolen password alone must not
open the admin. When ``REQUIRE_2FA`` is on, anyone who can reach the admin must confirm a
time-based code (TOTP, django-otp) once per session; backup codes cover a lost phone.
"""

from __future__ import annotations

from base64 import b32encode

import qrcode
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from campaign.submissions.antispam import hit_rate_limit, rate_limited_response

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def two_factor_required(user) -> bool:
    """Whether this account must use a second factor: anyone who can reach the admin.

    Superusers, Django staff, members of the configured groups (Moderators, Editors) and
    anyone else granted Wagtail admin access: all of them can see personal data.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if user.groups.filter(name__in=settings.REQUIRE_2FA_GROUPS).exists():
        return True
    return user.has_perm("wagtailadmin.access_admin")


def _exempt_paths() -> set[str]:
    return {
        reverse("twofactor_setup"),
        reverse("twofactor_verify"),
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("admin:login"),
        reverse("admin:logout"),
    }


def gate(request) -> HttpResponseRedirect | None:
    """A redirect to enrolment or verification if this request must not go on; else None."""
    user = request.user
    if not two_factor_required(user) or user.is_verified() or request.path in _exempt_paths():
        return None
    target = "twofactor_verify" if user_has_device(user, confirmed=True) else "twofactor_setup"
    next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
    return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': next_url})}")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return reverse("wagtailadmin_home")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def pending_app_device(user) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created on first visit to enrolment."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def issue_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with a fresh set, returned once to be written down."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def confirm_app_device(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm enrolment when the code is right: old devices go, backup codes are issued."""
    if not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return issue_backup_codes(device.user)


def qr_code_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Enrol an authenticator app (scan the QR code, type a code), then show backup codes."""
    user = request.user
    has_device = user_has_device(user, confirmed=True)
    if has_device and not user.is_verified():
        # Re-enrolling needs the current second factor first.
        return redirect(f"{reverse('twofactor_verify')}?{urlencode({'next': request.get_full_path()})}")
    if request.method == "POST" and request.POST.get("action") == "backup-codes" and has_device:
        return render(request, "production/twofactor_done.html",
                      {"codes": issue_backup_codes(user), "next": _next_url(request)})
    device = pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") != "backup-codes":
        if hit_rate_limit(request, "2fa-setup", limit=20, window=600):
            return rate_limited_response(request, "Too many codes tried. Please wait ten minutes.")
        if form.is_valid():
            codes = confirm_app_device(request, device, form.cleaned_data["code"])
            if codes is not None:
                return render(request, "production/twofactor_done.html", {"codes": codes, "next": _next_url(request)})
            form.add_error("code", "That code is not right. Check your phone's clock and type the newest code.")
    return render(request, "production/twofactor_setup.html", {
        "form": form,
        "has_device": has_device,
        "required": two_factor_required(user) and settings.REQUIRE_2FA,
        "qr_svg": qr_code_svg(device.config_url),
        "secret": _base32(device.bin_key),
        "next": _next_url(request),
    })


def _base32(key: bytes) -> str:
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Ask for the second factor once per session; the device's own throttling slows guessing."""
    user = request.user
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('twofactor_setup')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if hit_rate_limit(request, "2fa-verify", limit=20, window=600):
            return rate_limited_response(request, "Too many codes tried. Please wait ten minutes.")
        if form.is_valid():
            device = match_token(user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                return HttpResponseRedirect(_next_url(request))
            form.add_error("code", "That code is not right, or it has been used. Please try the newest code.")
    return render(request, "production/twofactor_verify.html", {"form": form, "next": _next_url(request)})


urlpatterns = [
    path("", setup, name="twofactor_setup"),
    path("verify/", verify, name="twofactor_verify"),
]
