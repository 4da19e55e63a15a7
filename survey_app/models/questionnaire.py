from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from .statuses import VersionStatus, known_values


class StoredQuestionnaire(Model):
    """One version of a questionnaire, kept as the YAML it was loaded from, so a round can freeze it."""

    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("key", "version", name="uq_questionnaire_key_version"),
                      known_values("status", VersionStatus))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))
    loaded_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    status: Mapped[str] = mapped_column(String(16), default=VersionStatus.PUBLISHED, server_default="published")
