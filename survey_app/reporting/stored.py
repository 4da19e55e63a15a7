"""Reports built once and read many times.

A round's report is built by a job (jobs/queue.py) and stored with the data versions it was built from
(freshness.py). Pages read the stored report: the children's "You said, we did" page and the board page
(`for_staff=False`, the published report), and the staff preview (`for_staff=True`). When the data has moved
on, the page still shows the stored report at once and a rebuild is queued (one at a time per report), so
no page waits for a build; a page with no stored report yet waits a moment for the build
(`JOB_WAIT_SECONDS`) and otherwise says it is being prepared.

Publishing builds the published report straight away (views call `refresh`). The parsed report is kept in
memory per process, keyed by the versions, so a page view costs a few small queries and the template."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from analysis.redaction import rules_fingerprint

from ..extensions import db
from ..jobs import queue
from ..kept import kept_by_app
from ..models import Job, StoredReport, SurveyRound
from ..models.statuses import JobStatus
from . import build
from .freshness import shared_version
from .report import Report

BUILD = "report"


@dataclass(frozen=True)
class Reading:
    """A stored report as a page finds it: the report (None while none is built), whether it is built from
    the latest data, and the job building a newer one (None when none is needed)."""

    report: Report | None
    fresh: bool
    job: Job | None
    stamp: Stamp | None = None


def versions_of(survey_round: SurveyRound) -> tuple[int, int]:
    return survey_round.data_version, shared_version(db.session())


def rebuild(round_id: int, *, for_staff: bool, progress=build._no_progress) -> Report:
    """Build the report and store it with the versions read before building (so a change made while it
    builds leaves it marked old, and it is built again). Flushes; the caller commits."""
    survey_round = db.session.get(SurveyRound, round_id)
    if survey_round is None:
        raise build.RoundNotFound(f"no survey round with id {round_id}")
    round_version, shared = versions_of(survey_round)
    rules = rules_fingerprint()
    report = build.build(round_id, for_staff=for_staff, progress=progress)
    progress(95, "Saving the report")
    row = db.session.get(StoredReport, (round_id, for_staff))
    if row is None:
        row = StoredReport(round_id=round_id, for_staff=for_staff)
        db.session.add(row)
    row.round_version, row.shared_version, row.built_at = round_version, shared, queue.now()
    row.redaction_rules = rules
    row.report_json = json.dumps(report.to_json(), ensure_ascii=False)
    db.session.flush()
    return report


@queue.register(BUILD)
def _build_job(job: Job, progress: queue.Progress) -> None:
    assert job.round_id is not None
    rebuild(job.round_id, for_staff=bool(json.loads(job.params).get("for_staff")), progress=progress)


def refresh(survey_round: SurveyRound, *, for_staff: bool) -> Job:
    """Queue a build of the round's report (or join the one already waiting)."""
    return queue.start(BUILD, round_id=survey_round.id, params={"for_staff": for_staff}, reuse_queued=True)


def latest(round_id: int, *, for_staff: bool, progress=build._no_progress) -> Report:
    """The report from the latest data: the stored one when it is fresh, else built now (for jobs)."""
    stamp = _stamp(round_id, for_staff)
    survey_round = db.session.get(SurveyRound, round_id)
    if stamp is not None and survey_round is not None and stamp.versions == versions_of(survey_round):
        return _parsed(stamp)
    return rebuild(round_id, for_staff=for_staff, progress=progress)


@dataclass(frozen=True)
class Stamp:
    """Which stored report this is: its key and what it was built from. Reports kept in memory (and the pages
    made from them) are kept under it, so the large JSON is read from the database only when it changed."""

    round_id: int
    for_staff: bool
    round_version: int
    shared_version: int
    built_at: dt.datetime | None

    @property
    def versions(self) -> tuple[int, int]:
        return self.round_version, self.shared_version


def _stamp(round_id: int, for_staff: bool) -> Stamp | None:
    """The stored report's stamp, unless there is none or it was built under other redaction word lists
    (then it is as good as missing)."""
    row = db.session.execute(
        select(StoredReport.round_version, StoredReport.shared_version, StoredReport.built_at,
               StoredReport.redaction_rules)
        .where(StoredReport.round_id == round_id, StoredReport.for_staff == for_staff)).one_or_none()
    if row is None or row.redaction_rules != rules_fingerprint():
        return None
    return Stamp(round_id, for_staff, row.round_version, row.shared_version, row.built_at)


REPORTS_KEPT = 16


def _parsed(stamp: Stamp) -> Report:
    return kept_by_app("stored_reports", REPORTS_KEPT).get(stamp, lambda: _load(stamp))


def _load(stamp: Stamp) -> Report:
    text = db.session.scalar(
        select(StoredReport.report_json).where(
            StoredReport.round_id == stamp.round_id, StoredReport.for_staff == stamp.for_staff,
            StoredReport.round_version == stamp.round_version, StoredReport.shared_version == stamp.shared_version,
            StoredReport.built_at == stamp.built_at))
    if text is None:  # rebuilt since the stamp was read: never keep a newer report under an older stamp
        raise StaleStamp(stamp)
    return Report.from_json(json.loads(text))


class StaleStamp(LookupError):
    pass


def _reading(survey_round: SurveyRound, for_staff: bool) -> tuple[Stamp | None, Report | None]:
    for _attempt in range(3):
        stamp = _stamp(survey_round.id, for_staff)
        if stamp is None:
            return None, None
        try:
            return stamp, _parsed(stamp)
        except StaleStamp:
            continue
    raise StaleStamp(survey_round.id)


def read(survey_round: SurveyRound, *, for_staff: bool, wait: float | None = None) -> Reading:
    """The stored report for a page (module docstring). Waits up to `wait` seconds (default
    JOB_WAIT_SECONDS) for a build when the stored one is missing or, with `wait` given, old."""
    stamp, report = _reading(survey_round, for_staff)
    if stamp is not None and stamp.versions == versions_of(survey_round):
        return Reading(report, True, None, stamp)
    job = refresh(survey_round, for_staff=for_staff)
    seconds = current_app.config["JOB_WAIT_SECONDS"] if wait is None else wait
    if stamp is None or wait is not None:
        finished = queue.wait(job.id, seconds)
        if finished is not None and finished.status == JobStatus.DONE:
            built_stamp, built = _reading(survey_round, for_staff)
            if built_stamp is not None:
                return Reading(built, True, None, built_stamp)
        job = finished or job
    return Reading(report, False, job, stamp)
