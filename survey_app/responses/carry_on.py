"""Save and come back: give a draft a carry-on code, and find the draft again from it on another device.

A code is made at the young person's request and shown once; only its keyed hash is kept on the draft
(carry_on_code.py says why that is safe). Making a new code replaces the old one. The code works while
its draft does: until it is sent (the draft is deleted) or DRAFT_HOURS after the last answer. Using it
does not end it, so the young person can go back and forth between devices.

Guessing is slowed per round, never per person, like a round's access code (rounds/access_code.py): the
round counts wrong carry-on codes in fixed 15-minute windows, and after GUESSES_PER_WINDOW of them every
code typed for that round is refused, without being looked up, until the next window. Young people who
already carry on keep going (their session lets them in). Nothing about the code or who typed it is
logged. Changes flush; the view commits."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select, update

from ..clock import utc_now
from ..extensions import db
from ..models import Draft, SurveyRound
from ..rounds import access_code
from ..rounds.guess_brake import GuessBrake
from .carry_on_code import code_hash, code_key, make_code, normalise

GUESSES_PER_WINDOW = 10
WINDOW_MINUTES = access_code.WINDOW_MINUTES
BRAKE = GuessBrake(SurveyRound.carry_on_guess_window, SurveyRound.carry_on_wrong_guesses, GUESSES_PER_WINDOW)


class Outcome(enum.Enum):
    FOUND = "found"
    MISSING = "missing"  # nothing like a code was typed
    WRONG = "wrong"  # no draft of this round has that code (never had, sent, or deleted)
    EXPIRED = "expired"  # the draft is there, but past DRAFT_HOURS (deleted at the next purge)
    RESTING = "resting"  # too many wrong codes for this round just now


@dataclass(frozen=True)
class CarryOn:
    outcome: Outcome
    draft: Draft | None = None


def give_code(draft: Draft, secret_key: str, hours: int) -> str:
    """A new code for `draft`, replacing any earlier one; the draft is kept `hours` from now. The code is
    returned to be shown once, and kept nowhere."""
    key = code_key(secret_key)
    while True:  # a code already in use in this round is tried again (1 in millions)
        code = make_code()
        digest = code_hash(key, draft.round_id, normalise(code))
        if db.session.scalar(select(Draft.id).where(Draft.carry_on_hash == digest)) is None:
            break
    expires_at = utc_now() + dt.timedelta(hours=hours)
    db.session.execute(update(Draft).where(Draft.id == draft.id)
                       .values(carry_on_hash=digest, expires_at=expires_at)
                       .execution_options(synchronize_session=False))
    db.session.expire(draft, ["carry_on_hash", "expires_at"])
    return code


def find_by_code(survey_round: SurveyRound, typed: str | None, secret_key: str) -> CarryOn:
    """The draft of this round that `typed` is the code of, or why not. A wrong code is counted (flushed)."""
    if guessing_paused(survey_round):
        return CarryOn(Outcome.RESTING)
    code = normalise(typed)
    if not code:
        return CarryOn(Outcome.MISSING)
    digest = code_hash(code_key(secret_key), survey_round.id, code)
    draft = db.session.scalar(select(Draft).where(Draft.carry_on_hash == digest, Draft.round_id == survey_round.id))
    if draft is None:
        record_wrong_code(survey_round)
        return CarryOn(Outcome.WRONG)
    if draft.expires_at < utc_now():
        return CarryOn(Outcome.EXPIRED)
    return CarryOn(Outcome.FOUND, draft)


def guessing_paused(survey_round: SurveyRound) -> bool:
    return BRAKE.paused(survey_round, access_code.current_window())


def record_wrong_code(survey_round: SurveyRound) -> None:
    """Count one wrong code for the round (one atomic UPDATE, safe with several workers). Flushes only."""
    BRAKE.record(survey_round, access_code.current_window())
