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

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import current_app

from analysis.redaction import rules_fingerprint

from ..extensions import db
from ..jobs import queue
from ..models import Job, StoredReport, SurveyRound
from ..models.statuses import JobStatus
from . import build
from .freshness import shared_version
from .report import Report

BUILD = "report"
_MEMORY_SIZE = 16
_memory: OrderedDict[tuple, Report] = OrderedDict()
_memory_lock = threading.Lock()


@dataclass(frozen=True)
class Reading:
    """A stored report as a page finds it: the report (None while none is built), whether it is built from
    the latest data, and the job building a newer one (None when none is needed)."""

    report: Report | None
    fresh: bool
    job: Job | None


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
    row = _showable(db.session.get(StoredReport, (round_id, for_staff)))
    survey_round = db.session.get(SurveyRound, round_id)
    if row is not None and survey_round is not None and \
            (row.round_version, row.shared_version) == versions_of(survey_round):
        return _parsed(row)
    return rebuild(round_id, for_staff=for_staff, progress=progress)


def _showable(row: StoredReport | None) -> StoredReport | None:
    """The row, unless it was built under other redaction word lists (then it is as good as missing)."""
    return row if row is not None and row.redaction_rules == rules_fingerprint() else None


def _parsed(row: StoredReport) -> Report:
    key = (row.round_id, row.for_staff, row.round_version, row.shared_version, row.built_at)
    with _memory_lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
    report = Report.from_json(json.loads(row.report_json))
    with _memory_lock:
        _memory[key] = report
        while len(_memory) > _MEMORY_SIZE:
            _memory.popitem(last=False)
    return report


def read(survey_round: SurveyRound, *, for_staff: bool, wait: float | None = None) -> Reading:
    """The stored report for a page (module docstring). Waits up to `wait` seconds (default
    JOB_WAIT_SECONDS) for a build when the stored one is missing or, with `wait` given, old."""
    row = _showable(db.session.get(StoredReport, (survey_round.id, for_staff)))
    fresh = row is not None and (row.round_version, row.shared_version) == versions_of(survey_round)
    if fresh:
        assert row is not None
        return Reading(_parsed(row), True, None)
    job = refresh(survey_round, for_staff=for_staff)
    seconds = current_app.config["JOB_WAIT_SECONDS"] if wait is None else wait
    if row is None or wait is not None:
        finished = queue.wait(job.id, seconds)
        if finished is not None and finished.status == JobStatus.DONE:
            row = _showable(db.session.get(StoredReport, (survey_round.id, for_staff), populate_existing=True))
            if row is not None:
                return Reading(_parsed(row), True, None)
        job = finished or job
    return Reading(_parsed(row) if row is not None else None, False, job)
