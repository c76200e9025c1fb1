from django import template

from campaign.reach.stats import cached_stats

register = template.Library()


@register.simple_tag
def reach_totals(edition) -> dict:
    """An edition's headline figures (posts, contributors, countries…), as /stats/ shows them."""
    return cached_stats(edition)["totals"]


@register.filter
def num(value) -> str:
    """1234567 as '1,234,567'; a missing figure as an en dash."""
    if value is None or value == "":
        return "–"
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def compact(value) -> str:
    """1234567 as '1.2M', for the small embed widget."""
    if value is None:
        return "–"
    value = int(value)
    for limit, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if value >= limit:
            return f"{value / limit:.1f}".rstrip("0").rstrip(".") + suffix
    return str(value)
