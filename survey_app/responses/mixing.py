"""Responses lose the order they were sent in.

A database keeps traces of insertion order: PostgreSQL stamps each row with the id of the transaction
that wrote it (ids count up) and places new rows one after another; SQLite (here WITHOUT ROWID) does not.
The scheduled `flask survey purge-drafts` rewrites every response stored since its last run, and its
answers, in one transaction and in a shuffled order: afterwards they all carry that one transaction id
and sit in random order, so nothing in the live rows says which was sent first. Until then (at most one
schedule interval) a new response carries its own transaction id. Old row versions stay on disk until
PostgreSQL's autovacuum reuses the space (README, "What someone with the database can learn")."""

from __future__ import annotations

import random

from sqlalchemy import select, update

from ..extensions import db
from ..models import Answer, SurveyResponse

_shuffle = random.SystemRandom().shuffle


def mix_new_responses() -> int:
    """Rewrite the responses not mixed yet, one by one in a random order, with their answers. Flushes;
    the caller commits (in a transaction of its own: never together with releasing flags)."""
    ids = list(db.session.scalars(select(SurveyResponse.id).where(SurveyResponse.mixed.is_(False))
                                  .with_for_update(skip_locked=True)))
    _shuffle(ids)
    for response_id in ids:
        db.session.execute(update(Answer).where(Answer.response_id == response_id)
                           .values(round_id=Answer.round_id).execution_options(synchronize_session=False))
        db.session.execute(update(SurveyResponse).where(SurveyResponse.id == response_id)
                           .values(mixed=True).execution_options(synchronize_session=False))
    return len(ids)
