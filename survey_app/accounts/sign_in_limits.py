"""Sign-in tries per (device, account), kept in the limiter's storage (Redis when several workers run).

A try is counted before the password is checked, in one atomic increment, so tries arriving at once
are all counted: Flask-Limiter's `deduct_when` tests first and counts after the response, which lets a
burst of parallel wrong passwords through. A right password forgets that device's tries for the account.
"""

from __future__ import annotations

import threading

from limits import RateLimitItemPerMinute

from ..extensions import hashed_client, limiter
from .operations import MAX_FAILURES, WINDOW_MINUTES, normalise_email

TRIES = RateLimitItemPerMinute(MAX_FAILURES, WINDOW_MINUTES)
_SCOPE = ("vic", "sign-in-tries")
# memory:// increments under a lock but reads the count back outside it, so two threads can both see the
# later count; Redis is atomic on its own. Held only for the increment.
_ONE_AT_A_TIME = threading.Lock()


def _key(email: str) -> str:
    return hashed_client(normalise_email(email))  # the email typed is hashed too: it may be a password


def take_a_try(email: str) -> bool:
    """Count a try at this account from this device; False once the device has had its MAX_FAILURES."""
    key = _key(email)
    with _ONE_AT_A_TIME:
        return limiter.limiter.hit(TRIES, *_SCOPE, key)


def forget_tries(email: str) -> None:
    limiter.limiter.clear(TRIES, *_SCOPE, _key(email))
