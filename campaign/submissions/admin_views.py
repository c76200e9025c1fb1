"""The admin view where a moderator acknowledges a recorded safeguarding flag.

A link from the recorded-flags panel opens a confirmation (a form of its own: the panel sits
inside the page's edit form); posting it records who acknowledged the flag and when, and the
page history shows it. Only moderators (and superusers) who may edit the page can.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from campaign.submissions.models import RecordedFlag
from campaign.submissions.review import is_moderator
from campaign.submissions.safeguarding import acknowledge


@require_http_methods(["GET", "POST"])
def acknowledge_flag(request, flag_id: int):
    flag = get_object_or_404(RecordedFlag.objects.select_related("page"), pk=flag_id)
    page = flag.page.specific
    if not (is_moderator(request.user) and page.permissions_for_user(request.user).can_edit()):
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        if acknowledge(flag, request.user):
            messages.success(request, f"Safeguarding flag acknowledged: {flag.description}.")
        else:
            messages.info(request, "Someone had already acknowledged this flag.")
        return redirect(edit_url)
    return TemplateResponse(request, "submissions/admin/acknowledge_flag.html", {
        "flag": flag, "page": page, "edit_url": edit_url, "page_title": "Acknowledge a safeguarding flag",
        "header_title": "Acknowledge a safeguarding flag", "header_icon": "warning",
    })
