"""What a stored report was built from, and whether that has changed since.

Every flush that changes something a report reads counts it: a round's answers, quotes, codings, texts and
cohorts go up the round's `data_version`; what every report reads (actions, priorities, themes, and any
change to a round that is no longer open, whose figures are a later round's trends) goes up the one shared
version. A stored report records both versions it was built from (reporting/stored.py); when either has
moved on, it is rebuilt. Counting happens in the same transaction as the change, so a change that is rolled
back counts nothing, and no writer can forget to count: it is done for every ORM flush, and bulk
`update()`/`delete()` statements on these tables count as a shared change."""

from __future__ import annotations

from itertools import chain

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from ..models import (
    Action,
    ActionFinding,
    ActionLanguage,
    ActionUpdate,
    Answer,
    Challenge,
    DataVersion,
    ManualCoding,
    MeetingFinding,
    Quote,
    ResponseRemoval,
    RoundCohort,
    RoundReport,
    RoundReportLanguage,
    StrategyPriority,
    SurveyResponse,
    SurveyRound,
    Theme,
)
from ..models.statuses import RoundStatus

SHARED = "shared"
OF_A_ROUND = (SurveyResponse, Answer, Quote, RoundReport, RoundReportLanguage, RoundCohort,
              ResponseRemoval)
OF_EVERY_ROUND = (Action, ActionLanguage, ActionUpdate, ActionFinding, StrategyPriority, Theme, MeetingFinding,
                  Challenge)
REPORT_TABLES = {model.__table__.name for model in (*OF_A_ROUND, *OF_EVERY_ROUND, ManualCoding)}


def _round_of(session: Session, thing: object) -> int | None:
    if isinstance(thing, Answer) and thing.round_id is None and thing.response is not None:
        return thing.response.round_id
    if isinstance(thing, ManualCoding):
        return session.scalar(select(SurveyResponse.round_id).where(SurveyResponse.id == thing.response_id))
    return getattr(thing, "round_id", None)


def _changes(session: Session) -> tuple[set[int], bool]:
    rounds: set[int] = set()
    shared = False
    for thing in chain(session.new, session.dirty, session.deleted):
        if isinstance(thing, OF_EVERY_ROUND):
            shared = True
        elif isinstance(thing, (*OF_A_ROUND, ManualCoding)):
            round_id = _round_of(session, thing)
            if round_id is not None:
                rounds.add(round_id)
        elif isinstance(thing, SurveyRound) and thing in session.dirty and session.is_modified(thing):
            rounds.add(thing.id)
    return rounds, shared


def count_changes(session: Session, rounds: set[int], shared: bool) -> None:
    if not rounds and not shared:
        return
    connection = session.connection()
    if rounds:
        table = SurveyRound.__table__
        connection.execute(update(table).where(table.c.id.in_(sorted(rounds)))
                           .values(data_version=table.c.data_version + 1))
        for round_id in rounds:
            survey_round = session.identity_map.get(session.identity_key(SurveyRound, round_id))  # type: ignore[arg-type]
            if survey_round is not None:
                session.expire(survey_round, ["data_version"])
        closed = connection.scalar(select(table.c.id).where(table.c.id.in_(sorted(rounds)),
                                                            table.c.status != RoundStatus.OPEN).limit(1))
        shared = shared or closed is not None
    if shared:
        versions = DataVersion.__table__
        connection.execute(update(versions).where(versions.c.name == SHARED)
                           .values(version=versions.c.version + 1))


@event.listens_for(Session, "before_flush")
def _count_flushed_changes(session: Session, _context: object, _instances: object) -> None:
    count_changes(session, *_changes(session))


@event.listens_for(Session, "do_orm_execute")
def _count_bulk_changes(state) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and table.name in REPORT_TABLES:
        count_changes(state.session, set(), shared=True)


def shared_version(session: Session) -> int:
    return session.scalar(select(DataVersion.version).where(DataVersion.name == SHARED)) or 0
