"""Spam and abuse guards shared by every public form: honeypot, fill time, rate limits, links.

Rate limits key on a keyed hash of the client address, never the address itself, and live
in the cache (Redis in production, so every app server shares them). When the cache is
unreachable they fall back to a per-process counter rather than failing open or erroring.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

LINK_PATTERN = re.compile(r"(https?://|www\.)", re.IGNORECASE)
FORM_STARTED_SALT = "spd.form-started"


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_started"] = signed_form_start()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website_address"):
            raise forms.ValidationError(self.honeypot_message, code="honeypot")
        started = cleaned.get("form_started")
        try:
            shown_at = signing.loads(started or "", salt=FORM_STARTED_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            shown_at = None
        if shown_at is None or time.time() - float(shown_at) < min_fill_seconds():
            # Refresh the stamp so a person who re-sends after reading this is accepted.
            self.data = self.data.copy()
            self.data["form_started"] = signed_form_start()
            raise forms.ValidationError(self.too_fast_message, code="too_fast")
        return cleaned


def client_ip(request) -> str:
    """The client address; behind N trusted proxies, the Nth address from the right of X-Forwarded-For."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    """A keyed hash of the client address: counts per visitor without storing who they are."""
    return hmac.new(settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]


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
