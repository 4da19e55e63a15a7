"""Random identifiers: nothing a young person touches gets a sequential id that would reveal order."""

import secrets
import uuid


def random_id() -> str:
    return uuid.uuid4().hex


def draft_token() -> str:
    return secrets.token_urlsafe(32)


def round_slug() -> str:
    return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y")


def review_token() -> str:
    """A young reviewer's link: 160 random bits, shown once; only its hash is kept."""
    return secrets.token_urlsafe(20)
