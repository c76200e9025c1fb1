import errno
import logging

from django.conf import settings
from django.shortcuts import render

from campaign.twofactor import gate

logger = logging.getLogger(__name__)


def _policy_header(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class SecurityHeadersMiddleware:
    """Adds the headers Django's SecurityMiddleware does not set itself.

    Permissions-Policy everywhere, and the Wagtail admin's own Content Security Policy: the
    public site's strict policy (django-csp) excludes the admin, which still needs inline
    scripts and styles, so the admin gets a policy of its own rather than none at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_policy = _policy_header(settings.ADMIN_CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(settings.ADMIN_URL_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", self.admin_policy)
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the public middleware at the page's own path,
            # then shows it in an admin iframe: the preview alone may be framed by the site.
            policy = response.headers.get("Content-Security-Policy", "")
            response.headers["Content-Security-Policy"] = policy.replace(
                "frame-ancestors 'none'", "frame-ancestors 'self'"
            )
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


class TwoFactorMiddleware:
    """Sends admin users who must use two-factor authentication to enrol or verify first.

    Runs after django-otp's OTPMiddleware, which tells whether this session has been
    verified with a device. Only admin URLs are guarded; the public site never is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_2FA and request.path.startswith(settings.ADMIN_URL_PREFIXES):
            redirect = gate(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)


class StorageFullMiddleware:
    """A full disk (or quota) while saving an upload gets a clear page, not a server error.

    The submission services run in one transaction, so the database is rolled back when the
    file cannot be written; the visitor is told nothing was saved and to try again later.
    """

    STORAGE_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OSError) and exception.errno in self.STORAGE_FULL_ERRNOS:
            logger.error("Storage full while handling %s %s: %s", request.method, request.path, exception)
            response = render(request, "production/storage_full.html",
                              {"page_title": "We could not save your upload"}, status=503)
            response["Retry-After"] = "3600"
            return response
        return None
