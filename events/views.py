"""Thin views: the submission and management pages, past events and the feeds."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_safe

from campaign import page_access
from campaign.cache import reads_query
from campaign.site_address import absolute_url, page_url, site_url
from campaign.submissions.antispam import hit_rate_limit, rate_limit, rate_limited_response
from campaign.submissions.responses import private
from events import calendar, filters, queries, submissions
from events.embed import WidgetForm, iframe_code, widget_events, widget_query
from events.forms import EventEditForm, EventSubmissionForm
from events.models import EventPage
from events.setup import get_event_index
from events.text import plain_summary

RATE_LIMIT_MESSAGE = (
    "We have received several events from you in the last hour. To protect the listings from spam, "
    "please wait a while before sending another, or email us if you have many events to list."
)


def _rate_limit() -> tuple[int, int]:
    limit, window = settings.EVENTS_SUBMIT_RATE_LIMIT
    return int(limit), int(window)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    if request.method == "POST":
        limit, window = _rate_limit()
        if hit_rate_limit(request, "events-submit", limit, window):
            return rate_limited_response(request, RATE_LIMIT_MESSAGE, retry_after=window)
        form = EventSubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                submission = submissions.submit_event(form.cleaned_data)
            except submissions.EventsUnavailable:
                raise Http404("Events are not open yet.") from None
            request.session["events_submitted"] = submission.event.title
            return redirect("events:submitted")
    else:
        form = EventSubmissionForm()
    return render(request, "events/submit.html", {"form": form, "page_title": "List your event"})


@never_cache
@require_safe
def submitted(request):
    title = request.session.pop("events_submitted", None)
    return render(request, "events/submitted.html", {"event_title": title, "page_title": "Thank you: your event is with our moderators"})


def _submission_or_404(token: str):
    submission = submissions.submission_for_token(token)
    if submission is None:
        raise Http404("This link is not valid.")
    return submission


@require_safe
@rate_limit("events-manage")
def manage(request, token: str):
    submission = _submission_or_404(token)
    context = {
        "submission": submission,
        "event": submissions.current_version(submission.event),
        "live_event": submission.event,
        "status": submissions.listing_status(submission),
        "token": token,
        "edited": request.session.pop("events_edited", False),
        "page_title": "Manage your event listing",
    }
    return private(render(request, "events/manage.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limit("events-manage")
def manage_edit(request, token: str):
    submission = _submission_or_404(token)
    event = submission.event
    if event.cancelled:
        return redirect("events:manage", token=token)
    draft = submissions.current_version(event)
    kwargs = {"original_start": draft.start, "has_image": bool(draft.image_id)}
    if request.method == "POST":
        form = EventEditForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            submissions.update_event(submission, form.cleaned_data)
            request.session["events_edited"] = True
            return redirect("events:manage", token=token)
    else:
        form = EventEditForm(initial=EventEditForm.initial_from(draft), **kwargs)
    context = {"form": form, "submission": submission, "event": draft, "token": token, "page_title": "Change your event"}
    return private(render(request, "events/manage_edit.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limit("events-manage")
def manage_cancel(request, token: str):
    submission = _submission_or_404(token)
    if request.method == "POST":
        submissions.cancel_event(submission)
        return redirect("events:manage", token=token)
    context = {"submission": submission, "event": submission.event, "token": token, "page_title": "Cancel your event"}
    return private(render(request, "events/manage_cancel.html", context))


@require_safe
@reads_query(*filters.QUERY_PARAMETERS)
def past_events(request):
    index = get_event_index()
    if index is None or not index.live:
        raise Http404
    context = {"index": index, "page_title": "Past events",
               **filters.listing_context(request, queries.published_events(), past_events=True)}
    return render(request, "events/past_events.html", context)


@require_safe
@reads_query(*filters.QUERY_PARAMETERS)
def feed_ics(request):
    events = queries.feed_events(request)
    body = calendar.cached_calendar(events, page_url, "?" + request.GET.urlencode())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="social-prescribing-day-events.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_safe
def event_ics(request, slug: str):
    event = get_object_or_404(queries.published_events(), slug=slug)
    body = calendar.build_calendar([event], page_url, name=event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug[:60]}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


class EventsFeed(Feed):
    """RSS of upcoming events, filtered like the listing: /events/feed.rss?type=webinar…"""

    feed_type = Rss201rev2Feed
    page_cache_query = filters.QUERY_PARAMETERS
    title = "Social Prescribing Day events"
    description = "Events and webinars for Social Prescribing Day, newest listings first."
    limit = 100

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self):
        return absolute_url("/events/")

    def feed_url(self):
        # atom:link rel="self" is this feed with its filters, at the public address.
        return absolute_url(self.request.get_full_path())

    def items(self):
        return queries.feed_events(self.request, since=timezone.now(), limit=self.limit)

    def item_title(self, item: EventPage) -> str:
        return ("Cancelled: " if item.cancelled else "") + item.title

    def item_description(self, item: EventPage) -> str:
        return f"{item.when_text}. {item.place_text}. Organised by {item.organisation_name}. " + plain_summary(item.description, 400)

    def item_link(self, item: EventPage) -> str:
        return page_url(item)

    def item_guid(self, item: EventPage) -> str:
        return calendar.event_uid(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item: EventPage):
        return item.first_published_at

    def item_updateddate(self, item: EventPage):
        return item.last_published_at

    def item_categories(self, item: EventPage):
        return [item.get_event_type_display(), item.format_label]


def _embed_ancestors(view):
    return csp_replace({"frame-ancestors": settings.EVENTS_EMBED_FRAME_ANCESTORS})(view)


@require_safe
@reads_query(*WidgetForm.base_fields)
@cache_control(public=True, max_age=300)
@xframe_options_exempt
@_embed_ancestors
def embed(request):
    """The widget itself: framable by any site (or those EVENTS_EMBED_FRAME_ANCESTORS allows)."""
    choices = WidgetForm(request.GET or None).choices()
    return render(request, "events/embed.html", {
        "events": widget_events(page_access.public(EventPage.objects.live()), choices),
        "listing_url": absolute_url("/events/"),
        "site_url": site_url(),
    })


@require_safe
@reads_query(*WidgetForm.base_fields)
def embed_builder(request):
    """A page for partners: choose what the widget shows, copy its code, see a preview."""
    form = WidgetForm(request.GET or None)
    choices = form.choices()
    query = widget_query(choices)
    return render(request, "events/embed_builder.html", {
        "form": form,
        "code": iframe_code(choices),
        "preview_src": "/events/embed/" + (f"?{query}" if query else ""),
        "page_title": "Show Social Prescribing Day events on your website",
    })
