"""Tags the site layout and the edition pages use."""

import hashlib

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from campaign import illustrations, registry, sharing, site_address
from campaign.cache import public_memo

register = template.Library()


@register.simple_tag
def absolute_url(url: str) -> str:
    """A full address for link previews and canonical links: always the public address
    (SITE_URL), never the host a request came in on."""
    return site_address.absolute_url(url)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's one public address: a Wagtail page's URL, else the view's path, never its query."""
    page = context.get("page")
    request = context.get("request")
    # With the request, Wagtail reads the sites' root paths once per request, not once a call.
    if isinstance(page, Page):
        page_path = page.get_url(request)
    else:
        page_path = getattr(page, "url", None) if page is not None else None
    if page_path:
        return site_address.absolute_url(page_path)
    return site_address.absolute_url(request.path) if request is not None else ""


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


@register.simple_tag(takes_context=True)
def site_nav_items(context) -> list[dict]:
    """The main navigation links other apps register, each marked when the page is under it."""
    request = context.get("request")
    path = request.path if request is not None else ""
    return [{"label": item.label, "url": item.url, "current": item.is_current(path)} for item in registry.nav_items()]


@register.simple_tag
def edition_links(edition) -> list[registry.NavItem]:
    """Links to what the apps have for an edition (register_edition_links): only what exists.

    The same for every visitor, so built once per change of public content."""
    if edition is None or not getattr(edition, "pk", None):
        return []
    return public_memo(f"edition-links:{edition.pk}:{edition.state}", lambda: registry.edition_links(edition))


@register.simple_tag(takes_context=True)
def app_sections(context, place: str) -> str:
    """Sections other apps add to a page ("home" or "edition"), in the order they registered.

    They show the same to every visitor of the page, so each is rendered once per change of
    public content (campaign.cache.public_memo), including for visitors the page cache skips.
    """
    page = context.get("page")
    rendered = []
    for section in registry.page_sections(place):
        template = get_template(section.template)
        key = f"section:{section.template}:{getattr(page, 'pk', '')}"
        seconds = settings.PAGE_CACHE_LIVE_SECONDS if section.live else None
        rendered.append(public_memo(
            key, lambda template=template: template.render(context.flatten(), context.get("request")), seconds=seconds,
        ))
    return mark_safe("".join(rendered))


@register.tag("public_fragment")
def public_fragment(parser, token):
    """{% public_fragment "name" value … %}…{% endpublic_fragment %}: rendered once per change of
    public content for each combination of values (campaign.cache.public_memo).

    Only for markup that is the same for every visitor: no forms, no per-visitor text. A
    preview (an editor's draft, or an old revision) renders afresh and is never kept.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("public_fragment needs a name")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits])


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        if getattr(context.get("request"), "is_preview", False):
            return self.nodelist.render(context)
        values = "\x1f".join(str(part.resolve(context)) for part in self.parts)
        key = "fragment:" + hashlib.sha256(values.encode("utf-8", "surrogateescape")).hexdigest()
        return public_memo(key, lambda: self.nodelist.render(context))


@register.simple_tag
def illustration(slug: str, css_class: str = "illustration", decorative: bool = False, eager: bool = False) -> str:
    """One of the site's illustrations as an <img>, with its own text alternative (its
    <desc>), or empty alt text when the words next to it already say what it shows."""
    drawing = illustrations.get(slug)
    return format_html(
        '<img class="{}" src="{}" alt="{}" width="{}" height="{}"{}>',
        css_class, static(drawing.static_path), "" if decorative else drawing.alt,
        illustrations.WIDTH, illustrations.HEIGHT, "" if eager else mark_safe(' loading="lazy" decoding="async"'),
    )


@register.inclusion_tag("includes/share.html")
def share_buttons(target: Page | str, text: str = "", heading: str = "Share this page") -> dict:
    """Share links for a page or a site path (built on SITE_URL), and its address to copy."""
    url = site_address.page_url(target) if isinstance(target, Page) else site_address.absolute_url(target)
    return {
        "share_heading": heading,
        "share_url": url,
        "share_links": sharing.share_links(url, text),
        "share_id": "share-" + hashlib.sha1(url.encode()).hexdigest()[:8],
    }
