import csv
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from campaign.editions import results
from campaign.editions import results_pdf as results_pdf_file
from campaign.editions.colours import DARK_TEXT, contrast_ratio, text_colour_on
from campaign.editions.models import EditionPage

PAPER = "#fffaf3"  # the page background in site.css: links on it must keep 4.5:1


@require_safe
@cache_control(public=True, max_age=31536000, immutable=True)
def edition_theme_css(request, year: int):
    """The edition's colours as CSS custom properties: a stylesheet, so pages need no inline style."""
    edition = get_object_or_404(EditionPage.objects.live(), year=year)
    primary = edition.primary_colour
    link = primary if contrast_ratio(primary, PAPER) >= 4.5 else DARK_TEXT
    css = (
        ":root{"
        f"--brand:{primary};--on-brand:{text_colour_on(primary)};--link:{link};"
        f"--accent:{edition.accent_colour};--on-accent:{text_colour_on(edition.accent_colour)};"
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def _report(year: int) -> tuple[EditionPage, results.Report]:
    """The edition's report, from the Day itself on: before it there is nothing to report."""
    edition = get_object_or_404(EditionPage.objects.live(), year=year)
    report = results.build_report(edition)
    if report.state == results.NOT_YET:
        raise Http404("The results report opens on the Day itself.")
    return edition, report


def _results_cache(view):
    """The figures move by the minute on the Day and until the hashtag's tracking window closes
    (the tracker's saves do not empty the page cache), so a report is kept no longer than the
    live stats are."""

    @wraps(view)
    def wrapped(request, year: int):
        response = view(request, year)
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_LIVE_SECONDS)
        return response

    return wrapped


@require_safe
@_results_cache
def results_page(request, year: int):
    edition, report = _report(year)
    return render(request, "campaign/results.html", {
        "edition": edition, "report": report, "page_title": f"Results of {edition.title}",
        "description": f"What happened on {edition.title}: reach of the hashtag, events, stories and the toolkit.",
    })


@require_safe
@_results_cache
def results_json(request, year: int):
    _edition, report = _report(year)
    return JsonResponse(results.report_as_dict(report), json_dumps_params={"ensure_ascii": False, "indent": 1})


@require_safe
@_results_cache
def results_csv(request, year: int):
    _edition, report = _report(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="social-prescribing-day-{year}-results.csv"'
    writer = csv.writer(response)
    writer.writerow(results.CSV_HEADER)
    writer.writerows(results.report_csv_rows(report))
    return response


@require_safe
@_results_cache
def results_pdf(request, year: int):
    _edition, report = _report(year)
    response = HttpResponse(results_pdf_file.build_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="social-prescribing-day-{year}-results.pdf"'
    return response
