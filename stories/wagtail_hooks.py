"""What stories add to the shared registries."""

from wagtail import hooks

from campaign.submissions.purge import PURGE_HOOK
from stories import privacy


@hooks.register(PURGE_HOOK)
def register_stories_purge():
    return "stories", privacy.purge_expired
