"""The safeguarding lead's queue of flagged answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from analysis.redaction import person_kinds

from ..accounts.operations import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import SafeguardingFlag, SurveyRound
from ..models.statuses import FlagStatus

OUTCOMES = tuple(status for status in FlagStatus if status != FlagStatus.OUTSTANDING)


class NoteRefused(FormInvalid):
    pass


def outstanding_flags() -> list[tuple[SafeguardingFlag, SurveyRound]]:
    rows = db.session.execute(
        select(SafeguardingFlag, SurveyRound)
        .join(SurveyRound, SurveyRound.id == SafeguardingFlag.round_id)
        .where(SafeguardingFlag.status == FlagStatus.OUTSTANDING)
        .order_by(SafeguardingFlag.raised_on, SafeguardingFlag.id)
    )
    return [(flag, survey_round) for flag, survey_round in rows]


def recently_reviewed(limit: int = 20) -> list[tuple[SafeguardingFlag, SurveyRound]]:
    rows = db.session.execute(
        select(SafeguardingFlag, SurveyRound)
        .join(SurveyRound, SurveyRound.id == SafeguardingFlag.round_id)
        .where(SafeguardingFlag.status != FlagStatus.OUTSTANDING)
        .order_by(SafeguardingFlag.reviewed_on.desc(), SafeguardingFlag.id)
        .limit(limit)
    )
    return [(flag, survey_round) for flag, survey_round in rows]


def outstanding_by_round() -> dict[int, int]:
    rows = db.session.execute(
        select(SafeguardingFlag.round_id, func.count())
        .where(SafeguardingFlag.status == FlagStatus.OUTSTANDING)
        .group_by(SafeguardingFlag.round_id)
    )
    return dict(rows.all())


def note_problem(note: str) -> str | None:
    """Why an outcome note can't be kept, or None: it stays beside an anonymous answer, so it may not hold
    a name, email, phone number or handle."""
    found = person_kinds(note)
    if not found:
        return None
    return (f"Take out the {' and '.join(found)} from the note: it is kept beside an anonymous answer. "
            "Write what was done, for example “Escalated to the duty team”.")


def record_outcome(flag: SafeguardingFlag, outcome: str, note: str, actor: str, today: dt.date | None = None) -> None:
    if outcome not in OUTCOMES:
        raise ValueError(outcome)
    problem = note_problem(note)
    if problem:
        raise NoteRefused(problem)
    flag.status = outcome
    flag.outcome_note = note.strip() or None
    flag.reviewed_on = today or dt.date.today()
    audit(actor, "safeguarding flag recorded", f"flag {flag.id[:8]}: {outcome}")


def days_waiting(flag: SafeguardingFlag, today: dt.date | None = None) -> int:
    """Whole days since the flag reached the queue (0 = today)."""
    return ((today or dt.date.today()) - flag.raised_on).days


def waited(days: int) -> str:
    from flask_babel import gettext as _

    if days <= 0:
        return _("today")
    if days == 1:
        return _("since yesterday")
    return _("%(days)s days", days=days)
