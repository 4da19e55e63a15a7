"""The council's strategy priorities, edited by admins. Every question, theme and action names one by code."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class StrategyPriority(Model):
    __tablename__ = "strategy_priorities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The code questionnaires use (`priority: placement`); stable once questions use it.
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The strategy or plan it comes from, e.g. "Strategy priority 1; Pillar 6".
    source: Mapped[str] = mapped_column(String(200), default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
