"""The "You said, we did" action register: what the council does in reply to what young people said.
Staff data only; nothing here is about a young person."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .statuses import ActionStatus, FindingKind, known_values


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
