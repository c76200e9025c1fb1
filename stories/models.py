"""Stories: public pages moderated through Wagtail, and a separate private record per submission.

The split matters: a StoryPage (and every revision of it) holds only what may be public once a
moderator approves it. Contact details, consents and the private-link secret live on
StorySubmission, which no public template, feed, search index or sitemap ever touches.
"""

from __future__ import annotations

from django import forms
from django.db import DatabaseError, models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel, TitleFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from campaign import page_access
from campaign.cache import public_memo
from campaign.editions.current import live_edition
from campaign.editions.models import EditionPage
from campaign.editions.models.pages import SharingMixin
from campaign.page_access import ViewRestrictionsMixin
from campaign.search import search_terms
from campaign.submissions.admin_forms import SubmittedPageForm
from campaign.submissions.panels import RecordedFlagsPanel
from campaign.submissions.slugs import follow_title
from stories import choices, consent, listing
from stories.flags import story_flags, story_texts
from stories.listing import story_listing

CARD_RENDITION = "fill-640x400|format-webp"  # the card template's spec: one prefetched rendition
# The photo on a story's page: story_page.html's {% image page.photo max-960x720 %}, and the
# storyteller's private preview (stories.services.preview_photo) serves the same rendition.
PAGE_RENDITION = "max-960x720"


class StoryActivity(models.Model):
    """Something people took part in, such as a walking group: a filter and a tag on stories."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "story activity"
        verbose_name_plural = "story activities"

    def __str__(self) -> str:
        return self.name


register_snippet(StoryActivity)


class StoryIndexPage(ViewRestrictionsMixin, SharingMixin, Page):
    """/stories/: every published story, newest first, with filters and search."""

    intro = models.TextField(
        blank=True,
        max_length=600,
        default="Real stories from people who were referred, their families, link workers, GPs and "
        "community groups: what social prescribing changed for them.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["campaign.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1
    page_cache_query = listing.QUERY_PARAMETERS  # campaign.cache keeps only these in a key

    def get_share_description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The filters' choices: the same for every visitor until public content changes.
        activities = public_memo("story-activities", lambda: list(StoryActivity.objects.values_list("slug", "name")))
        years = public_memo(
            "story-years",
            lambda: list(
                EditionPage.objects.filter(stories__live=True).values_list("year", flat=True).distinct().order_by("-year")
            ),
        )
        context.update(story_listing(request, StoryPage.objects.published(self), activities=activities, years=years))
        return context


class StoryPageQuerySet(PageQuerySet):
    """The queries the listing, the feed and the featured sections share."""

    def published(self, index=None):
        """Live and public stories, under one index page when given."""
        queryset = page_access.public(self.live())
        if index is not None:
            queryset = queryset.child_of(index)
        return queryset

    def with_card_data(self):
        """What a story card shows, fetched up front: no query per story.

        Not the edition: a card never shows it, and joining its page (a wide row) cost more
        than the rest of the card's data together (issue 18). The photo, a narrow row, comes with
        the story; its card rendition in one more query.
        """
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_RENDITION)
        return self.select_related("photo").prefetch_related(
            Prefetch("photo__renditions", queryset=renditions),
            Prefetch("activities", queryset=StoryActivity.objects.order_by("sort_order", "name")),
        )

    def filtered(self, data: dict):
        """Apply the listing's filters and text search (all combined with AND)."""
        queryset = self
        if data.get("role"):
            queryset = queryset.filter(role=data["role"])
        if data.get("route"):
            queryset = queryset.filter(referral_route=data["route"])
        if data.get("region"):
            queryset = queryset.filter(region=data["region"])
        if data.get("year"):
            queryset = queryset.filter(edition__year=data["year"])
        if data.get("activity"):
            queryset = queryset.filter(activities__slug=data["activity"])
        if data.get("q"):
            # Wagtail's search (stemmed, over title and every part of the story), then the filters.
            try:
                terms = search_terms(data["q"])
                found = self.model.objects.published().search(terms, operator="and") if terms else []
                matches = [page.pk for page in found]
            except DatabaseError:  # SQLite's FTS5 refuses some punctuation-only queries: no matches.
                matches = []
            queryset = queryset.filter(pk__in=matches)
        return queryset


REVIEW_PERMISSION = "stories.view_private_details"


def can_review_stories(user) -> bool:
    """Moderators (and superusers): the only people who may read stories not yet public."""
    return bool(user.is_active and user.has_perm(REVIEW_PERMISSION))


class StoryPermissionTester(PagePermissionTester):
    """A story awaiting review, rejected or never published is for moderators' eyes only.

    Editors hold page rights at the root, and Wagtail's rights only add up, so without this
    they could open unredacted submissions, their revisions and previews.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.hidden = not can_review_stories(user) and (not page.live or page.workflow_in_progress)

    def can_edit(self):
        return not self.hidden and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return not self.hidden and super().can_delete(ignore_bulk)

    def can_publish(self):
        return not self.hidden and super().can_publish()

    def can_unpublish(self):
        return not self.hidden and super().can_unpublish()

    def can_submit_for_moderation(self):
        return not self.hidden and super().can_submit_for_moderation()

    def can_view_revisions(self):
        return not self.hidden and super().can_view_revisions()

    def can_lock(self):
        return not self.hidden and super().can_lock()

    def can_copy(self):
        return not self.hidden and super().can_copy()

    def can_move(self):
        return not self.hidden and super().can_move()


class StoryReviewPanel(Panel):
    """The moderator's review panel on a story's edit screen: consents, private contact and flags.

    It reads the private StorySubmission and computes flags from the version being edited (the
    latest revision), so what moderators see is exactly what they are about to approve.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/review_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            submission = None
            if page.pk:
                submission = StorySubmission.objects.filter(page_id=page.pk).first()
            context.update(
                {
                    "submission": submission,
                    "page": page,
                    "flags": story_flags(page),
                    "story_settings": StorySettings.for_request(self.request) if self.request else None,
                    "can_see_contact": bool(
                        self.request and self.request.user.has_perm("stories.view_private_details")
                    ),
                }
            )
            return context


class StoryPage(ViewRestrictionsMixin, SharingMixin, Page):
    """One published story. Only public-once-approved fields live here; never contact details."""

    display_name = models.CharField(
        max_length=40,
        blank=True,
        help_text="The name shown with the story. Empty means 'Anonymous'.",
    )
    role = models.CharField("who is telling it", max_length=30, choices=choices.ROLE_CHOICES)
    referral_route = models.CharField(
        "how the referral came about", max_length=30, choices=choices.REFERRAL_CHOICES
    )
    region = models.CharField(max_length=30, choices=choices.REGION_CHOICES)
    activities = ParentalManyToManyField(StoryActivity, blank=True, related_name="stories")
    what_was_going_on = models.TextField(max_length=3000, blank=True)
    what_happened = models.TextField(max_length=5000)
    what_changed = models.TextField(max_length=3000, blank=True)
    what_was_hard = models.TextField(max_length=3000, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt_text = models.CharField(
        "photo description",
        max_length=250,
        blank=True,
        help_text="The storyteller's description of the photo, used as its alt text on the page and in "
        "link previews. Redact names here as in the story.",
    )
    edition = models.ForeignKey(
        "campaign.EditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text="The Social Prescribing Day this story was shared for.",
    )
    featured = models.BooleanField(
        default=False, help_text="Show this story on the home page and its year's page."
    )
    is_demo = models.BooleanField(default=False, help_text="Demo content: labelled as such on the page.")

    content_panels = [
        StoryReviewPanel(heading="Review: consents and flags"),
        RecordedFlagsPanel(heading="Safeguarding record"),
        FieldPanel("change_reason"),
        TitleFieldPanel(
            "title",
            help_text="Redact names and places here as well as in the story. Until the story is first "
            "published, its web address is made from this title.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("display_name"),
                FieldRowPanel([FieldPanel("role"), FieldPanel("referral_route"), FieldPanel("region")]),
                FieldPanel("activities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("edition"),
            ],
            "About the story",
        ),
        MultiFieldPanel(
            [FieldPanel(name, heading=label) for name, label in choices.STORY_SECTIONS], "The story"
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], "Photo"),
        MultiFieldPanel([FieldPanel("featured"), FieldPanel("is_demo")], "Featuring"),
    ]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    help_text="Made from the title until the story is first published (anything typed "
                    "here is replaced), so a name redacted from the title never stays in the address. "
                    "After publication it no longer changes, so links keep working.",
                ),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            "For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], "For site menus"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("what_was_going_on"),
        index.SearchField("what_happened"),
        index.SearchField("what_changed"),
        index.SearchField("what_was_hard"),
        index.FilterField("role"),
        index.FilterField("referral_route"),
        index.FilterField("region"),
        index.FilterField("featured"),
    ]

    # Every render reads the photo for the share card (og:image): fetched with the page (campaign.routing).
    route_select_related = ("photo",)
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []

    objects = PageManager.from_queryset(StoryPageQuerySet)()
    base_form_class = SubmittedPageForm
    submission_kind = "Story"  # what the moderators' queue calls it (campaign.submissions.review)

    def submitted_texts(self) -> list[tuple[str, str, str]]:
        """What the storyteller wrote, as the review panel flags it (campaign.submissions.review)."""
        return story_texts(self)

    def public_submitter_name(self) -> str:
        """Who it came from, in public terms: the name shown with the story, never the contact email."""
        return self.shown_name

    def permissions_for_user(self, user):
        return StoryPermissionTester(user, self)

    def save_revision(self, *args, **kwargs):
        """A moderator's redacted title reaches the slug of the version that will be published."""
        follow_title(self, fallback="story")
        return super().save_revision(*args, **kwargs)

    def save(self, *args, **kwargs):
        """Until first publication the slug follows the title, so no save makes a redirect from it."""
        follow_title(self, fallback="story")
        return super().save(*args, **kwargs)

    @property
    def shown_name(self) -> str:
        return self.display_name or "Anonymous"

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) for each part of the story that was filled in, in reading order."""
        return [(label, getattr(self, name)) for name, label in choices.STORY_SECTIONS if getattr(self, name)]

    @property
    def full_text(self) -> str:
        return "\n\n".join(text for _, text in self.sections)

    def get_share_description(self) -> str:
        if self.search_description:
            return self.search_description
        text = " ".join(self.full_text.split())
        return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "…"

    def get_share_image(self):
        return self.photo

    def get_share_image_alt(self) -> str:
        """The moderator-reviewed description, never the stored image's own."""
        return self.photo_alt_text if self.photo_id else ""

    def get_context(self, request, *args, **kwargs):
        """The layout takes its colours from the story's edition: looked up among the kept live
        editions, not with a query of its own on every render."""
        context = super().get_context(request, *args, **kwargs)
        context["edition"] = live_edition(self.edition_id)
        return context


class StorySubmissionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class StorySubmission(models.Model):
    """The private side of a story: contact, consents and the private-link secret.

    Never rendered on the public site. When a story is withdrawn its page (with every revision
    and the photo) is deleted and this record is emptied, keeping only that it was withdrawn.
    """

    page = models.OneToOneField(
        StoryPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="submission"
    )
    contact_email = models.EmailField(blank=True)
    display_choice = models.CharField(max_length=20, choices=choices.DISPLAY_CHOICES)
    consent_publish = models.BooleanField(default=False)
    consent_campaign_use = models.BooleanField(default=False)
    consent_age = models.BooleanField(default=False)
    consent_own_story = models.BooleanField(default=False)
    consent_wording = models.JSONField(
        default=dict, blank=True, help_text="The words on screen for each consent, as agreed."
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    manage_secret = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    first_published_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    contact_erased_at = models.DateTimeField(null=True, blank=True)
    content_erased_at = models.DateTimeField(null=True, blank=True)

    objects = StorySubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        permissions = [("view_private_details", "Can see storytellers' private details")]

    def __str__(self) -> str:
        return f"Story submission {self.pk}"

    @cached_property
    def consents(self) -> list[dict]:
        """Each consent with its stored wording and whether it was given, for moderators."""
        given = {
            consent.PUBLISH: self.consent_publish,
            consent.CAMPAIGN: self.consent_campaign_use,
            consent.AGE: self.consent_age,
            consent.OWN_STORY: self.consent_own_story,
        }
        return [
            {"key": key, "given": value, "wording": self.consent_wording.get(key, consent.WORDING[key])}
            for key, value in given.items()
        ]

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@register_setting(icon="openquote")
class StorySettings(BaseSiteSetting):
    """Site-wide values for stories: signposting, crisis numbers, safeguarding and retention."""

    support_heading = models.CharField(max_length=120, default="Looking for support?")
    support_text = models.TextField(
        default="Social prescribing is available across the UK. Ask at your GP practice to speak to a "
        "social prescribing link worker, or contact your local council or Citizens Advice to find "
        "community support near you.",
        help_text="Where to find social prescribing support. Shown on every story.",
    )
    crisis_text = models.TextField(
        default="If you are struggling or feel unsafe, you are not alone. Call Samaritans free on "
        "116 123, any time, day or night. For urgent medical help call NHS 111. In an emergency, "
        "call 999.",
        help_text="Crisis numbers shown on every story and after sharing one.",
    )
    safeguarding_guidance = RichTextField(
        default="<p>A story mentions possible risk of harm. Do not publish it until this is resolved.</p>"
        "<ol><li>Read the whole story carefully. If someone may be at immediate risk and you can "
        "identify them, call 999.</li><li>Tell the safeguarding lead the same day, with the admin "
        "link to this story (not a copy of its text).</li><li>If the storyteller left an email, the "
        "safeguarding lead decides whether and how to reply, including signposting to Samaritans "
        "(116 123).</li><li>Redact or reject: never publish details that could identify a person at "
        "risk.</li></ol>",
        help_text="Shown to moderators when a story is flagged for possible risk of harm.",
    )
    published_contact_retention_days = models.PositiveIntegerField(
        default=365,
        help_text="Days after publication before a storyteller's contact email is erased.",
    )
    rejected_retention_days = models.PositiveIntegerField(
        default=30,
        help_text="Days after rejection before a rejected story and its contact email are erased.",
    )
    campaign_materials_note = models.TextField(
        blank=True,
        help_text="Optional note shown on the share form about how stories are used in campaigns.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("support_heading"), FieldPanel("support_text"), FieldPanel("crisis_text")],
                        "Signposting on every story"),
        FieldPanel("safeguarding_guidance"),
        MultiFieldPanel(
            [FieldPanel("published_contact_retention_days"), FieldPanel("rejected_retention_days")],
            "Keeping personal data",
        ),
        FieldPanel("campaign_materials_note"),
    ]

    class Meta:
        verbose_name = "Story settings"

