"""The codebook and hand coding as the database holds them, in the shapes `analysis.themes` takes."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from analysis.themes import MANUAL_COLUMNS, Codebook
from analysis.themes import Theme as CodebookTheme

from ..extensions import db
from ..models import ManualCoding, StrategyPriority, SurveyResponse, Theme


def codebook() -> Codebook:
    """The active themes, in the order they were added (the shipped codebook first)."""
    themes = db.session.scalars(select(Theme).where(Theme.active).order_by(Theme.id))
    priorities = tuple(db.session.scalars(select(StrategyPriority.code).order_by(StrategyPriority.position)))
    return Codebook(
        tuple(
            CodebookTheme(theme.code, theme.title, theme.priority_code,
                          tuple(word.strip() for word in theme.words.splitlines() if word.strip()))
            for theme in themes
        ),
        priorities=priorities,
    )


def manual_frame(round_id: int) -> pd.DataFrame:
    """``response_id, question_id, theme`` for every hand-coded answer of the round; an answer
    coded as "no theme" has one row with an empty theme."""
    rows = db.session.execute(
        select(ManualCoding.response_id, ManualCoding.question_id, ManualCoding.themes)
        .join(SurveyResponse, SurveyResponse.id == ManualCoding.response_id)
        .where(SurveyResponse.round_id == round_id)
    )
    records = [
        (response_id, question_id, theme)
        for response_id, question_id, themes in rows
        for theme in (themes.split() or [""])
    ]
    return pd.DataFrame(records, columns=MANUAL_COLUMNS)
