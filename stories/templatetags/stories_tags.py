from django import template

from stories.models import StoryPage, StorySettings
from stories.privacy import retention_settings

register = template.Library()

FEATURED_LIMIT = 3


@register.simple_tag
def featured_stories(edition=None, limit: int = FEATURED_LIMIT):
    """Published stories editors chose to feature: for one edition, or across all of them."""
    stories = StoryPage.objects.published().filter(featured=True)
    if edition is not None:
        stories = stories.filter(edition_id=edition.pk)
    return list(stories.with_card_data().order_by("-first_published_at")[:limit])


@register.simple_tag(takes_context=True)
def story_settings(context):
    request = context.get("request")
    if request is None:
        return retention_settings()
    return StorySettings.for_request(request)
