"""The job queue. A job is a row in `jobs` (models/job.py): what to do, who asked, how far it has got and the
file it made. Which process does it depends on the configuration:

- `REDIS_URL` set: RQ on Redis. `flask --app survey_app jobs worker` (one or more, anywhere that reaches the
  same database and Redis) takes jobs in turn. If Redis can't be reached when a job is asked for, the job is
  done in this process instead, so nobody waits for ever.
- no `REDIS_URL` (the embedded default, `./scripts/demo`): a background thread of the web process.

Either way the row is the truth: any web process shows the job's progress and hands over its file, so a job
asked for from one gunicorn worker can be followed and downloaded from another.

Kinds of work register themselves (`register`), so this module imports none of the domain modules that use
it. A job function gets the Job row and a `Progress`, and returns a `Result` (a file) or None."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import delete, select, update

from ..clock import utc_now as now  # the app's one clock (staff-side times: jobs are staff work)
from ..extensions import db
from ..models import Job
from ..models.statuses import JobStatus

log = logging.getLogger(__name__)

RQ_QUEUE = "voices-in-care"
# A queued or running job older than this is taken to be lost (its process stopped): it is not reused, and
# its page offers to start again.
LOST_AFTER = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Result:
    data: bytes
    filename: str
    mimetype: str


class Progress:
    """How far a job has got, committed at once so the job page shows it. (It commits the job's session:
    a job reads in stages and writes at the end, and a read left open across another connection's write
    would stop SQLite from letting this one write later.)"""

    def __init__(self, job_id: str):
        self.job_id = job_id

    def __call__(self, percent: int, stage: str) -> None:
        db.session.execute(update(Job).where(Job.id == self.job_id)
                           .values(progress=max(0, min(100, int(percent))), stage=stage[:200])
                           .execution_options(synchronize_session=False))
        db.session.commit()


JobFunction = Callable[[Job, Progress], Result | None]
KINDS: dict[str, JobFunction] = {}


def register(kind: str) -> Callable[[JobFunction], JobFunction]:
    def add(function: JobFunction) -> JobFunction:
        KINDS[kind] = function
        return function
    return add


# ---- asking for a job ----------------------------------------------------------------------------------

def start(kind: str, *, round_id: int | None = None, params: dict[str, Any] | None = None,
          requested_by: str = "", reuse_queued: bool = False) -> Job:
    """Record a job and hand it to the queue. Commits. With `reuse_queued`, a job of the same kind and
    params that is still waiting is returned instead of a second one (report builds: many page views, one
    build)."""
    if kind not in KINDS:
        raise ValueError(f"no job kind {kind!r}")
    encoded = json.dumps(params or {}, sort_keys=True)
    if reuse_queued:
        waiting = db.session.scalar(
            select(Job).where(Job.kind == kind, Job.round_id == round_id, Job.params == encoded,
                              Job.status == JobStatus.QUEUED, Job.created_at > now() - LOST_AFTER)
            .order_by(Job.created_at.desc()).limit(1)
        )
        if waiting is not None:
            return waiting
    job = Job(id=secrets.token_hex(16), kind=kind, round_id=round_id, params=encoded, requested_by=requested_by,
              status=JobStatus.QUEUED, progress=0, stage="Waiting to start", created_at=now())
    db.session.add(job)
    db.session.commit()
    _hand_over(job.id)
    return job


def _hand_over(job_id: str) -> None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        try:
            _rq_queue(redis_url).enqueue(
                "survey_app.jobs.queue.run_in_worker", job_id, job_id=f"vic-{job_id}",
                job_timeout=app.config["JOB_TIMEOUT_SECONDS"], result_ttl=0, failure_ttl=24 * 3600,
            )
            return
        except Exception:  # Redis down: do it here rather than leave staff waiting for ever
            log.exception("Redis can't be reached: job %s runs in this web process instead", job_id)
    _threads(app).submit(_run_in_thread, app, job_id)


def _rq_queue(redis_url: str):
    from redis import Redis
    from rq import Queue

    return Queue(RQ_QUEUE, connection=Redis.from_url(redis_url, socket_connect_timeout=2))


_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _threads(app: Flask) -> ThreadPoolExecutor:
    # Made on first use, so each gunicorn worker (forked after the app is loaded) has its own.
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=app.config["JOB_THREADS"], thread_name_prefix="job")
        return _executor


def _run_in_thread(app: Flask, job_id: str) -> None:
    with app.app_context():
        run(job_id)


def run_in_worker(job_id: str) -> None:
    """What an RQ worker calls (`flask jobs worker` has the app context already)."""
    if has_app_context():
        run(job_id)
        return
    from .. import create_app

    with create_app().app_context():
        run(job_id)


# ---- doing a job -----------------------------------------------------------------------------------------

def run(job_id: str) -> None:
    """Do the job if nobody has started it yet (claimed with one UPDATE, so two workers never both do it)."""
    try:
        claimed = db.session.execute(
            update(Job).where(Job.id == job_id, Job.status == JobStatus.QUEUED)
            .values(status=JobStatus.RUNNING, started_at=now(), stage="Starting")
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if not claimed:
            return
        job = db.session.get(Job, job_id)
        assert job is not None
        try:
            result = KINDS[job.kind](job, Progress(job_id))
        except Exception as error:
            db.session.rollback()
            log.exception("job %s (%s) failed", job_id, job.kind)
            _finish(job_id, status=JobStatus.FAILED, error=type(error).__name__)
            return
        db.session.commit()
        _finish(job_id, status=JobStatus.DONE, result=result)
    finally:
        db.session.remove()


def _finish(job_id: str, *, status: JobStatus, result: Result | None = None, error: str = "") -> None:
    values: dict[str, Any] = dict(status=status, finished_at=now(), error=error,
                                  progress=100 if status == JobStatus.DONE else 0,
                                  stage="Ready" if status == JobStatus.DONE else "Something went wrong")
    if result is not None:
        hours = current_app.config["JOB_FILES_KEEP_HOURS"]
        values.update(file=result.data, filename=result.filename, mimetype=result.mimetype,
                      expires_at=now() + dt.timedelta(hours=hours))
    db.session.execute(update(Job).where(Job.id == job_id).values(**values)
                       .execution_options(synchronize_session=False))
    db.session.commit()


# ---- following a job -------------------------------------------------------------------------------------

def get(job_id: str) -> Job | None:
    return db.session.get(Job, job_id)


def wait(job_id: str, seconds: float) -> Job | None:
    """The job once it is finished, or as it stands after `seconds`. Ends the session's transaction first
    (and on each look), so the job's commits are seen."""
    deadline = time.monotonic() + seconds
    while True:
        db.session.rollback()
        job = db.session.get(Job, job_id, populate_existing=True)
        if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED) or time.monotonic() >= deadline:
            return job
        time.sleep(0.05)


def is_lost(job: Job) -> bool:
    return job.status in (JobStatus.QUEUED, JobStatus.RUNNING) and job.created_at < now() - LOST_AFTER


def is_expired(job: Job) -> bool:
    return job.expires_at is not None and job.expires_at <= now()


def purge(today: dt.datetime | None = None) -> int:
    """Delete finished jobs' files once they expire, and jobs older than a week. Returns how many went."""
    moment = today or now()
    gone = db.session.execute(delete(Job).where(Job.created_at < moment - dt.timedelta(days=7))).rowcount
    emptied = db.session.execute(
        update(Job).where(Job.expires_at <= moment, Job.file.is_not(None)).values(file=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return gone + emptied
