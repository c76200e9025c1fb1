"""What the hashtag tracker stores: settings per edition, posts, authors, cursors, runs and aggregates.

Only public data is kept: public post text, handles, display names, follower counts, the
public profile location (to resolve a country) and public metrics. Nothing from a
network's private fields (e.g. X's non_public_metrics) is requested or stored.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel

X = "x"
MASTODON = "mastodon"
BLUESKY = "bluesky"
LINKEDIN = "linkedin"
INSTAGRAM = "instagram"
FACEBOOK = "facebook"

API_NETWORKS = [(X, "X"), (MASTODON, "Mastodon"), (BLUESKY, "Bluesky")]
MANUAL_NETWORKS = [(LINKEDIN, "LinkedIn"), (INSTAGRAM, "Instagram"), (FACEBOOK, "Facebook")]
NETWORK_CHOICES = API_NETWORKS + MANUAL_NETWORKS
NETWORK_LABELS = dict(NETWORK_CHOICES)

REAL = "real"
DEMO = "demo"

DEFAULT_DAYS_BEFORE = 14
DEFAULT_DAYS_AFTER = 7


class Tracking(models.Model):
    """How one edition's hashtags are tracked: tags, window, networks switched on, last errors."""

    edition = models.OneToOneField(
        "campaign.EditionPage", on_delete=models.CASCADE, related_name="reach_tracking"
    )
    hashtags = models.CharField(
        max_length=300,
        blank=True,
        help_text="Separated by spaces, case does not matter. Leave empty to use the edition's hashtags.",
    )
    starts_at = models.DateTimeField(
        "tracking starts", null=True, blank=True,
        help_text=f"Leave empty for {DEFAULT_DAYS_BEFORE} days before the Day.",
    )
    ends_at = models.DateTimeField(
        "tracking ends", null=True, blank=True,
        help_text=f"Leave empty for {DEFAULT_DAYS_AFTER} days after the Day (end of that day).",
    )
    x_enabled = models.BooleanField("track X", default=True)
    mastodon_enabled = models.BooleanField("track Mastodon", default=True)
    bluesky_enabled = models.BooleanField("track Bluesky", default=True)
    x_error = models.TextField("last X error", blank=True)
    mastodon_error = models.TextField("last Mastodon error", blank=True)
    bluesky_error = models.TextField("last Bluesky error", blank=True)
    mastodon_servers_off = models.TextField(
        "Mastodon servers switched off", blank=True,
        help_text="One 'server: reason' per line, added when a server refuses to show its tag timeline "
                  "(401/403: it may require sign-in). Delete a line to try that server again.",
    )
    data_source = models.CharField(
        max_length=10,
        choices=[(REAL, "Real posts from the networks"), (DEMO, "Demo data (synthetic)")],
        default=REAL,
        help_text="Demo data is never mixed with real posts: clear it before tracking for real.",
    )
    last_stored_at = models.DateTimeField(null=True, blank=True, editable=False)
    UNTIL_WINDOW_CLOSES, MOVE_ON, KEEP = "window", "move_on", "keep"
    after_the_day = models.CharField(
        "after the Day", max_length=10, default=UNTIL_WINDOW_CLOSES,
        choices=[
            (UNTIL_WINDOW_CLOSES, "Keep /stats/ on this Day until its tracking window closes"),
            (MOVE_ON, "Move /stats/ to the next edition the day after the Day"),
            (KEEP, "Keep /stats/ on this Day until an editor changes this"),
        ],
        help_text="What /stats/ shows once next year's edition exists: this Day, with a thank you "
                  "and the next date, or the next edition.",
    )

    WALL_APPROVED, WALL_ALL, WALL_FIGURES = "approved", "all", "figures"
    wall_mode = models.CharField(
        "posts on the live wall", max_length=10, default=WALL_APPROVED,
        choices=[
            (WALL_APPROVED, "Only posts from accounts editors have approved"),
            (WALL_ALL, "Any post, except those and the accounts editors have hidden"),
            (WALL_FIGURES, "No posts: figures only"),
        ],
        help_text="The wall at /stats/wall/ is shown on screens at events. Posts marked sensitive or behind a "
                  "content warning are never shown, whatever this says.",
    )

    panels = [
        FieldPanel("edition"),
        MultiFieldPanel(
            [
                FieldPanel("hashtags"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            ],
            "What and when",
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    "A network switches itself off when it refuses our credentials (401/403); "
                    "fix the credentials, then switch it on again."
                ),
                FieldRowPanel([FieldPanel("x_enabled"), FieldPanel("mastodon_enabled"), FieldPanel("bluesky_enabled")]),
                FieldPanel("x_error", read_only=True),
                FieldPanel("mastodon_error", read_only=True),
                FieldPanel("bluesky_error", read_only=True),
                FieldPanel("mastodon_servers_off"),
            ],
            "Networks",
        ),
        FieldPanel("after_the_day"),
        FieldPanel("wall_mode"),
        FieldPanel("data_source", read_only=True),
    ]

    class Meta:
        verbose_name = "hashtag tracking"
        verbose_name_plural = "hashtag tracking"

    def __str__(self) -> str:
        return f"Tracking for {self.edition.title}"

    def clean(self):
        if self.starts_at and self.ends_at and self.starts_at >= self.ends_at:
            raise ValidationError({"ends_at": "Tracking must end after it starts."})

    @property
    def is_demo(self) -> bool:
        return self.data_source == DEMO

    @property
    def hashtag_list(self) -> list[str]:
        """Tracked tags, '#'-prefixed, de-duplicated case-insensitively, the main one first."""
        source = self.hashtags or self.edition.hashtags
        tags: list[str] = []
        for raw in source.replace(",", " ").split():
            tag = "#" + raw.lstrip("#")
            if len(tag) > 1 and tag.lower() not in {t.lower() for t in tags}:
                tags.append(tag)
        return tags

    def window(self) -> tuple[datetime | None, datetime | None]:
        """The tracking window: explicit values, else 14 days before to 7 days after the Day."""
        start, end = self.starts_at, self.ends_at
        day = self.edition.day
        tz = timezone.get_default_timezone()
        if start is None and day is not None:
            start = datetime.combine(day - timedelta(days=DEFAULT_DAYS_BEFORE), time.min, tzinfo=tz)
        if end is None and day is not None:
            end = datetime.combine(day + timedelta(days=DEFAULT_DAYS_AFTER + 1), time.min, tzinfo=tz)
        return start, end

    def is_enabled(self, network: str) -> bool:
        return bool(getattr(self, f"{network}_enabled", False))

    def error_for(self, network: str) -> str:
        return getattr(self, f"{network}_error", "")

    def servers_off(self) -> dict[str, str]:
        """Mastodon servers switched off for this edition, with the reason each was."""
        off = {}
        for line in self.mastodon_servers_off.splitlines():
            server, _, reason = line.partition(":")
            if server.strip():
                off[server.strip().lower()] = reason.strip()
        return off

    def network_status(self) -> str:
        parts = []
        for code, label in API_NETWORKS:
            if self.error_for(code) and not self.is_enabled(code):
                parts.append(f"{label}: off ({self.error_for(code)[:80]})")
            else:
                parts.append(f"{label}: {'on' if self.is_enabled(code) else 'off'}")
        return "; ".join(parts)

    network_status.short_description = "networks"  # type: ignore[attr-defined]


class Author(models.Model):
    """A public account that posted with a tracked hashtag, as last seen."""

    network = models.CharField(max_length=12, choices=API_NETWORKS)
    external_id = models.CharField(max_length=300)
    handle = models.CharField(max_length=300)
    display_name = models.CharField(max_length=300, blank=True)
    profile_url = models.URLField(max_length=500, blank=True)
    followers = models.PositiveBigIntegerField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True, help_text="Public profile location, as written.")
    country = models.CharField(max_length=2, blank=True)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "external_id"], name="reach_author_key")]

    def __str__(self) -> str:
        return f"{self.handle} ({NETWORK_LABELS.get(self.network, self.network)})"


class Post(models.Model):
    """A public post with a tracked hashtag, keyed by (network, its id), metrics as last seen."""

    ORIGINAL, REPOST, REPLY, QUOTE = "original", "repost", "reply", "quote"
    KINDS = [(ORIGINAL, "original"), (REPOST, "repost"), (REPLY, "reply"), (QUOTE, "quote")]

    network = models.CharField(max_length=12, choices=API_NETWORKS)
    external_id = models.CharField(max_length=300)
    # Indexed as the first column of the constraints and indexes below; a second index on it
    # alone would only slow every page stored.
    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+", db_index=False)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="posts")
    url = models.URLField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField()
    hour = models.DateTimeField(help_text="created_at truncated to the hour (UTC).")
    kind = models.CharField(max_length=10, choices=KINDS, default=ORIGINAL)
    lang = models.CharField(max_length=12, blank=True)
    country = models.CharField(max_length=2, blank=True)
    likes = models.PositiveBigIntegerField(default=0)
    shares = models.PositiveBigIntegerField(default=0)
    comments = models.PositiveBigIntegerField(default=0)
    quotations = models.PositiveBigIntegerField(default=0)
    engagements = models.PositiveBigIntegerField(default=0)
    impressions = models.PositiveBigIntegerField(null=True, blank=True)
    sensitive = models.BooleanField(
        default=False, help_text="Marked sensitive or behind a content warning: never shown on the wall or embed."
    )
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "external_id"], name="reach_post_key")]
        # The order of the top posts, ties included, so the ten are read straight off the index.
        indexes = [models.Index(fields=["edition", "-engagements", "-id"], name="reach_post_top")]

    def __str__(self) -> str:
        return f"{self.network}:{self.external_id}"


class Contributor(models.Model):
    """An author's part in one edition: counted once, at the hour of their earliest post."""

    # Indexed as the first column of the constraints and indexes below; a second index on it
    # alone would only slow every page stored.
    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+", db_index=False)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=12, choices=API_NETWORKS)
    first_hour = models.DateTimeField()
    followers_counted = models.PositiveBigIntegerField(default=0)
    posts = models.PositiveIntegerField(default=0)
    engagements = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "author"], name="reach_contributor_key")]
        indexes = [models.Index(fields=["edition", "-engagements", "-id"], name="reach_contributor_top")]

    def __str__(self) -> str:
        return f"contributor {self.author_id} to edition {self.edition_id}"


class HourlyStat(models.Model):
    """Per edition, network and hour: kept up to date as posts are stored, never rescanned."""

    # Indexed as the first column of the constraints and indexes below; a second index on it
    # alone would only slow every page stored.
    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+", db_index=False)
    network = models.CharField(max_length=12, choices=API_NETWORKS)
    hour = models.DateTimeField()
    posts = models.PositiveIntegerField(default=0)
    originals = models.PositiveIntegerField(default=0)
    reposts = models.PositiveIntegerField(default=0)
    replies = models.PositiveIntegerField(default=0)
    quotes = models.PositiveIntegerField(default=0)
    likes = models.BigIntegerField(default=0)
    shares = models.BigIntegerField(default=0)
    comments = models.BigIntegerField(default=0)
    quotations = models.BigIntegerField(default=0)
    new_contributors = models.IntegerField(default=0)
    reach = models.BigIntegerField(default=0, help_text="Followers of the contributors first counted in this hour.")
    impressions = models.BigIntegerField(default=0)
    impression_posts = models.IntegerField(default=0, help_text="Posts whose impressions the network gives.")

    COUNTERS = [
        "posts", "originals", "reposts", "replies", "quotes", "likes", "shares", "comments",
        "quotations", "new_contributors", "reach", "impressions", "impression_posts",
    ]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "network", "hour"], name="reach_hourly_key")]

    def __str__(self) -> str:
        return f"{self.network} {self.hour:%Y-%m-%d %H:00}"


class Facet(models.Model):
    """Countries and languages seen per edition and network, with their post counts."""

    COUNTRY, LANGUAGE = "country", "lang"
    # Indexed as the first column of the constraints and indexes below; a second index on it
    # alone would only slow every page stored.
    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+", db_index=False)
    network = models.CharField(max_length=12, choices=API_NETWORKS)
    kind = models.CharField(max_length=8, choices=[(COUNTRY, "country"), (LANGUAGE, "language")])
    value = models.CharField(max_length=12)
    posts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "network", "kind", "value"], name="reach_facet_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"


class NetworkVolume(models.Model):
    """Posts per hour as the network counts them (X's counts endpoint), including posts not read."""

    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=12, choices=API_NETWORKS)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "network", "hour"], name="reach_volume_key")]

    def __str__(self) -> str:
        return f"{self.network} {self.hour:%Y-%m-%d %H:00}: {self.count}"


class Cursor(models.Model):
    """Where to resume, per (edition, network, server, hashtag); saved with the posts it covers."""

    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=12, choices=API_NETWORKS)
    server = models.CharField(max_length=200, blank=True)
    hashtag = models.CharField(max_length=300, blank=True)
    state = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "network", "server", "hashtag"], name="reach_cursor_key")
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.server} {self.hashtag}".strip()


class IngestRun(models.Model):
    """One pass over one network for one edition, with its outcome, for the admin."""

    OK, PARTIAL, FAILED, DISABLED, SKIPPED = "ok", "partial", "failed", "disabled", "skipped"
    RUNNING = "running"
    STATUSES = [
        (RUNNING, "running, or killed before it finished"), (OK, "finished"), (PARTIAL, "stopped early"), (FAILED, "failed"),
        (DISABLED, "network switched off"), (SKIPPED, "skipped"),
    ]

    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=12, choices=API_NETWORKS)
    started_at = models.DateTimeField(default=timezone.now)
    duration = models.FloatField("duration (s)", default=0)
    status = models.CharField(max_length=10, choices=STATUSES, default=OK)
    posts_read = models.PositiveIntegerField(default=0)
    posts_new = models.PositiveIntegerField(default=0)
    posts_updated = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    messages = models.TextField(blank=True)
    backfill = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["network", "started_at"], name="reach_run_budget")]

    def __str__(self) -> str:
        return f"{NETWORK_LABELS.get(self.network)} run at {self.started_at:%Y-%m-%d %H:%M}"


class ManualFigure(models.Model):
    """Dated totals editors enter for networks without an API the site can use."""

    edition = models.ForeignKey("campaign.EditionPage", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=12, choices=MANUAL_NETWORKS)
    as_of = models.DateField("totals as of", help_text="The latest entry per network counts.")
    posts = models.PositiveIntegerField(null=True, blank=True)
    contributors = models.PositiveIntegerField(null=True, blank=True)
    reach = models.PositiveBigIntegerField("potential reach", null=True, blank=True)
    engagements = models.PositiveBigIntegerField(null=True, blank=True)
    impressions = models.PositiveBigIntegerField(null=True, blank=True)
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the figures come from, e.g. 'LinkedIn page analytics'."
    )
    is_demo = models.BooleanField(default=False, editable=False)
    entered_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("network"), FieldPanel("as_of")]),
        FieldRowPanel([FieldPanel("posts"), FieldPanel("contributors"), FieldPanel("reach")]),
        FieldRowPanel([FieldPanel("engagements"), FieldPanel("impressions")]),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = "figure entered by hand"
        verbose_name_plural = "figures entered by hand"
        ordering = ["-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "network", "as_of"], name="reach_manual_key")
        ]

    def __str__(self) -> str:
        return f"{NETWORK_LABELS.get(self.network)} {self.as_of} ({self.edition})"


def normalise_handle(handle: str) -> str:
    """'@Name@Server.social ' and 'name@server.social' are the same account: compare them lower-cased with one '@'."""
    return "@" + handle.strip().lstrip("@").lower()


class ScreenHide(models.Model):
    """A post or an account editors keep off every public screen: the live wall, top posts and
    top contributors on the stats pages and the results report."""

    POST, ACCOUNT = "post", "account"
    kind = models.CharField(max_length=10, choices=[(POST, "One post"), (ACCOUNT, "Every post of an account")])
    network = models.CharField(max_length=12, choices=API_NETWORKS)
    value = models.CharField(
        "post address or account handle", max_length=500,
        help_text="For a post, its address as shown on the stats page (e.g. https://x.com/name/status/123). "
                  "For an account, its handle (e.g. @name, or @name@server.social on Mastodon).",
    )
    reason = models.CharField(max_length=250, help_text="Why, for the other editors: e.g. 'names a service user'.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("network")]),
        FieldPanel("value"),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = "hidden post or account"
        verbose_name_plural = "hidden posts and accounts"
        constraints = [models.UniqueConstraint(fields=["kind", "network", "value"], name="reach_screen_hide_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.get_network_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.value = self.value.strip()
        if self.kind == self.ACCOUNT:
            self.value = normalise_handle(self.value)
        super().save(*args, **kwargs)


class ApprovedAccount(models.Model):
    """An account whose posts may appear on the live wall when it shows approved accounts only."""

    network = models.CharField(max_length=12, choices=API_NETWORKS)
    handle = models.CharField(max_length=300, help_text="E.g. @name, or @name@server.social on Mastodon.")
    note = models.CharField(max_length=250, blank=True, help_text="Who it is, e.g. 'our partner charity'.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldRowPanel([FieldPanel("network"), FieldPanel("handle")]), FieldPanel("note")]

    class Meta:
        verbose_name = "account approved for the wall"
        verbose_name_plural = "accounts approved for the wall"
        constraints = [models.UniqueConstraint(fields=["network", "handle"], name="reach_approved_account_unique")]

    def __str__(self) -> str:
        return f"{self.handle} on {self.get_network_display()}"

    def save(self, *args, **kwargs):
        self.handle = normalise_handle(self.handle)
        super().save(*args, **kwargs)
