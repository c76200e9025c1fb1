"""Spam and abuse guards shared by every public form: honeypot, fill time, rate limits, links.

Rate limits key on a keyed hash of the client's network, never the address itself: an IPv4
address, or an IPv6 client's /64 (one household or server is given a whole /64, so counting
single IPv6 addresses would let one client rotate through billions). They live in the cache
(Redis in production, so every app server shares them). When the cache is unreachable they
fall back to a per-process counter rather than failing open or erroring.

A form's time stamp is single-use: once a form carrying it has been accepted, the stamp is
remembered in the cache until it expires, and a second post with it is refused.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import logging
import re
import threading
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.shortcuts import render

from campaign.submissions.responses import private

logger = logging.getLogger(__name__)

LINK_PATTERN = re.compile(r"(https?://|www\.)", re.IGNORECASE)
FORM_STARTED_SALT = "spd.form-started"
FORM_STARTED_MAX_AGE = 24 * 3600
IPV6_CLIENT_PREFIX = 64


def min_fill_seconds() -> float:
    return float(settings.SPAM_MIN_FILL_SECONDS)


def count_links(text: str) -> int:
    return len(LINK_PATTERN.findall(text or ""))


def signed_form_start(seconds_ago: float = 0) -> str:
    """The hidden value a form carries to prove when it was first shown."""
    return signing.dumps(time.time() - seconds_ago, salt=FORM_STARTED_SALT)


class SpamProtectionMixin(forms.Form):
    """A honeypot field people never see, and a signed time the form was shown.

    Bots fill every field and post at once; people take longer than a few seconds.
    """

    website_address = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    honeypot_message = "We could not accept this submission. If you are a person, please try again."
    too_fast_message = "That was very quick. Please check your answers and send the form again."
    reused_message = (
        "This form has already been sent once. If you meant to send it again, please check your "
        "answers and send it once more."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_started"] = signed_form_start()
        self.stamp_claimed = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website_address"):
            raise forms.ValidationError(self.honeypot_message, code="honeypot")
        started = cleaned.get("form_started")
        try:
            shown_at = signing.loads(started or "", salt=FORM_STARTED_SALT, max_age=FORM_STARTED_MAX_AGE)
        except signing.BadSignature:
            shown_at = None
        if shown_at is None or time.time() - float(shown_at) < min_fill_seconds():
            self.refresh_stamp()
            raise forms.ValidationError(self.too_fast_message, code="too_fast")
        return cleaned

    def is_valid(self) -> bool:
        """Valid, and the first accepted use of its stamp.

        The stamp is claimed only once every other check has passed, so a person whose form
        came back with an error can correct it and send it again with the same stamp.
        """
        if not super().is_valid():
            return False
        if self.stamp_claimed:
            return True
        if not claim_form_stamp(self.cleaned_data.get("form_started", "")):
            self.refresh_stamp()
            self.add_error(None, forms.ValidationError(self.reused_message, code="reused"))
            return False
        self.stamp_claimed = True
        return True

    def refresh_stamp(self) -> None:
        """A new stamp in the re-rendered form, so a person who re-sends after reading the error is accepted."""
        self.data = self.data.copy()
        self.data["form_started"] = signed_form_start()


def claim_form_stamp(stamp: str) -> bool:
    """Record a form stamp as used; False when it had been used before.

    The stamp is remembered until it would expire anyway. When the cache is unreachable the
    stamp is accepted: the rate limits, which have their own fallback, still hold.
    """
    digest = hashlib.sha256(stamp.encode()).hexdigest()
    try:
        return cache.add(f"form-started-used:{digest}", 1, timeout=FORM_STARTED_MAX_AGE + 60)
    except Exception:
        logger.warning("Form-stamp cache unavailable; accepting the stamp.")
        return True


def client_ip(request) -> str:
    """The client address; behind N trusted proxies, the Nth address from the right of X-Forwarded-For."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_network(address: str) -> str:
    """What counts as one client: an IPv4 address, or the /64 an IPv6 address belongs to.

    IPv4 addresses written as IPv6 (``::ffff:192.0.2.1``) count as the IPv4 address.
    Anything that is not an address is counted as itself.
    """
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return str(ip)
    return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))


def client_key(request) -> str:
    """A keyed hash of the client's network: counts per visitor without storing who they are."""
    network = client_network(client_ip(request))
    return hmac.new(settings.SECRET_KEY.encode(), network.encode(), hashlib.sha256).hexdigest()[:32]


_fallback_lock = threading.Lock()
_fallback_counts: dict[str, tuple[int, float]] = {}


def _fallback_hit(key: str, window: int) -> int:
    now = time.monotonic()
    with _fallback_lock:
        if len(_fallback_counts) > 10_000:
            for stale in [k for k, (_, exp) in _fallback_counts.items() if exp < now]:
                del _fallback_counts[stale]
        count, expires = _fallback_counts.get(key, (0, now + window))
        if expires < now:
            count, expires = 0, now + window
        _fallback_counts[key] = (count + 1, expires)
        return count + 1


def hit_rate_limit(request, scope: str, limit: int, window: int) -> bool:
    """Count one attempt; True when this client has gone over ``limit`` in ``window`` seconds."""
    key = f"ratelimit:{scope}:{client_key(request)}:{int(time.time() // window)}"
    try:
        count = 1 if cache.add(key, 1, timeout=window + 5) else cache.incr(key)
    except Exception:
        count = None
    if count is None:  # The cache is down (django-redis answers None): the forms must not go down too.
        logger.warning("Rate-limit cache unavailable; using the per-process counter.")
        count = _fallback_hit(key, window)
    return count > limit


def rate_limited_response(request, message: str, retry_after: int = 600):
    response = render(
        request,
        "429.html",
        {"message": message, "page_title": "Too many requests"},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


MANAGE_RATE_LIMIT_MESSAGE = (
    "This page has been opened many times from your connection in the last few minutes. "
    "Please wait a few minutes and try again."
)


def rate_limit(scope: str, setting: str = "MANAGE_LINK_RATE_LIMIT", message: str = MANAGE_RATE_LIMIT_MESSAGE):
    """Decorate a view so each client may call it at most ``limit`` times in ``window`` seconds.

    ``setting`` names a ``(limit, window)`` setting. The refusal is served as a private page
    (never cached, no referrer), since these views' URLs may carry a private link. One line
    per view, below ``never_cache``::

        @rate_limit("events-manage")
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            limit, window = getattr(settings, setting)
            if hit_rate_limit(request, scope, int(limit), int(window)):
                return private(rate_limited_response(request, message, retry_after=int(window)))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
