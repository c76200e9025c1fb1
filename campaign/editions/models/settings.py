from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from campaign.cache import public_memo
from campaign.editions import days


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide values editors change without a deployment: contact, social links, sharing."""

    @classmethod
    def for_request(cls, request):
        """The site's settings, read once by each worker until public content changes.

        Every page's title, meta tags and footer read them. Each request gets its own
        instance, built from the kept values, so nothing it does reaches another request;
        the admin edits them through ``for_site``, which always reads the database.
        """
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        names = [field.attname for field in cls._meta.concrete_fields]

        def read() -> tuple:
            stored = cls.for_site(site)
            return tuple(getattr(stored, name) for name in names)

        site_settings = cls.from_db(None, names, public_memo(f"site-settings:{site.pk}", read))
        setattr(request, attribute, site_settings)
        return site_settings

    organisation_name = models.CharField(max_length=120, default="Social Prescribing Day")
    tagline = models.CharField(
        max_length=200,
        default="Celebrating the people and communities who make social prescribing work.",
    )
    contact_email = models.EmailField(blank=True)
    press_email = models.EmailField(blank=True)
    x_url = models.URLField("X (Twitter)", blank=True)
    mastodon_url = models.URLField("Mastodon", blank=True)
    bluesky_url = models.URLField("Bluesky", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    footer_note = models.TextField(blank=True, help_text="E.g. the charity's registered name and number.")
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used in link previews when a page has no image of its own (1200×630 works best).",
    )
    after_the_day = models.CharField(
        "after the Day",
        max_length=10,
        default=days.AUTOMATIC,
        choices=[
            (days.AUTOMATIC, "Automatic: stay on the Day just gone while it is still tracked, then the next Day"),
            (days.NEXT_DAY, "Always the next Day, from the day after the Day"),
            (days.DAY_GONE, "Always the Day just gone, with a thank you and the next date"),
        ],
        help_text="What the home page, the live stats and the toolkit are about once next year's edition "
        "has a date. Automatic follows each Day's tracking window (and its own setting there).",
    )

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("tagline"), FieldPanel("footer_note")], "Identity"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("press_email")], "Contact"),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("bluesky_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
            ],
            "Social links",
        ),
        FieldPanel("share_image"),
        FieldPanel("after_the_day"),
    ]

    class Meta:
        verbose_name = "Site settings"

    @property
    def social_links(self) -> list[tuple[str, str]]:
        pairs = [
            ("X", self.x_url),
            ("Mastodon", self.mastodon_url),
            ("Bluesky", self.bluesky_url),
            ("LinkedIn", self.linkedin_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
        ]
        return [(name, url) for name, url in pairs if url]
