"""The "You said, we did" action register: what the council does in reply to what young people said.
Staff data only; nothing here is about a young person."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .statuses import ActionStatus, FindingKind, Occasion, known_values


class Action(Model):
    __tablename__ = "actions"
    __table_args__ = (known_values("status", ActionStatus),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The council's own numbering, e.g. "14.9"; unique across the register.
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    priority_code: Mapped[str] = mapped_column(String(40), index=True)
    # The round whose findings it answers (optional: some actions answer several rounds).
    round_id: Mapped[int | None] = mapped_column(ForeignKey("survey_rounds.id", ondelete="SET NULL"), index=True)
    # A role, never a person's name on children's pages ("Head of Children in Care").
    owner: Mapped[str] = mapped_column(String(200), default="", server_default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=ActionStatus.PLANNED, server_default="planned")
    not_doing_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)

    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionUpdate.written_on"
    )
    findings: Mapped[list[ActionFinding]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionFinding.id"
    )


class ActionUpdate(Model):
    """A dated line of progress ("Mentoring scheme started with 6 care leavers")."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    written_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(254), default="", server_default="")

    action: Mapped[Action] = relationship(back_populates="updates")


class ActionFinding(Model):
    """What an action answers: a question id, a theme code or an approved quote's id."""

    __tablename__ = "action_findings"
    __table_args__ = (UniqueConstraint("action_id", "kind", "ref", name="uq_action_finding"),
                      known_values("kind", FindingKind))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(64))

    action: Mapped[Action] = relationship(back_populates="findings")


class MeetingFinding(Model):
    """What a group said at a meeting, a visit or a group session, recorded by a worker so actions can answer
    it like a question or a quote. A group's name ("Children in Care Council"), never a young person's."""

    __tablename__ = "meeting_findings"
    __table_args__ = (known_values("occasion", Occasion),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occasion: Mapped[str] = mapped_column(String(16))
    group_name: Mapped[str] = mapped_column(String(200))
    # The first of the month when only the month is known (day_known false).
    held_on: Mapped[dt.date] = mapped_column(Date)
    day_known: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    said: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    created_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)


class Challenge(Model):
    """A board member's question on an action or a finding, and a worker's answer. `about` keeps the words of
    what it was asked about, so the log still reads when the action or finding changes."""

    __tablename__ = "challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"), index=True)
    # A finding: its kind and ref as in ActionFinding, and the round for a question or a quote.
    finding_kind: Mapped[str] = mapped_column(String(16), default="", server_default="")
    finding_ref: Mapped[str] = mapped_column(String(64), default="", server_default="")
    round_id: Mapped[int | None] = mapped_column(ForeignKey("survey_rounds.id", ondelete="SET NULL"), index=True)
    about: Mapped[str] = mapped_column(String(600))
    question: Mapped[str] = mapped_column(Text)
    asked_by: Mapped[str] = mapped_column(String(254))
    asked_on: Mapped[dt.date] = mapped_column(Date)
    answer: Mapped[str] = mapped_column(Text, default="", server_default="")
    answered_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    answered_on: Mapped[dt.date | None] = mapped_column(Date)


class StandingReport(Model):
    """The date each standing action report was issued to the board: the next one shows progress since."""

    __tablename__ = "standing_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issued_on: Mapped[dt.date] = mapped_column(Date, index=True)
    issued_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
