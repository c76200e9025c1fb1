"""Settings for the test suite: the real settings with fast, isolated services."""

import os
import tempfile

os.environ.setdefault("DJANGO_ENV", "test")

from campaign.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="spd-test-media-")
# A memory cache per process, unless CACHE_URL names a Redis (the cache tests run on both).
if not os.environ.get("CACHE_URL", "").startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "spd-tests"},
              "renditions": CACHES["renditions"]}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = SITE_URL = "http://testserver"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Production layers other tests should not see: tests in tests/production turn them on.
PAGE_CACHE_SECONDS = 0
REQUIRE_2FA = False
