from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from campaign.editions.colours import DARK_TEXT, contrast_ratio, text_colour_on
from campaign.editions.models import EditionPage

PAPER = "#fffaf3"  # the page background in site.css: links on it must keep 4.5:1


@require_GET
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
