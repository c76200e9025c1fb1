"""Records for tests of storing and aggregating, without any network payload."""

from datetime import UTC, datetime

from campaign.reach.records import AuthorRecord, PostRecord


def author(n: int, network: str = "x", followers: int | None = 100, location: str = "") -> AuthorRecord:
    return AuthorRecord(network=network, external_id=f"a{n}", handle=f"@user{n}", followers=followers,
                        location=location, profile_url=f"https://example.org/@user{n}")


def post(n: int, author_n: int, *, network: str = "x", hour: int = 10, kind: str = "original", likes: int = 0,
         shares: int = 0, comments: int = 0, quotations: int = 0, impressions=None, lang: str = "en",
         day: int = 12) -> PostRecord:
    return PostRecord(
        network=network, external_id=f"p{n}", author_id=f"a{author_n}",
        created_at=datetime(2027, 3, day, hour, n % 60, tzinfo=UTC), url=f"https://example.org/p{n}",
        text=f"post {n} #SocialPrescribingDay", kind=kind, lang=lang, likes=likes, shares=shares,
        comments=comments, quotations=quotations, impressions=impressions,
    )
