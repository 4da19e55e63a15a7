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


class QuestionnaireTranslation(Model):
    """A questionnaire's words in one language: a PO file's text (questionnaires/README.md,
    "Translations"). Kept per questionnaire, not per version: each string names the English it was
    translated from, so one file serves every version whose words it still matches (the rest show in
    English and `questionnaires check` lists them as stale). A new text needs a fluent speaker's check
    again: `checked_by` is cleared whenever `source` changes."""

    __tablename__ = "questionnaire_translations"
    __table_args__ = (UniqueConstraint("key", "language", name="uq_questionnaire_translation_key_language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))
    # Where the text came from: a shipped file's name, or "uploaded by <email>".
    origin: Mapped[str] = mapped_column(String(300), default="", server_default="")
    updated_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    checked_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    checked_on: Mapped[dt.date | None] = mapped_column(Date)
