import factory
import wagtail_factories

from stories.models import StoryPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    display_name = "Jo"
    role = "referred"
    referral_route = "gp"
    region = "london"
    what_happened = "The link worker introduced me to a group that meets every week in the park."
    live = True

    class Meta:
        model = StoryPage


def published_story(parent, activities=(), **kwargs) -> StoryPage:
    """A story page with its activities, published through a revision like a real approval."""
    page = StoryPageFactory.build(**kwargs)
    page.activities = list(activities)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
