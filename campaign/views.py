"""Site-wide views: search, robots.txt, the style guide, the Mastodon share page and the error pages."""

import sys

from crispy_forms.helper import FormHelper
from csp.decorators import csp_update
from django import forms
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Page

from campaign import design_tokens, page_access, registry, sharing
from campaign.cache import reads_query
from campaign.illustrations import all_illustrations
from campaign.search import search_terms
from campaign.site_address import absolute_url

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
# Paths of the project itself; apps add theirs with the register_robots_disallow hook.
ROBOTS_DISALLOW = ["/admin/", "/django-admin/", "/search/", "/share/"]


@require_safe
@reads_query("q", "page")
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    terms = search_terms(query)
    if terms:
        results = page_access.public(Page.objects.live()).specific().search(terms)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaign/search.html", {"query": query, "results": page, "page_title": f"Search: {query}" if query else "Search"})


@require_safe
def styleguide(request):
    """The design system as it is: tokens read from tokens.css, and the components using them.

    Public so a designer can share it, but noindex and outside the sitemap: it is a working
    page for editors and designers, not content.
    """
    tokens, pairs = design_tokens.load()
    response = render(request, "campaign/styleguide.html", {
        "page_title": "Style guide",
        "groups": design_tokens.groups(),
        "pairs": pairs,
        "type_steps": [t for t in tokens.values() if t.name.startswith("--step")],
        "illustrations": all_illustrations(),
    })
    response["X-Robots-Tag"] = "noindex"
    return response


class MastodonShareForm(forms.Form):
    server = forms.CharField(
        label="Your Mastodon server", max_length=300,
        error_messages={"required": "Enter the address of your Mastodon server, for example mastodon.social."},
        help_text="The address of the server your account is on, for example mastodon.social "
        "(your handle, such as @you@mastodon.social, works too).",
        widget=forms.TextInput(attrs={"autocomplete": "url", "spellcheck": "false", "autocapitalize": "none"}),
    )
    text = forms.CharField(
        label="Your post", max_length=sharing.MAX_TEXT_LENGTH * 2,
        error_messages={"required": "Enter the words to post.", "max_length": "Keep your post to %(limit_value)d characters."},
        help_text="You can change it here or on your server before you post it.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_server(self) -> str:
        try:
            return sharing.mastodon_server(self.cleaned_data["server"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


@require_http_methods(["GET", "HEAD", "POST"])
@reads_query("text")
@csp_update({"form-action": ["https:"]})
def share_mastodon(request):
    """Asks for the visitor's server, then sends them to its share page with the text.

    The form posts (with its CSRF token), so a link cannot send anyone to a server they did
    not type: this page is no open redirect. Browsers apply ``form-action`` to the redirect
    that follows a form, and the server could be any, so this page allows any HTTPS address.
    """
    if request.method == "POST":
        form = MastodonShareForm(request.POST)
        if form.is_valid():
            return HttpResponseRedirect(sharing.mastodon_share_url(form.cleaned_data["server"], form.cleaned_data["text"]))
    else:
        text = request.GET.get("text", "")[: sharing.MAX_TEXT_LENGTH * 2]
        form = MastodonShareForm(initial={"text": text})
    response = render(request, "campaign/share_mastodon.html", {"form": form, "page_title": "Share on Mastodon"})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    paths = ROBOTS_DISALLOW + registry.robots_disallowed_paths()
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in paths),
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", {"page_title": "Page not found"}, status=404)


def server_error(request):
    """Rendered without context processors that touch the database: the fault may be there.

    While the database restarts or fails over (a refused or dropped connection), visitors
    get a 503 saying to retry in a minute, with ``Retry-After`` for proxies and CDNs, rather
    than a 500. Connections are health-checked (CONN_HEALTH_CHECKS), so the first request
    after the database is back reconnects by itself.
    """
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.render_to_string("production/database_unavailable.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
