from django import template

register = template.Library()

FEATURED_LIMIT = 3


@register.simple_tag
def featured_stories(edition=None, limit: int = FEATURED_LIMIT):
    """Published stories editors chose to feature: for one edition, or across all of them."""
    from stories.listing import published_stories, with_card_data

    stories = published_stories().filter(featured=True)
    if edition is not None:
        stories = stories.filter(edition_id=edition.pk)
    return list(with_card_data(stories).order_by("-first_published_at")[:limit])


@register.simple_tag(takes_context=True)
def story_settings(context):
    from stories.models import StorySettings

    request = context.get("request")
    if request is None:
        from stories.privacy import retention_settings

        return retention_settings()
    return StorySettings.for_request(request)
