"""The one clock for exact times the app keeps: draft expiry, staff lockouts, the staff audit log.
Naive UTC, because that is what the DateTime columns hold. Never used for young people's responses."""

import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
