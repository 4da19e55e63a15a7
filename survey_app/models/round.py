from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .ids import round_slug
from .questionnaire import StoredQuestionnaire
from .statuses import Channel, RoundStatus, known_values


class SurveyRound(Model):
    """A questionnaire version opened to young people for a while, at one public link."""

    __tablename__ = "survey_rounds"
    __table_args__ = (known_values("status", RoundStatus),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True, default=round_slug)
    title: Mapped[str] = mapped_column(String(200))
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    status: Mapped[str] = mapped_column(String(16), default=RoundStatus.OPEN)
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    created_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    audience: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # One shared code for the whole group (never personal); only its hash is kept.
    access_code_hash: Mapped[str | None] = mapped_column(String(255))
    # Wrong guesses of the access code in the current 15-minute window (window = minutes since 1970 // 15),
    # to slow guessing down (survey_app/rounds/access_code.py). Nothing about who guessed is kept.
    code_guess_window: Mapped[int | None] = mapped_column(Integer)
    code_wrong_guesses: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Wrong carry-on codes (responses/carry_on.py) in the current 15-minute window, counted the same way.
    carry_on_guess_window: Mapped[int | None] = mapped_column(Integer)
    carry_on_wrong_guesses: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The send brake (rounds/send_brake.py): responses sent in the current 15-minute window, counted per
    # round, never per person; how many sends it held back, and the last day it did.
    send_window: Mapped[int | None] = mapped_column(Integer)
    sends_in_window: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sends_held_back: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    brake_last_on: Mapped[dt.date | None] = mapped_column(Date)
    # Goes up with every change to what this round's report reads (reporting/freshness.py), so a stored
    # report knows when it is out of date.
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    questionnaire_version: Mapped[StoredQuestionnaire] = relationship(lazy="joined")
    cohorts: Mapped[list[RoundCohort]] = relationship(
        back_populates="survey_round", cascade="all, delete-orphan", order_by="RoundCohort.group"
    )

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        if self.status != RoundStatus.OPEN:
            return False
        if self.opens_on and today < self.opens_on:
            return False
        return not (self.closes_on and today > self.closes_on)


class ResponseRemoval(Model):
    """Responses a worker removed (fake, or entered by mistake): how many, which way they came, why, by whom
    and the day. No response ids are kept: what was removed is gone."""

    __tablename__ = "response_removals"
    __table_args__ = (known_values("channel", Channel),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    removed_by: Mapped[str] = mapped_column(String(254))
    removed_on: Mapped[dt.date] = mapped_column(Date)


class RoundCohort(Model):
    """How many young people a round hopes to hear from, per group, for response rates."""

    __tablename__ = "round_cohorts"

    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True)
    group: Mapped[str] = mapped_column(String(64), primary_key=True)
    expected: Mapped[int] = mapped_column(Integer)

    survey_round: Mapped[SurveyRound] = relationship(back_populates="cohorts")
