"""Wrong guesses counted per round, never per person, in fixed windows (window = minutes since 1970 //
the window's length): the round's access code (access_code.py) and carry-on codes
(responses/carry_on.py) each keep a pair of columns on the round, a window number and a count, and
refuse every guess once the count reaches the limit, until the next window."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, update
from sqlalchemy.orm import InstrumentedAttribute

from ..extensions import db
from ..models import SurveyRound


@dataclass(frozen=True)
class GuessBrake:
    window: InstrumentedAttribute  # SurveyRound's column of the window the count belongs to
    count: InstrumentedAttribute  # SurveyRound's column of wrong guesses in that window
    limit: int

    def paused(self, survey_round: SurveyRound, window: int) -> bool:
        """True when the round has had `limit` wrong guesses in `window`."""
        return (getattr(survey_round, self.window.key) == window
                and getattr(survey_round, self.count.key) >= self.limit)

    def record(self, survey_round: SurveyRound, window: int) -> None:
        """Count one wrong guess (one atomic UPDATE, safe with several workers). Flushes only."""
        db.session.execute(
            update(SurveyRound).where(SurveyRound.id == survey_round.id).values({
                self.count: case((self.window == window, self.count + 1), else_=1),
                self.window: window,
            }).execution_options(synchronize_session=False)
        )
        db.session.expire(survey_round, [self.count.key, self.window.key])
