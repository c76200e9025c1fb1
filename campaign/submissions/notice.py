"""The public privacy notice (/privacy/) for storytellers and organisers.

Each app that keeps personal data registers the retention periods the notice states, read
from where its purges read them (``@hooks.register(PRIVACY_PERIODS_HOOK)`` returning a dict of
named periods in days). A changed period changes the promise and the practice together, and
the kernel names no app.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail import hooks

PRIVACY_PERIODS_HOOK = "register_privacy_periods"


def retention_periods() -> dict[str, int]:
    """Every registered period, by name (e.g. ``rejected_story_days``)."""
    periods: dict[str, int] = {}
    for hook in hooks.get_hooks(PRIVACY_PERIODS_HOOK):
        periods.update(hook())
    return periods


@require_safe
def privacy_notice(request):
    """/privacy/: what storytellers and organisers give us, why, who sees it and for how long."""
    return render(request, "campaign/privacy.html", {"periods": retention_periods(), "page_title": "Privacy notice"})
