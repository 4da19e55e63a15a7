"""Slow work done away from web requests (survey_app/jobs/), and the reports it stores.

Nothing here is about a young person: a job records which staff member asked for it, what it is, how far
it has got, and the file it made (kept until `expires_at`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from ..extensions import Model
from .statuses import JobStatus, known_values


class Job(Model):
    __tablename__ = "jobs"
    __table_args__ = (known_values("status", JobStatus),)

    # Unguessable: the job page and its file are reached by this id (and only by whoever asked).
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    # What exactly to do, as JSON (e.g. {"download": "responses.xlsx"}); never a young person's words.
    params: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    requested_by: Mapped[str] = mapped_column(String(254), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED, server_default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    stage: Mapped[str] = mapped_column(String(200), default="", server_default="")
    error: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    filename: Mapped[str] = mapped_column(String(200), default="", server_default="")
    mimetype: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # The file is loaded only when it is downloaded; it is deleted at expires_at (`flask jobs purge`).
    file: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)


class StoredReport(Model):
    """A round's report, built by a job and read by the pages that show it, with the versions of the data it
    was built from (reporting/stored.py). `for_staff` False: the board's and children's report."""

    __tablename__ = "stored_reports"

    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True)
    for_staff: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    round_version: Mapped[int] = mapped_column(Integer)
    shared_version: Mapped[int] = mapped_column(Integer)
    # The redaction word lists it was built under (analysis.redaction.rules_fingerprint): under other lists it
    # is never shown, as a quote in it might now be withheld.
    redaction_rules: Mapped[str] = mapped_column(String(32))
    built_at: Mapped[dt.datetime] = mapped_column(DateTime)
    report_json: Mapped[str] = deferred(mapped_column(Text))


class DataVersion(Model):
    """Counts changes to what every report reads (actions, priorities, the codebook, closed rounds' answers):
    one row, "shared". A round's own changes are counted on the round (SurveyRound.data_version)."""

    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
