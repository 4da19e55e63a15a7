"""Counts per round for staff: how many started and sent. Never anything per response."""

from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import Draft, SurveyResponse, SurveyRound
from ..rounds.setup import drafts_in_progress
from .safeguarding_queue import outstanding_by_round


def rounds_with_counts() -> list[dict]:
    sent = dict(db.session.execute(
        select(SurveyResponse.round_id, func.count()).group_by(SurveyResponse.round_id)
    ).all())
    in_progress = dict(db.session.execute(
        select(Draft.round_id, func.count()).group_by(Draft.round_id)
    ).all())
    flags = outstanding_by_round()
    return [
        {
            "round": survey_round,
            "sent": sent.get(survey_round.id, 0),
            "in_progress": in_progress.get(survey_round.id, 0),
            "flags": flags.get(survey_round.id, 0),
        }
        for survey_round in db.session.scalars(select(SurveyRound).order_by(SurveyRound.id.desc()))
    ]


def counts_for_round(survey_round: SurveyRound) -> dict:
    """The same three counts as rounds_with_counts, for one round; drafts only while they can still be sent."""
    sent = db.session.scalar(select(func.count()).select_from(SurveyResponse)
                             .where(SurveyResponse.round_id == survey_round.id))
    return {
        "round": survey_round,
        "sent": sent or 0,
        "in_progress": drafts_in_progress(survey_round),
        "flags": outstanding_by_round().get(survey_round.id, 0),
    }
