"""Private management links: signed, unguessable and revocable, with no account needed.

A link carries the record's id and a random secret stored on the record, signed with the
site's key and a purpose-specific salt. Tampered, expired or revoked links are refused.
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare

DEFAULT_MAX_AGE = 400 * 24 * 3600


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def make_token(purpose: str, pk: int, secret: str) -> str:
    return signing.dumps({"id": pk, "s": secret}, salt=f"spd.{purpose}", compress=True)


def read_token(purpose: str, token: str, max_age: int = DEFAULT_MAX_AGE) -> tuple[int, str] | None:
    """The (id, secret) a valid token names, or None when it is tampered, expired or malformed."""
    try:
        payload = signing.loads(token, salt=f"spd.{purpose}", max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int) or not isinstance(payload.get("s"), str):
        return None
    return payload["id"], payload["s"]


def secret_matches(stored: str, given: str) -> bool:
    return bool(stored) and constant_time_compare(stored, given)
