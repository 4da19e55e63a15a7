"""The children's "You said, we did" texts in another language, written by a worker (issue 12). English
stays in RoundReport and Action; a row here is one language's version. An empty text means "not written
in this language yet": the children's page then says so and shows the English (never a machine guess)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class RoundReportLanguage(Model):
    """A round's "What's good" and "What needs to change" points in one language (one point per line)."""

    __tablename__ = "round_report_languages"

    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    children_good: Mapped[str] = mapped_column(Text, default="", server_default="")
    children_change: Mapped[str] = mapped_column(Text, default="", server_default="")


class ActionLanguage(Model):
    """An action's words children read, in one language: what we will do, who does it, why not."""

    __tablename__ = "action_languages"

    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="", server_default="")
    owner: Mapped[str] = mapped_column(String(200), default="", server_default="")
    not_doing_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
