"""Dates in words, in the page's language: "20 November 2026", "20 Tachwedd 2026". Shared by the rounds'
states and the reports (kept here so neither package has to import the other)."""

from __future__ import annotations

import datetime as dt

from babel.dates import get_month_names
from flask_babel import get_locale


def as_date(value) -> dt.date | None:
    """A date, or an ISO date string, or anything else (None)."""
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def month_name(day: dt.date) -> str:
    """The month's name in the page's language ("November", "Tachwedd", "نوفمبر"); English outside a request."""
    locale = get_locale()
    return get_month_names("wide", locale=locale)[day.month] if locale else f"{day:%B}"


def date_words(value) -> str:
    """"2026-11-20" -> "20 November 2026" (the month in the page's language, the digits as they are);
    "" when there is no date."""
    day = as_date(value)
    return f"{day.day} {month_name(day)} {day.year}" if day else ""
