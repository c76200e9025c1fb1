"""StreamField blocks that editors build campaign pages from."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

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
