"""The one clock for exact times the app keeps: draft expiry, staff lockouts, the staff audit log, jobs.
Naive UTC, because that is what the DateTime columns hold. Never used for young people's responses.

Counters that reset every few minutes (wrong access codes and sends per round, wrong passwords per
account) count in numbered fixed windows: `window_number`."""

import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def window_number(moment: dt.datetime, minutes: int = 15) -> int:
    """The number of the fixed `minutes`-long window `moment` falls in (minutes since 1970 // minutes)."""
    return int(moment.timestamp() // (minutes * 60))
