"""An RSS feed of published stories: public fields only, like the story pages."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from campaign.site_address import absolute_url, page_url
from stories.models import StoryPage

FEED_SIZE = 20


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Social Prescribing Day: stories"
    description = "The latest stories of social prescribing, shared by the people it helped."

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self):
        return absolute_url("/stories/")

    def feed_url(self):
        # atom:link rel="self": this feed at the public address, never the request's host.
        return absolute_url(self.request.get_full_path())

    def items(self):
        return StoryPage.objects.published().order_by("-first_published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_share_description()

    def item_link(self, item):
        return page_url(item)

    def item_author_name(self, item):
        return item.shown_name

    def item_pubdate(self, item):
        return item.first_published_at
