"""StreamField blocks that editors build campaign pages from."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from campaign.editions.results import Highlight

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class FigureBlock(blocks.StructBlock):
    """An image with its alt text (ImageBlock asks for it) and an optional caption."""

    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "campaign/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=800)
    attribution = blocks.CharBlock(required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "campaign/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video or post; the title names the frame for screen readers."""

    embed = EmbedBlock(help_text="A YouTube or Vimeo link.")
    title = blocks.CharBlock(max_length=150, help_text="Describes the embed for screen reader users.")
    transcript_url = blocks.URLBlock(required=False, label="Transcript or captions link")

    class Meta:
        icon = "media"
        template = "campaign/blocks/video.html"


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="Or an address")
    text = blocks.CharBlock(max_length=80)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": blocks.BlockValidationError("Choose a page or give an address.")}
            )
        return value

    class Meta:
        icon = "link"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=500)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = "campaign/blocks/call_to_action.html"


class WaysToHelpBlock(blocks.StructBlock):
    """A set of cards, each a way to take part (use the hashtag, organise an event…)."""

    heading = blocks.CharBlock(required=False, max_length=120)
    ways = blocks.ListBlock(CallToActionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "campaign/blocks/ways_to_help.html"


class HeadlineFigureBlock(blocks.StructBlock):
    """A result editors publish after the Day, e.g. '29.5 million' / 'interactions with the hashtag'."""

    figure = blocks.CharBlock(max_length=40)
    label = blocks.CharBlock(max_length=120)

    class Meta:
        icon = "pick"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    figure = FigureBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    ways_to_help = WaysToHelpBlock()


class HighlightQuoteBlock(blocks.StructBlock):
    """Something said about the Day that editors want in its results report."""

    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=150, help_text="Who said it, e.g. 'Link worker, Leeds'.")

    class Meta:
        icon = "openquote"
        label = "Quote"

    def as_highlight(self, value) -> Highlight:
        return Highlight("quote", "Quote", value["quote"], value["attribution"])


class TrendingBlock(blocks.StructBlock):
    position = blocks.CharBlock(max_length=40, help_text="E.g. 'Trending 2nd'.")
    where = blocks.CharBlock(max_length=150, help_text="E.g. 'UK trends on X, 10:00 on the Day'.")

    class Meta:
        icon = "pick"
        label = "Trending position"

    def as_highlight(self, value) -> Highlight:
        return Highlight("trending", "Trending", value["position"], value["where"])


class MediaMentionBlock(blocks.StructBlock):
    outlet = blocks.CharBlock(max_length=120, help_text="E.g. 'BBC Radio 4'.")
    headline = blocks.CharBlock(max_length=250)
    url = blocks.URLBlock(required=False, label="Link")

    class Meta:
        icon = "link"
        label = "Media mention"

    def as_highlight(self, value) -> Highlight:
        return Highlight("media", "In the media", value["headline"], value["outlet"], value["url"] or "")


class ReportLaunchBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    organisation = blocks.CharBlock(max_length=150)
    url = blocks.URLBlock(required=False, label="Link")

    class Meta:
        icon = "doc-full"
        label = "Report launched"

    def as_highlight(self, value) -> Highlight:
        return Highlight("report", "Report launched", value["title"], value["organisation"], value["url"] or "")


class HighlightsBlock(blocks.StreamBlock):
    quote = HighlightQuoteBlock()
    trending = TrendingBlock()
    media = MediaMentionBlock()
    report = ReportLaunchBlock()
