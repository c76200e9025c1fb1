"""Private management links: signed, unguessable and revocable, with no account needed.

A link carries the record's id and a random secret stored on the record, signed with the
site's key and a purpose-specific salt. Tampered, expired or revoked links are refused.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from campaign.site_address import absolute_url


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def make_token(purpose: str, pk: int, secret: str) -> str:
    return signing.dumps({"id": pk, "s": secret}, salt=f"spd.{purpose}", compress=True)


def read_token(purpose: str, token: str, max_age: int | None = None) -> tuple[int, str] | None:
    """The (id, secret) a valid token names, or None when it is tampered, expired or malformed.

    ``max_age`` is in seconds; None means the token itself never expires (revoke it by
    erasing the record's secret).
    """
    try:
        payload = signing.loads(token, salt=f"spd.{purpose}", max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int) or not isinstance(payload.get("s"), str):
        return None
    return payload["id"], payload["s"]


def secret_matches(stored: str, given: str) -> bool:
    return bool(stored) and constant_time_compare(stored, given)


@dataclass(frozen=True)
class PrivateLink:
    """The private link of one kind of submission record.

    ``secret_field`` names the record's field holding its secret: erasing that field revokes
    every link to the record. ``max_age_setting`` names the setting that limits a link's age;
    None makes links last as long as the record keeps its secret (a storyteller's control over
    a published story must not lapse while the story is up).
    """

    purpose: str
    url_name: str
    secret_field: str
    max_age_setting: str | None = "PRIVATE_LINK_MAX_AGE"

    def max_age(self) -> int | None:
        return getattr(settings, self.max_age_setting) if self.max_age_setting else None

    def token(self, record: models.Model) -> str:
        return make_token(self.purpose, record.pk, getattr(record, self.secret_field))

    def path(self, record: models.Model) -> str:
        return reverse(self.url_name, kwargs={"token": self.token(record)})

    def url(self, record: models.Model) -> str:
        """The absolute link for emails: the public address is SITE_URL."""
        return absolute_url(self.path(record))

    def find(self, queryset: models.QuerySet, token: str) -> models.Model | None:
        """The record a link opens, or None for a wrong, expired, tampered or revoked link."""
        found = read_token(self.purpose, token, max_age=self.max_age())
        if found is None:
            return None
        pk, secret = found
        record = queryset.filter(pk=pk).first()
        if record is None or not secret_matches(getattr(record, self.secret_field), secret):
            return None
        return record
