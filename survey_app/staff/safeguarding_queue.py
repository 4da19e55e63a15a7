"""The safeguarding lead's queue of flagged answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from ..extensions import db
from ..models import SafeguardingFlag, SurveyRound
from .accounts import audit

OUTCOMES = ("reviewed", "escalated", "no_action")


def outstanding_flags() -> list[tuple[SafeguardingFlag, SurveyRound]]:
    rows = db.session.execute(
        select(SafeguardingFlag, SurveyRound)
        .join(SurveyRound, SurveyRound.id == SafeguardingFlag.round_id)
        .where(SafeguardingFlag.status == "outstanding")
        .order_by(SafeguardingFlag.week_of, SafeguardingFlag.id)
    )
    return [(flag, survey_round) for flag, survey_round in rows]


def recently_reviewed(limit: int = 20) -> list[tuple[SafeguardingFlag, SurveyRound]]:
    rows = db.session.execute(
        select(SafeguardingFlag, SurveyRound)
        .join(SurveyRound, SurveyRound.id == SafeguardingFlag.round_id)
        .where(SafeguardingFlag.status != "outstanding")
        .order_by(SafeguardingFlag.reviewed_on.desc(), SafeguardingFlag.id)
        .limit(limit)
    )
    return [(flag, survey_round) for flag, survey_round in rows]


def outstanding_by_round() -> dict[int, int]:
    rows = db.session.execute(
        select(SafeguardingFlag.round_id, func.count())
        .where(SafeguardingFlag.status == "outstanding")
        .group_by(SafeguardingFlag.round_id)
    )
    return dict(rows.all())


def record_outcome(flag: SafeguardingFlag, outcome: str, note: str, actor: str, today: dt.date | None = None) -> None:
    if outcome not in OUTCOMES:
        raise ValueError(outcome)
    flag.status = outcome
    flag.outcome_note = note.strip() or None
    flag.reviewed_on = today or dt.date.today()
    audit(actor, "safeguarding flag recorded", f"flag {flag.id[:8]}: {outcome}")


def days_waiting(flag: SafeguardingFlag, today: dt.date | None = None) -> int:
    return ((today or dt.date.today()) - flag.week_of).days
