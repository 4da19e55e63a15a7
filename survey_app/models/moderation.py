"""Workers' work on free text: themes (add/rename on top of the shipped codebook), hand coding of
single answers, and quotes approved for boards and children. Staff pages only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from .statuses import QuoteStatus, known_values


class Theme(Model):
    """A theme of the codebook. Seeded from analysis/codebook.yaml; workers add and rename them."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    priority_code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # One word or phrase per line; matched as whole words (see analysis/themes.py).
    words: Mapped[str] = mapped_column(Text, default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class ManualCoding(Model):
    """A worker's coding of one free-text answer; it replaces the automatic themes for that answer.
    `themes` is space-separated theme codes; empty means "no theme"."""

    __tablename__ = "manual_codings"

    response_id: Mapped[str] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    themes: Mapped[str] = mapped_column(String(500), default="", server_default="")


class Quote(Model):
    """A free-text answer put forward as a quote. Only `approved` quotes, in their redacted and
    worker-checked wording, ever reach a board or a child."""

    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("response_id", "question_id", name="uq_quote_answer"),
                      known_values("status", QuoteStatus))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[str] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    theme_code: Mapped[str] = mapped_column(String(64), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default=QuoteStatus.PENDING, server_default="pending")
    reviewed_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # who put it forward ("" if not known): with QUOTES_FOUR_EYES on, they may not approve it
    put_forward_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
