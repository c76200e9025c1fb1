"""Settings for the Social Prescribing Day site.

Every value comes from an environment variable with an embedded default that suits a
developer's machine. ``DJANGO_ENV=production`` switches on the production rules: a real
secret key is required and the deployment checks pass.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development").strip().lower()
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"

DEBUG = env_bool("DEBUG", not PRODUCTION and not TESTING)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        if PRODUCTION and (len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")):
            raise ImproperlyConfigured("SECRET_KEY is too weak for production: use 50+ random characters.")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")
    # A development key kept in var/ so sessions and signed links survive restarts.
    key_file = VAR_DIR / "secret_key.txt"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "campaign.editions",
    "campaign.submissions",
    "campaign.reach",
    "events",
    "stories",
    "toolkit",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "crispy_forms",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "campaign.cache.PageCacheMiddleware",
    "campaign.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "campaign.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "campaign.middleware.StorageFullMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "campaign.urls"
WSGI_APPLICATION = "campaign.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "campaign.editions.context_processors.campaign",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("DB_RANDOM_PAGE_COST", "1.1"):
    # PostgreSQL prices a random page read at 4 sequential ones, a spinning disk's ratio; on SSD or
    # a database held in memory that steers it past indexes worth using (site search read every
    # entry instead of its GIN index). Set per connection; empty leaves the server's own value
    # (for a pooler that refuses connection options, or a server tuned already).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c random_page_cost={float(os.environ.get('DB_RANDOM_PAGE_COST', '1.1'))}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_config(url: str | None = None) -> dict:
    """CACHE_URL (or REDIS_URL) picks the cache: redis://, locmem:// or dummy://."""
    url = url or os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://"
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            # django-redis, which carries on uncached when Redis is down: with IGNORE_EXCEPTIONS a
            # failed call reads as a miss (get, add, incr return None) and is logged, not raised.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "spd"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True},
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url[9:] or "spd"}
    raise ImproperlyConfigured(f"Unsupported CACHE_URL scheme: {url.split(':', 1)[0]}")


CACHES = {"default": _cache_config()}
# The page cache in a Redis of its own (deploy/redis-pages.conf: a memory ceiling, least recently
# used pages evicted), so pages never push out the rate limits and form stamps in the main one
# (deploy/redis.conf: nothing evicted). Unset: pages share the default cache.
if os.environ.get("PAGE_CACHE_URL"):
    CACHES["pages"] = _cache_config(os.environ["PAGE_CACHE_URL"])
# Image renditions in each worker's own memory (RENDITIONS_CACHE_URL to share them): Wagtail
# writes every rendition a render uses back to this cache, prefetched or not, so in Redis each
# image cost a round trip on every uncached render (an edition page with its supporters' logos:
# ten, 0.2 ms each against 0.03 in memory). Keys carry the image's file hash and focal point, so a
# replaced or re-cropped image never finds another worker's old rendition.
CACHES["renditions"] = _cache_config(os.environ.get("RENDITIONS_CACHE_URL") or "locmem://renditions")
CACHES["renditions"]["TIMEOUT"] = int(os.environ.get("RENDITIONS_CACHE_SECONDS", "3600"))
if CACHES["renditions"]["BACKEND"].endswith("LocMemCache"):
    CACHES["renditions"]["OPTIONS"] = {"MAX_ENTRIES": 5000}  # about 1.2 KB each (with its image), per worker
# The page cache's Redis memory ceiling (its maxmemory); `check --deploy` reads the server's.
PAGE_CACHE_REDIS_MB = int(os.environ.get("PAGE_CACHE_REDIS_MB", "256"))
# A traceback for every failed call would flood the log while Redis is down: the page cache
# and the rate limiter each log one warning instead (campaign.cache, campaign.antispam).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# Page cache for anonymous GETs (campaign/cache.py): seconds a page is kept; 0 switches it off.
# Every key carries a generation number that publishing, unpublishing and approvals bump.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600" if PRODUCTION else "0"))
# What browsers (max-age) may keep; shared caches get PAGE_CACHE_SECONDS only when a CDN purge is set.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# Live pages (hashtag stats) are kept for a short time only, whatever else happens.
PAGE_CACHE_LIVE_PATTERN = os.environ.get("PAGE_CACHE_LIVE_PATTERN", r"^/(\d{4}/)?stats/")
PAGE_CACHE_LIVE_SECONDS = int(os.environ.get("PAGE_CACHE_LIVE_SECONDS", "30"))
# An expired page is kept this much longer, served while one request renders it again.
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "30"))
# Query parameters that never change a page (trackers'): left out of the key and of the request.
PAGE_CACHE_IGNORED_QUERY = os.environ.get(
    "PAGE_CACHE_IGNORED_QUERY",
    r"utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|mtm_\w+|pk_\w+|ref_src",
)
# Each worker also keeps recent pages in its own memory, bounded by count and by bytes (0
# entries switches the local copy off). Every request reads the shared generation once, so a
# withdrawal anywhere leaves every worker's copy at once; a worker may instead trust the
# generation it read for PAGE_CACHE_LOCAL_SECONDS (0: never), saving that read.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "0"))
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "1000"))
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_MB", "32")) * 1024 * 1024
# A response larger than this is served but not stored, so no one page crowds out the rest.
PAGE_CACHE_MAX_ENTRY_KB = int(os.environ.get("PAGE_CACHE_MAX_ENTRY_KB", "1024"))

# Sessions live in the database: only editors and moderators have them, they survive a Redis
# restart, and every app server sees the same ones.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Login protection: django-axes locks a username+address pair out after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
# Username and address together: an attacker cannot lock a moderator out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "production/lockout.html"
AXES_CLIENT_IP_CALLABLE = "campaign.submissions.antispam.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # no permanent log of editors' addresses; failures still count
AXES_VERBOSE = False
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0"))

# Two-factor authentication (django-otp, campaign/twofactor.py): staff in these groups and
# superusers must confirm a code from an authenticator app before using the admin.
REQUIRE_2FA = env_bool("REQUIRE_2FA", PRODUCTION)
REQUIRE_2FA_GROUPS = env_list("REQUIRE_2FA_GROUPS", "Moderators,Editors")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Social Prescribing Day")
# Gravatar would send editors' email hashes to a third party and needs an img-src exception.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: hashed names through whitenoise, collected into var/static.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
WHITENOISE_MAX_AGE = 3600

MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# In production the reverse proxy (deploy/nginx.conf) or object storage serves media.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible media storage (pip install '.[s3]'); credentials come from the environment.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Email: printed to the console unless EMAIL_URL-style settings are given.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("EMAIL_HOST") else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Social Prescribing Day <hello@socialprescribingday.org>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
MODERATOR_EMAILS = env_list("MODERATOR_EMAILS")

# Public submissions (events and stories): private links, spam guards, retention.
PRIVATE_LINK_MAX_AGE = int(os.environ.get("PRIVATE_LINK_MAX_AGE", str(400 * 24 * 3600)))
SPAM_MIN_FILL_SECONDS = float(os.environ.get("SPAM_MIN_FILL_SECONDS", "4"))
EVENTS_MANAGE_LINK_MAX_AGE = int(os.environ.get("EVENTS_MANAGE_LINK_MAX_AGE", str(PRIVATE_LINK_MAX_AGE)))
EVENTS_CONTACT_RETENTION_DAYS = int(os.environ.get("EVENTS_CONTACT_RETENTION_DAYS", "180"))
# Rejected listings (page, image, organiser's details) are deleted this long after rejection.
EVENTS_REJECTED_RETENTION_DAYS = int(os.environ.get("EVENTS_REJECTED_RETENTION_DAYS", "30"))
# Stories no moderator decided on are erased after this long; moderators get a count this
# many days before.
STORIES_UNREVIEWED_RETENTION_DAYS = int(os.environ.get("STORIES_UNREVIEWED_RETENTION_DAYS", "90"))
STORIES_UNREVIEWED_REMINDER_DAYS = int(os.environ.get("STORIES_UNREVIEWED_REMINDER_DAYS", "14"))
# The moderators' dashboard panel and daily digest count what the purges erase within this many days.
MODERATION_ERASURE_SOON_DAYS = int(os.environ.get("MODERATION_ERASURE_SOON_DAYS", "14"))
EVENTS_SUBMIT_RATE_LIMIT = (
    int(os.environ.get("EVENTS_SUBMIT_RATE_LIMIT_COUNT", "5")),
    int(os.environ.get("EVENTS_SUBMIT_RATE_LIMIT_SECONDS", "3600")),
)
# Each client (an IPv4 address or an IPv6 /64) may open private manage links this often.
MANAGE_LINK_RATE_LIMIT = (
    int(os.environ.get("MANAGE_LINK_RATE_LIMIT_COUNT", "30")),
    int(os.environ.get("MANAGE_LINK_RATE_LIMIT_SECONDS", "600")),
)
# Site-wide: at most this many submissions enter the review queue in any hour; the rest are
# held (saved, not lost) and released as the rate falls, with one alert an hour to moderators.
SUBMISSIONS_PER_HOUR = int(os.environ.get("SUBMISSIONS_PER_HOUR", "60"))
EVENTS_MAX_LINKS = int(os.environ.get("EVENTS_MAX_LINKS", "5"))
EVENTS_PAGE_SIZE = int(os.environ.get("EVENTS_PAGE_SIZE", "20"))
EVENTS_UID_DOMAIN = os.environ.get("EVENTS_UID_DOMAIN", "")

# Background work: django-tasks with the database backend (worker: manage.py db_worker).
# Finished task rows (arguments, results, tracebacks) are deleted after this many days.
TASK_RESULTS_RETENTION_DAYS = int(os.environ.get("TASK_RESULTS_RETENTION_DAYS", "7"))
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Social Prescribing Day"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_URL = WAGTAILADMIN_BASE_URL
# On PostgreSQL, ranking names the text search configuration, so each search parses its query
# once, not once per match (campaign/search_backend.py). It must be the database's
# default_text_search_config, the one its index and matches use; empty ranks as Wagtail does.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "campaign.search_backend", "RANK_CONFIG": os.environ.get("SEARCH_RANK_CONFIG", "english")}
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Images uploaded in the admin are stored without EXIF, GPS, XMP, IPTC or comments.
WAGTAILIMAGES_IMAGE_FORM_BASE = "campaign.submissions.image_forms.MetadataFreeImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }

# Forms render through the site's own crispy template pack (templates/site_forms/), styled by static/css/site.css.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("site_forms",)
CRISPY_TEMPLATE_PACK = "site_forms"
CRISPY_FAIL_SILENTLY = not DEBUG

# Content Security Policy: no inline script or style on the public site.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"] + env_list("CSP_IMG_SRC"),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# The Wagtail admin's own policy (set by campaign.middleware.SecurityHeadersMiddleware): its
# date pickers and inline panels still use inline scripts and styles, so only the admin gets
# 'unsafe-inline'; it frames its own previews, never anyone else's pages.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"] + env_list("CSP_IMG_SRC"),
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"


# Hashtag reach (campaign/reach): credentials and limits of the networks it reads.
X_BEARER_TOKEN = os.environ.get("X_BEARER_TOKEN", "")
REACH_X_MAX_POSTS_PER_RUN = int(os.environ.get("REACH_X_MAX_POSTS_PER_RUN", "1000"))
REACH_X_MAX_POSTS_PER_DAY = int(os.environ.get("REACH_X_MAX_POSTS_PER_DAY", "10000"))
REACH_MASTODON_SERVERS = [
    server.lower() for server in env_list("MASTODON_SERVERS", "mastodon.social,mastodon.online,mstdn.social,mas.to")
]
# "server=token" pairs: a server that asks for sign-in before showing its tag timelines.
REACH_MASTODON_TOKENS = {
    server.strip().lower(): token.strip()
    for server, _, token in (item.partition("=") for item in env_list("MASTODON_TOKENS"))
    if server.strip() and token.strip()
}
BLUESKY_HANDLE = os.environ.get("BLUESKY_HANDLE", "")
BLUESKY_APP_PASSWORD = os.environ.get("BLUESKY_APP_PASSWORD", "")
BLUESKY_SERVICE = os.environ.get("BLUESKY_SERVICE", "https://bsky.social")
REACH_USER_AGENT = os.environ.get(
    "REACH_USER_AGENT", "SocialPrescribingDayReach/1.0 (+https://socialprescribingday.org/stats/)"
)
# Posts whose metrics are read again per network and pass (hourly under 48 h, then daily).
REACH_REFRESH_MAX_POSTS = int(os.environ.get("REACH_REFRESH_MAX_POSTS", "2000"))
REACH_MAX_PAGES_PER_STREAM = int(os.environ.get("REACH_MAX_PAGES_PER_STREAM", "200"))
REACH_EMBED_FRAME_ANCESTORS = env_list("REACH_EMBED_FRAME_ANCESTORS", "*")
# Who may frame the events widget (/events/embed/): any site by default, as partners' sites vary.
EVENTS_EMBED_FRAME_ANCESTORS = env_list("EVENTS_EMBED_FRAME_ANCESTORS", "*")
REACH_STATS_CACHE_SECONDS = int(os.environ.get("REACH_STATS_CACHE_SECONDS", "30"))

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Request logs carry IP addresses and paths with private tokens: keep them out.
        "django.request": {"level": "ERROR", "handlers": ["console"], "propagate": False},
        "django.server": {"level": "WARNING", "handlers": ["console"], "propagate": False},
        "wagtail": {"level": "WARNING", "handlers": ["console"], "propagate": False},
        "django_tasks": {"level": "WARNING", "handlers": ["console"], "propagate": False},
        # fpdf2 subsets the report's fonts through fontTools, which logs every glyph at INFO.
        "fontTools": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    },
}
# django-axes logs every sign-in at INFO; warnings (lockouts) are enough.
LOGGING["loggers"]["axes"] = {"level": "WARNING", "handlers": ["console"], "propagate": False}
