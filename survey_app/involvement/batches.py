"""Keeping involvement details apart from the answers, and giving them to the participation worker in
batches, never one at a time.

- *Leave*: the form is offered only after the response was committed and the session cleared (the view
  checks the session says "sent" and nothing more), and it is stored in a request of its own. The row
  keeps no round, response, draft or session value and no time; its id is random.
- *Mix*: PostgreSQL stamps a new row with its transaction's id, and ids count up, so until then a
  waiting row's id sits next to its response's. `mix_waiting` rewrites every waiting row in one
  transaction in a shuffled order (the scheduled `flask survey purge-drafts` and `flask involvement purge`
  run it): afterwards they share one transaction id and sit in random positions, as mixed responses do.
- *Release*: the staff page shows nobody until at least INVOLVEMENT_BATCH are waiting, council-wide (not
  per round: a round's few senders would be a small group); then `release_batch` releases all of them at
  once, shuffled, with the day of release, and writes the audit log.
- *Purge*: released rows are deleted INVOLVEMENT_KEEP_DAYS after their release (`flask involvement purge`).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from ..audit import audit
from ..extensions import db
from ..models import InvolvementRequest
from .details import INTERESTS, Details

_shuffle = random.SystemRandom().shuffle
WAITING = InvolvementRequest.released_on.is_(None)


def _merge(row: InvolvementRequest, details: Details) -> None:
    ticked = set(row.interests.split()) | set(details.interests)
    row.interests = " ".join(code for code in _ordered(ticked))


def _ordered(codes: set[str]) -> list[str]:
    return [code for code, _title, _hint in INTERESTS if code in codes]


def _waiting_with(digest: str) -> InvolvementRequest | None:
    return db.session.scalar(select(InvolvementRequest).where(InvolvementRequest.digest == digest))


def leave_details(details: Details, key: str) -> None:
    """Keep the details. The same details sent twice (a double tap, the form sent again) are kept once,
    with the interests of both. Flushes; the view commits."""
    digest = details.digest(key)
    waiting = _waiting_with(digest)
    if waiting is not None:
        _merge(waiting, details)
        db.session.flush()
        return
    try:
        with db.session.begin_nested():
            db.session.add(InvolvementRequest(digest=digest, interests=" ".join(details.interests),
                                              called=details.called, contact_by=details.contact_by.value,
                                              contact=details.contact))
    except IntegrityError:  # the same form, sent at the same moment, got there first
        waiting = _waiting_with(digest)
        if waiting is not None:
            _merge(waiting, details)
            db.session.flush()


def waiting_count() -> int:
    return db.session.scalar(select(func.count()).select_from(InvolvementRequest).where(WAITING)) or 0


def mix_waiting() -> int:
    """Rewrite every waiting row, one by one in a random order. Flushes; the caller commits (a transaction
    of its own: never with responses)."""
    ids = list(db.session.scalars(select(InvolvementRequest.id).where(WAITING).with_for_update(skip_locked=True)))
    _shuffle(ids)
    for request_id in ids:
        db.session.execute(update(InvolvementRequest).where(InvolvementRequest.id == request_id)
                           .values(interests=InvolvementRequest.interests)
                           .execution_options(synchronize_session=False))
    return len(ids)


def release_batch(batch: int, actor: str, today: dt.date | None = None) -> int:
    """Release every waiting row at once, shuffled, if at least `batch` are waiting; returns how many (0
    when fewer were waiting: nobody is released alone). Flushes; the view commits."""
    ids = list(db.session.scalars(select(InvolvementRequest.id).where(WAITING).with_for_update()))
    if len(ids) < max(batch, 1):
        return 0
    _shuffle(ids)
    day = today or dt.date.today()
    released = 0
    for request_id in ids:
        released += db.session.execute(
            update(InvolvementRequest).where(InvolvementRequest.id == request_id, WAITING)
            .values(released_on=day, digest=None).execution_options(synchronize_session=False)).rowcount
    audit(actor, "involvement_released", f"{released} people who want to get involved")
    db.session.expire_all()
    return released


def released_batches() -> list[tuple[dt.date, list[InvolvementRequest]]]:
    """Released rows by day of release, newest first; within a day in the order of their random ids."""
    rows = db.session.scalars(select(InvolvementRequest).where(InvolvementRequest.released_on.is_not(None))
                              .order_by(InvolvementRequest.released_on.desc(), InvolvementRequest.id)).all()
    batches: dict[dt.date, list[InvolvementRequest]] = {}
    for row in rows:
        assert row.released_on is not None
        batches.setdefault(row.released_on, []).append(row)
    return list(batches.items())


def purge_released(keep_days: int, today: dt.date | None = None) -> int:
    """Delete rows released more than `keep_days` ago; returns how many."""
    cutoff = (today or dt.date.today()) - dt.timedelta(days=keep_days)
    return db.session.execute(delete(InvolvementRequest).where(InvolvementRequest.released_on < cutoff)).rowcount
