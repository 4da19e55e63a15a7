"""A brake on how fast one round takes responses, so a link passed around (or a script) can't flood it.

Counted per round in fixed 15-minute windows, never per person: nothing about the sender is kept. When a
round has taken `ROUND_SENDS_PER_WINDOW` responses in the current window, "Send" is held back until the
next window: the young person's answers stay in their draft, and the page asks them kindly to press Send
again in a few minutes. Workers see on the round page how many sends were held back, and when.

Sizing: the default, 300 in 15 minutes, is more than a school hall of 200 young people all pressing Send
at once (tests/test_concurrent_submissions.py); a real round of a few hundred takes days or weeks. A flood
is slowed to 300 every 15 minutes, which workers see on the round page and can stop (close the round, or
give it an access code) and clean up (rounds/removal.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, not_, update

from ..extensions import db
from ..models import SurveyRound
from .access_code import current_window


def take_a_send(survey_round: SurveyRound, limit: int, today: dt.date | None = None) -> bool:
    """Count one send for the round if the window has room (one UPDATE, safe with several workers); False
    when the brake is on, which is recorded for the workers. Flushes only."""
    window = current_window()
    full = and_(SurveyRound.send_window == window, SurveyRound.sends_in_window >= limit)
    taken = db.session.execute(
        update(SurveyRound).where(SurveyRound.id == survey_round.id, not_(full)).values(
            sends_in_window=case((SurveyRound.send_window == window, SurveyRound.sends_in_window + 1), else_=1),
            send_window=window,
        ).execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        db.session.execute(
            update(SurveyRound).where(SurveyRound.id == survey_round.id).values(
                sends_held_back=SurveyRound.sends_held_back + 1, brake_last_on=today or dt.date.today(),
            ).execution_options(synchronize_session=False)
        )
    db.session.expire(survey_round, ["sends_in_window", "send_window", "sends_held_back", "brake_last_on"])
    return bool(taken)
