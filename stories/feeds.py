"""An RSS feed of published stories: public fields only, like the story pages."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from stories.models import StoryPage

FEED_SIZE = 20


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Social Prescribing Day: stories"
    link = "/stories/"
    description = "The latest stories of social prescribing, shared by the people it helped."

    def items(self):
        return StoryPage.objects.published().select_related("edition").order_by("-first_published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_share_description()

    def item_link(self, item):
        return item.url

    def item_author_name(self, item):
        return item.shown_name

    def item_pubdate(self, item):
        return item.first_published_at
