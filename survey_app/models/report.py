"""A round's report and its publication. Board members and young people see only published reports."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class RoundReport(Model):
    __tablename__ = "round_reports"

    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True)
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    published_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # The worker's words: an introduction for the board, and for children "What's good" and
    # "What needs to change" (one point per line; generated from the headlines until edited).
    board_summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    children_good: Mapped[str] = mapped_column(Text, default="", server_default="")
    children_change: Mapped[str] = mapped_column(Text, default="", server_default="")
