"""Demo reach data: a synthetic but realistic Day across networks for recent editions.

Everything here is flagged as demo (the edition's tracking says ``data_source=demo``, the
page shows a demo label) and is never mixed with real posts: an edition that already holds
real posts is left alone, and real tracking refuses to write into demo data until an
editor clears it (``manage.py track_hashtags --clear-demo YEAR``). Posts go through the same
``store_posts`` as real ones, so the aggregates are built exactly as in production.
Running it twice creates nothing new: ids and values come from a seeded generator.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from campaign.editions.models import EditionPage

from .models import (
    BLUESKY,
    DEMO,
    FACEBOOK,
    INSTAGRAM,
    LINKEDIN,
    MASTODON,
    ApprovedAccount,
    HourlyStat,
    ManualFigure,
    Post,
    Tracking,
    X,
    normalise_handle,
)
from .records import AuthorRecord, PostRecord
from .store import store_posts

# Posts per edition (all networks) and, for the upcoming one, the 'so far' period.
SIZES = {2024: 1600, 2025: 2300, 2026: 3100}
SO_FAR = {2027: (date(2026, 11, 9), date(2026, 11, 21), 260)}
SHARE = [(X, 0.5), (BLUESKY, 0.32), (MASTODON, 0.18)]
LOCATIONS = [
    ("London", 14), ("Manchester, England", 6), ("Leeds", 4), ("Glasgow, Scotland", 4), ("Cardiff, Wales", 3),
    ("Belfast", 2), ("Bristol, UK", 4), ("Yorkshire", 3), ("Cornwall", 2), ("Dublin, Ireland", 3),
    ("Toronto, Canada", 2), ("Melbourne, Australia", 2), ("Auckland", 1), ("Amsterdam", 1), ("Lisbon", 1),
    ("New York", 1), ("Singapore", 1), ("Cape Town", 1), ("", 30), ("Earth", 3), ("she/her", 2),
]
LANGS = [("en", 88), ("cy", 3), ("ga", 1), ("fr", 2), ("nl", 2), ("pt", 1), ("es", 1), ("de", 2)]
ROLES = ["linkworker", "gp_practice", "community_cafe", "walking_group", "arts_on_prescription", "pcn",
         "charity", "library", "garden_project", "men_shed", "volunteer", "council"]
PHRASES = [
    "Thank you to every link worker who listens first. {tag}",
    "Our walking group welcomed six new people this month through social prescribing. {tag}",
    "Today we celebrate the community groups that make social prescribing work. {tag}",
    "A cuppa, a chat and a garden to grow in: this is what social prescribing looks like. {tag}",
    "Join our open day and meet the link workers in your area. {tag}",
    "New report out today on social prescribing and loneliness. {tag}",
    "From referral to belonging: one person's story. {tag}",
    "Proud to be part of a network that connects people with their communities. {tag}",
]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _hour_weight(offset_hours: float) -> float:
    """Relative volume by hours from the start of the Day: a build-up, a daytime peak, a tail."""
    days = offset_hours / 24
    if days < 0:
        base = 0.15 + 0.85 * math.exp(days / 3)
    elif days < 1:
        base = 6.0
    else:
        base = 2.0 * math.exp(-(days - 1) / 1.5) + 0.1
    hour = offset_hours % 24
    daytime = 0.25 + math.exp(-((hour - 12.5) ** 2) / 18)
    return base * daytime


def _times(rng: random.Random, start: datetime, end: datetime, count: int, day_start: datetime) -> list[datetime]:
    hours = int((end - start).total_seconds() // 3600)
    weights = [_hour_weight((start + timedelta(hours=h) - day_start).total_seconds() / 3600) for h in range(hours)]
    picks = rng.choices(range(hours), weights=weights, k=count)
    return sorted(start + timedelta(hours=h, seconds=rng.randrange(3600)) for h in picks)


def _authors(rng: random.Random, year: int, network: str, count: int) -> list[AuthorRecord]:
    authors = []
    for i in range(count):
        role = rng.choice(ROLES)
        followers = int(rng.lognormvariate(6.2, 1.4))
        if network == X:
            handle, ext = f"@demo_{role}_{i}", f"demo-x-user-{year}-{i}"
        elif network == MASTODON:
            handle = f"@demo_{role}_{year}_{i}@mastodon.example"
            ext = f"https://mastodon.example/@demo_{role}_{year}_{i}"
        else:
            handle = f"@demo-{role.replace('_', '-')}-{year}-{i}.bsky.example"
            ext = f"did:plc:demo{year}{i:05d}"
        authors.append(AuthorRecord(
            network=network, external_id=ext, handle=handle, display_name=f"Demo {role.replace('_', ' ')} {i}",
            followers=followers, location=_weighted(rng, LOCATIONS) if network == X else "",
        ))
    return authors


def _posts(rng: random.Random, year: int, network: str, moments: list[datetime], authors, tags) -> list[PostRecord]:
    posts = []
    weights = [1 / (i + 1) ** 0.8 for i in range(len(authors))]  # a few accounts post a lot
    for i, moment in enumerate(moments):
        author = rng.choices(authors, weights=weights)[0]
        if network == X:
            kind = _weighted(rng, [(Post.ORIGINAL, 55), (Post.REPOST, 25), (Post.REPLY, 12), (Post.QUOTE, 8)])
        else:
            kind = _weighted(rng, [(Post.ORIGINAL, 78), (Post.REPLY, 16), (Post.QUOTE, 6)])
        scale = (author.followers or 10) ** 0.5 / 4
        reposted = kind == Post.REPOST
        likes = 0 if reposted else int(rng.expovariate(1 / max(scale, 1)))
        shares = 0 if reposted else int(likes * rng.uniform(0.1, 0.45))
        comments = 0 if reposted else int(likes * rng.uniform(0.02, 0.15))
        quotations = 0 if reposted else int(shares * rng.uniform(0, 0.2))
        impressions = None
        if network == X and not reposted:
            impressions = int((author.followers or 0) * rng.uniform(0.02, 0.12) + likes * rng.uniform(20, 60))
        posts.append(PostRecord(
            network=network, external_id=f"demo-{year}-{network}-{i}", author_id=author.external_id,
            created_at=moment, url="", text=rng.choice(PHRASES).format(tag=rng.choice(tags)), kind=kind,
            lang=_weighted(rng, LANGS), likes=likes, shares=shares, comments=comments, quotations=quotations,
            impressions=impressions,
        ))
    return posts


def load_edition(edition: EditionPage, stdout=None) -> bool:
    """Fill one edition with demo data; False when it already has data (demo or real)."""
    tracking, _ = Tracking.objects.get_or_create(edition=edition)
    if HourlyStat.objects.filter(edition=edition).exists():
        return False
    if tracking.data_source != DEMO:
        if Post.objects.filter(edition=edition).exists():
            return False
        tracking.data_source = DEMO
    rng = random.Random(f"reach-demo-{edition.year}")
    tz = timezone.get_default_timezone()
    day_start = datetime.combine(edition.day, time.min, tzinfo=tz).astimezone(UTC)
    if edition.year in SO_FAR:
        first, last, total = SO_FAR[edition.year]
        start = datetime.combine(first, time.min, tzinfo=tz).astimezone(UTC)
        end = datetime.combine(last, time(18), tzinfo=tz).astimezone(UTC)
        tracking.starts_at = start
        tracking.save()
        moments_all = sorted(start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))
                             for _ in range(total))
    else:
        tracking.save()
        start, end = tracking.window()
        total = SIZES[edition.year]
        moments_all = _times(rng, start, end, total, day_start)
    tags = tracking.hashtag_list or ["#SocialPrescribingDay"]
    split = iter(rng.choices([n for n, _ in SHARE], weights=[w for _, w in SHARE], k=len(moments_all)))
    by_network: dict[str, list[datetime]] = {n: [] for n, _ in SHARE}
    for moment in moments_all:
        by_network[next(split)].append(moment)
    for network, moments in by_network.items():
        authors = _authors(rng, edition.year, network, max(5, int(len(moments) * 0.45)))
        posts = _posts(rng, edition.year, network, moments, authors, tags)
        for i in range(0, len(posts), 500):
            store_posts(tracking, network, posts[i : i + 500], authors, demo=True)
        # The wall shows approved accounts only: approve the busiest demo accounts so it has posts.
        for author in authors[:3]:
            ApprovedAccount.objects.get_or_create(
                network=network, handle=normalise_handle(author.handle), defaults={"note": "Demo account"}
            )
    if edition.year not in SO_FAR:
        _manual_figures(rng, edition, len(moments_all))
    if stdout is not None:
        stdout.write(f"Reach: demo data for {edition.year} ({len(moments_all)} posts).")
    return True


def _manual_figures(rng: random.Random, edition: EditionPage, api_posts: int) -> None:
    as_of = edition.day + timedelta(days=7)
    for network, share in ((LINKEDIN, 0.3), (INSTAGRAM, 0.12), (FACEBOOK, 0.08)):
        posts = int(api_posts * share)
        ManualFigure.objects.update_or_create(
            edition=edition, network=network, as_of=as_of,
            defaults={
                "posts": posts, "contributors": int(posts * 0.6), "reach": posts * rng.randint(900, 1600),
                "engagements": posts * rng.randint(12, 30), "impressions": posts * rng.randint(400, 900),
                "source": "Demo figures (illustrative)", "is_demo": True,
            },
        )


def load(stdout) -> None:
    years = set(SIZES) | set(SO_FAR)
    for edition in EditionPage.objects.filter(year__in=years, day__isnull=False).order_by("year"):
        load_edition(edition, stdout)
