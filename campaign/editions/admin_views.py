"""Admin views for running the Day: start next year's edition, its checklist, and the guide.

Thin: the rules are in ``campaign.editions.next_edition``. Whoever may add a page under "Every
Social Prescribing Day" may start next year's Day; anyone who may edit an edition sees its
checklist; everyone in the admin may read the guide.
"""

from __future__ import annotations

from functools import cache

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from markdown_it import MarkdownIt

from campaign.editions import next_edition
from campaign.editions.models import EditionIndexPage, EditionPage

GUIDE = settings.BASE_DIR / "docs" / "running-the-day.md"


def can_start_next_edition(user) -> bool:
    archive = EditionIndexPage.objects.first()
    return archive is not None and archive.permissions_for_user(user).can_add_subpage()


class NextEditionForm(forms.Form):
    source = forms.ModelChoiceField(
        EditionPage.objects.order_by("-year"), label="Start from",
        help_text="Its toolkit and hashtag tracking are copied; nothing of it changes.",
    )
    year = forms.IntegerField(min_value=2015, max_value=2100)
    day = forms.DateField(
        label="Date of the Day", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty until it is announced.",
    )
    theme = forms.CharField(max_length=150, required=False)
    theme_words = forms.CharField(max_length=150, required=False, help_text="E.g. 'Listen – Support – Connect'.")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.plan = next_edition.NextEdition(
            year=data["year"], day=data.get("day"), theme=data.get("theme", ""), theme_words=data.get("theme_words", ""),
        )
        for field, message in next_edition.problems(data["source"], self.plan).items():
            self.add_error(field or None, message)
        return data


@require_http_methods(["GET", "POST"])
def start_next_edition(request):
    if not can_start_next_edition(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = NextEditionForm(request.POST)
        if form.is_valid():
            edition = next_edition.start_next_edition(form.cleaned_data["source"], form.plan, request.user)
            messages.success(request, f"{edition.title} is started, in draft. Here is what is still to do.")
            return redirect("edition_checklist", edition.pk)
    else:
        source = next_edition.latest_edition()
        initial = {"source": source}
        if source is not None:
            plan = next_edition.suggested(source)
            initial.update(year=plan.year, day=plan.day)
        if request.GET.get("from", "").isdigit():
            chosen = EditionPage.objects.filter(pk=request.GET["from"]).first()
            if chosen is not None:
                initial.update(source=chosen, **vars(next_edition.suggested(chosen)))
        form = NextEditionForm(initial=initial)
    return TemplateResponse(request, "campaign/admin/start_next_edition.html", {
        "form": form, "page_title": "Start next year's Day", "header_title": "Start next year's Day",
        "header_icon": "date",
    })


def edition_checklist(request, page_id: int):
    edition = get_object_or_404(EditionPage, pk=page_id)
    if not edition.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    items = next_edition.checklist(edition)
    return TemplateResponse(request, "campaign/admin/edition_checklist.html", {
        "edition": edition, "items": items, "remaining": sum(not item.done for item in items),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[edition.pk]),
        "page_title": f"Before publishing {edition.title}", "header_title": f"Before publishing {edition.title}",
        "header_icon": "tasks",
    })


@cache
def _guide_html(modified: float) -> str:
    """The guide rendered once per version of the file; raw HTML in it is escaped, not passed on."""
    return MarkdownIt("commonmark", {"html": False}).render(GUIDE.read_text(encoding="utf-8"))


def running_the_day(request):
    return TemplateResponse(request, "campaign/admin/running_the_day.html", {
        "guide": mark_safe(_guide_html(GUIDE.stat().st_mtime)),  # noqa: S308 (rendered with html off)
        "page_title": "Running the Day", "header_title": "Running the Day", "header_icon": "help",
    })
