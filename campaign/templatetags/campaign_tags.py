from django import template
from django.conf import settings
from django.template.loader import select_template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """An absolute URL for link previews, which must not be relative."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.SITE_URL + url


@register.simple_tag(takes_context=True)
def query_string(context, **changes) -> str:
    """The current query string with some parameters changed: filters survive pagination."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def hashtag_url(tag: str) -> str:
    return "https://x.com/hashtag/" + tag.lstrip("#")


@register.simple_tag
def share_links(url: str, text: str) -> list[tuple[str, str]]:
    return [
        ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": text})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {url}"})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
    ]


SECTION_APPS = ["events", "stories", "toolkit", "reach"]


@register.simple_tag(takes_context=True)
def app_sections(context, place: str) -> str:
    """Sections other apps add to a page: each app may provide <app>/sections/<place>.html."""
    from django.template import TemplateDoesNotExist
    from django.utils.safestring import mark_safe

    rendered = []
    for app in SECTION_APPS:
        try:
            template = select_template([f"{app}/sections/{place}.html"])
        except TemplateDoesNotExist:
            continue
        rendered.append(template.render(context.flatten(), context.get("request")))
    return mark_safe("".join(rendered))
