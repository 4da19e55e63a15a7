"""Counts per round for staff: how many started and sent. Never anything per response."""

from __future__ import annotations

from sqlalchemy import func, select

from ..clock import utc_now
from ..extensions import db
from ..models import Answer, Draft, SurveyResponse, SurveyRound
from ..questionnaire.schema import CARE_STATUS_QUESTION
from ..safeguarding.queue import outstanding_by_round
from .operations import questionnaire_of
from .response_rate import RateRow, rate_rows


def _counts(rounds: list[SurveyRound]) -> list[dict]:
    """Sent responses, drafts that can still be sent, and outstanding flags, per round."""
    ids = [survey_round.id for survey_round in rounds]
    sent = dict(db.session.execute(
        select(SurveyResponse.round_id, func.count()).where(SurveyResponse.round_id.in_(ids))
        .group_by(SurveyResponse.round_id)
    ).all())
    in_progress = dict(db.session.execute(
        select(Draft.round_id, func.count()).where(Draft.round_id.in_(ids), Draft.expires_at > utc_now())
        .group_by(Draft.round_id)
    ).all())
    flags = outstanding_by_round()
    return [
        {
            "round": survey_round,
            "sent": sent.get(survey_round.id, 0),
            "in_progress": in_progress.get(survey_round.id, 0),
            "flags": flags.get(survey_round.id, 0),
        }
        for survey_round in rounds
    ]


def rounds_with_counts() -> list[dict]:
    return _counts(list(db.session.scalars(select(SurveyRound).order_by(SurveyRound.id.desc()))))


def counts_for_round(survey_round: SurveyRound) -> dict:
    return _counts([survey_round])[0]


def response_rate_of(survey_round: SurveyRound, sent: int) -> list[RateRow]:
    """The round's response rate for staff (exact numbers), for everyone and each group, or why not."""
    care_status = dict(db.session.execute(
        select(Answer.choice, func.count()).where(
            Answer.round_id == survey_round.id, Answer.question_id == CARE_STATUS_QUESTION,
            Answer.skipped.is_(False), Answer.choice.is_not(None))
        .group_by(Answer.choice)
    ).all())
    return rate_rows(survey_round.audience, questionnaire_of(survey_round),
                     [(cohort.group, cohort.expected) for cohort in survey_round.cohorts], care_status, sent)
