"""The shared access code of a round: one code for the whole group, never personal.

Only a hash is kept. Codes are compared without case, spaces or hyphens, so "sun 42" and "SUN-42"
are the same code; nothing is stored when a young person types it."""

from __future__ import annotations

import re

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 4
MAX_LENGTH = 20
_SEPARATORS = re.compile(r"[\s\-]+")
_ALLOWED = re.compile(r"[A-Z0-9]+")


def normalise_code(code: str | None) -> str:
    return _SEPARATORS.sub("", code or "").upper()


def code_problem(code: str) -> str | None:
    """Why a worker's new code can't be used, or None. `code` is already normalised."""
    if not _ALLOWED.fullmatch(code):
        return "The access code must only include letters and numbers"
    if len(code) < MIN_LENGTH:
        return f"The access code must be {MIN_LENGTH} characters or more"
    if len(code) > MAX_LENGTH:
        return f"The access code must be {MAX_LENGTH} characters or fewer"
    return None


def hash_code(code: str) -> str:
    return generate_password_hash(normalise_code(code))


def code_matches(code_hash: str | None, typed: str | None) -> bool:
    """True when the round has no code, or `typed` is its code."""
    if not code_hash:
        return True
    typed = normalise_code(typed)
    return bool(typed) and check_password_hash(code_hash, typed)
