from django.utils.functional import SimpleLazyObject

from campaign.editions import current


def campaign(request):
    """The current edition, looked up once per request and only when a template asks."""
    return {"current_edition": SimpleLazyObject(lambda: current.current_edition_for(request))}
