"""Random identifiers: nothing a young person touches gets a sequential id that would reveal order."""

import math
import secrets
import uuid

# Round links are typed from printed cards and posters, so their codes leave out every character that
# looks like another: 0/o, 1/l/i/j, 2/z, 5/s, 6/b/8, 9/g/q, u/v, and m (read as "rn"). Lowercase only.
LINK_ALPHABET = "acdefhknprtwxy347"
LINK_LENGTH = 10
# 17 ** 10 is about 2.0e12 (40.9 bits). A round link is the only key to a round without an access code, so
# it must not be guessable: with 100 rounds open at once, someone trying 100 links a second would need
# about 2.0e12 / 100 / 100 s, over six years, to find one on average (and the tries show in the logs).
LINK_BITS = LINK_LENGTH * math.log2(len(LINK_ALPHABET))


def random_id() -> str:
    return uuid.uuid4().hex


def draft_token() -> str:
    return secrets.token_urlsafe(32)


def round_slug() -> str:
    """A new round's link code. Older rounds keep the codes they were given (letters, digits of any case)."""
    return "".join(secrets.choice(LINK_ALPHABET) for _ in range(LINK_LENGTH))


def review_token() -> str:
    """A young reviewer's link: 160 random bits, shown once; only its hash is kept."""
    return secrets.token_urlsafe(20)
