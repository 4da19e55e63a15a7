"""The index of published "You said, we did" pages (the home page and /you-said-we-did): each round whose
report is published, newest publication first. Titles, dates and links only: no figures, so nothing small
can be read from it, and nothing unpublished."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import RoundReport, SurveyRound


@dataclass(frozen=True)
class PublishedPage:
    slug: str
    title: str
    published_on: dt.date | None


def published_pages() -> list[PublishedPage]:
    """Newest first; a page published without a date (only made by hand) after every dated one."""
    rows = db.session.execute(
        select(SurveyRound.slug, SurveyRound.title, RoundReport.published_on)
        .join(RoundReport, RoundReport.round_id == SurveyRound.id)
        .where(RoundReport.published.is_(True))
        .order_by(RoundReport.published_on.desc().nulls_last(), SurveyRound.id.desc())
    ).all()
    return [PublishedPage(slug, title, published_on) for slug, title, published_on in rows]
