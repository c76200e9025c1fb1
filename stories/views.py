"""Thin views: the share form, what happens next, and the storyteller's private page."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from campaign.site_address import absolute_url
from campaign.submissions.antispam import hit_rate_limit, rate_limit, rate_limited_response
from campaign.submissions.responses import private
from stories import services
from stories.forms import ShareStoryForm
from stories.links import manage_path

SHARE_LIMIT = 5  # stories per hour from one address: enough for a link worker sharing several.
SHARE_WINDOW = 3600
MANAGE_SESSION_KEY = "stories.just_shared"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def share(request):
    if request.method == "POST":
        if hit_rate_limit(request, "stories-share", SHARE_LIMIT, SHARE_WINDOW):
            return rate_limited_response(
                request,
                "You have shared several stories in the last hour. Please wait a while and try again, "
                "or email us if you are sharing stories for a group.",
                retry_after=SHARE_WINDOW,
            )
        form = ShareStoryForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                submission = services.submit_story(form.cleaned_data, form.cleaned_data.get("photo"))
            except services.StoriesUnavailable:
                raise Http404("Stories are not open yet.") from None
            request.session[MANAGE_SESSION_KEY] = manage_path(submission)
            return redirect("stories:thanks")
    else:
        form = ShareStoryForm()
    photo_lost = form.is_bound and bool(request.FILES.get("photo")) and not form.is_valid()
    return render(request, "stories/share.html", {
        "form": form,
        "photo_lost": photo_lost,
        "page_title": "Share your story",
    })


@never_cache
def thanks(request):
    manage_path = request.session.get(MANAGE_SESSION_KEY)
    if not manage_path:
        return redirect("stories:share")
    response = render(request, "stories/thanks.html", {
        "manage_url": absolute_url(manage_path),
        "page_title": "Thank you for sharing your story",
    })
    return private(response)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limit("stories-manage")
def manage(request, token: str):
    submission = services.submission_for_token(token)
    if submission is None:
        response = render(request, "stories/manage_invalid.html", {"page_title": "This link does not work"},
                          status=404)
        return private(response)
    if request.method == "POST":
        if request.POST.get("confirm") == "withdraw":
            services.withdraw_story(submission)
            messages.success(request, "Your story has been withdrawn and erased.")
            request.session.pop(MANAGE_SESSION_KEY, None)
            return redirect(request.path)
        messages.error(request, "Tick the box to confirm that you want to withdraw your story.")
    response = render(request, "stories/manage.html", {
        "submission": submission,
        "status": services.story_status(submission),
        "version": services.version_to_publish(submission),
        "photo": services.preview_photo(submission),
        "token": token,
        "page_title": "Your story",
    })
    return private(response)


@never_cache
@require_safe
@rate_limit("stories-manage")
def manage_photo(request, token: str):
    """The photo as the story's page will show it, for the storyteller's eyes only.

    Behind the private link, never stored by a cache (``private``: no-store), so a photo
    waiting for review gets no public address.
    """
    submission = services.submission_for_token(token)
    photo = services.preview_photo(submission) if submission is not None else None
    if photo is None:
        raise Http404("No photo.")
    content_type = mimetypes.guess_type(photo.file.name)[0] or "application/octet-stream"
    return private(FileResponse(photo.file.open("rb"), content_type=content_type))
