"""The standing action report for the board, between rounds: every open action by priority, with the progress
written since the last standing report was issued (the dates issued are recorded), overdue ones marked,
and the challenge log's open questions and the answers given since. Seed 004's council reports actions
every two months; this is that report. Nothing here is about a young person, and no counts are shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..audit import audit
from ..extensions import db
from ..models import Action, ActionUpdate, Challenge, StandingReport
from ..models.statuses import ActionStatus
from .challenges import since
from .operations import public_findings
from .rules import OPEN_STATUSES, STATUS_TITLES, is_overdue, priorities, reference_sort_key


@dataclass(frozen=True)
class StandingLine:
    action: Action
    status_title: str
    overdue: bool
    updates_since: tuple[ActionUpdate, ...]
    findings: tuple[str, ...]  # what it answers, in words a board may read


@dataclass(frozen=True)
class PriorityLines:
    title: str
    lines: tuple[StandingLine, ...]


@dataclass(frozen=True)
class Standing:
    made_on: dt.date
    since: dt.date | None  # the last issued standing report's date; None before the first
    priorities: tuple[PriorityLines, ...]
    overdue: int
    open_challenges: tuple[Challenge, ...]
    answered_challenges: tuple[Challenge, ...]

    @property
    def open_actions(self) -> int:
        return sum(len(priority.lines) for priority in self.priorities)


def last_issued() -> StandingReport | None:
    return db.session.scalar(select(StandingReport).order_by(StandingReport.issued_on.desc(),
                                                             StandingReport.id.desc()).limit(1))


def issued() -> list[StandingReport]:
    return list(db.session.scalars(select(StandingReport).order_by(StandingReport.issued_on.desc(),
                                                                    StandingReport.id.desc())))


def standing_report(today: dt.date | None = None) -> Standing:
    """The report as it stands today: progress on or after the last issued report's date (an update written
    on that day may have come after it was issued, so it is shown again rather than missed)."""
    today = today or dt.date.today()
    last = last_issued()
    since_day = last.issued_on if last else None
    open_actions = [action for action in db.session.scalars(select(Action).where(Action.status.in_(OPEN_STATUSES)))]
    titles = {priority.code: priority.title for priority in priorities()}
    order = list(titles)
    codes = sorted({action.priority_code for action in open_actions},
                   key=lambda code: (order.index(code) if code in order else len(order), code))
    grouped = []
    for code in codes:
        lines = []
        for action in sorted((a for a in open_actions if a.priority_code == code),
                             key=lambda a: reference_sort_key(a.reference)):
            updates = tuple(update for update in action.updates
                            if since_day is None or update.written_on >= since_day)
            lines.append(StandingLine(action, STATUS_TITLES[ActionStatus(action.status)],
                                      is_overdue(action, today), updates,
                                      tuple(f"{view.kind_title}: {view.words}" for view in public_findings(action))))
        grouped.append(PriorityLines(titles.get(code, code), tuple(lines)))
    waiting, answered = since(since_day)
    return Standing(today, since_day, tuple(grouped), sum(line.overdue for p in grouped for line in p.lines),
                    tuple(waiting), tuple(answered))


def issue(actor: str, today: dt.date | None = None) -> StandingReport:
    """Record that the standing report was issued to the board today: the next one shows progress since."""
    row = StandingReport(issued_on=today or dt.date.today(), issued_by=actor)
    db.session.add(row)
    db.session.flush()
    audit(actor, "standing report issued", f"{row.issued_on:%Y-%m-%d}")
    return row
