"""How many responses each round has, online and on paper. Never anything about one response."""

from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import SurveyResponse, SurveyRound
from ..models.statuses import Channel


def by_channel(survey_round: SurveyRound) -> dict[str, int]:
    rows = db.session.execute(
        select(SurveyResponse.channel, func.count()).where(SurveyResponse.round_id == survey_round.id)
        .group_by(SurveyResponse.channel)
    ).all()
    return {Channel.ONLINE: 0, Channel.PAPER: 0, **dict(rows)}


def rounds_with_paper_counts() -> list[tuple[SurveyRound, int]]:
    paper = dict(db.session.execute(
        select(SurveyResponse.round_id, func.count()).where(SurveyResponse.channel == Channel.PAPER)
        .group_by(SurveyResponse.round_id)
    ).all())
    rounds = db.session.scalars(select(SurveyRound).order_by(SurveyRound.id.desc()))
    return [(survey_round, paper.get(survey_round.id, 0)) for survey_round in rounds]

