"""The job queue (survey_app/jobs/queue.py): files are prepared off the web request, only whoever asked sees
them, they go when their time is up, each job is done once, and with Redis an RQ worker process does them."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.jobs import queue
from survey_app.models import AuditEvent, Job

from .conftest import REDIS_TEST_URL, missing
from .prepared_files import FILE_LINK, prepare, prepared_file
from .test_stored_reports import send_one

ROOT = Path(__file__).resolve().parent.parent
CALLS: list[str] = []


@queue.register("test_echo")
def _echo(job: Job, progress: queue.Progress) -> queue.Result:
    CALLS.append(job.id)
    progress(50, "Halfway")
    return queue.Result(f"made for {job.requested_by}".encode(), "echo.txt", "text/plain")


@pytest.fixture
def rq_redis():
    try:
        store = redis.Redis.from_url(REDIS_TEST_URL)
        store.flushdb()
    except redis.RedisError as error:
        missing(f"Redis at 127.0.0.1:6379 is not reachable: {error}")
    yield store
    store.flushdb()
    store.close()


def test_a_download_is_prepared_then_kept_for_whoever_asked_and_nobody_else(app, client, make_round, make_staff,
                                                                            sign_in):
    slug = make_round("younger-children")
    send_one(app, slug)
    email, password = make_staff("worker")
    sign_in(email, password)
    job_page = prepare(client, f"/staff/reports/{slug}/download/responses.csv", f"/staff/reports/{slug}")
    html = job_page.get_data(as_text=True)
    assert "Your file is ready" in html and "kept for 24 hours" in html
    file_url = FILE_LINK.search(html).group(1)
    got = client.get(file_url)
    assert got.status_code == 200 and got.headers["Cache-Control"] == "no-store"
    assert got.headers["Content-Disposition"] == f'attachment; filename="{slug}-responses-staff.csv"'
    with app.app_context():
        assert db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()[-1] == "report_export"

    other = app.test_client()
    other_email, other_password = make_staff("admin", "worker")
    page = other.get("/staff/sign-in").get_data(as_text=True)
    from .journey import CSRF
    other.post("/staff/sign-in", data={"csrf_token": CSRF.search(page).group(1), "email": other_email,
                                       "password": other_password})
    assert other.get(file_url).status_code == 404
    assert other.get(file_url.rsplit("/", 1)[0]).status_code == 404
    signed_out = app.test_client()
    assert signed_out.get(file_url).status_code in (302, 401, 403)


def test_a_file_past_its_time_is_refused_and_purged(app, client, make_round, make_staff, sign_in):
    slug = make_round("younger-children")
    sign_in(*make_staff("worker"))
    job_page = prepare(client, f"/staff/reports/{slug}/download/tallies.csv", f"/staff/reports/{slug}")
    file_url = FILE_LINK.search(job_page.get_data(as_text=True)).group(1)
    job_id = file_url.split("/")[3]
    with app.app_context():
        db.session.get(Job, job_id).expires_at = queue.now() - dt.timedelta(minutes=1)
        db.session.commit()
    refused = client.get(file_url)
    assert refused.status_code == 302
    assert "This file has been deleted" in client.get(refused.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert queue.purge() == 1
        assert db.session.get(Job, job_id).file is None


def test_each_job_is_done_once_however_often_it_is_run(app):
    with app.app_context():
        job_id = "a" * 32
        db.session.add(Job(id=job_id, kind="test_echo", requested_by="someone@example.org", status="queued",
                           created_at=queue.now()))
        db.session.commit()
        CALLS.clear()
        queue.run(job_id)
        queue.run(job_id)
        assert [job_id] == CALLS
        done = db.session.get(Job, job_id)
        assert (done.status, done.progress, done.file) == ("done", 100, b"made for someone@example.org")


def test_a_job_that_fails_records_only_the_errors_name(app, monkeypatch):
    @queue.register("test_broken")
    def _broken(job, progress):
        raise RuntimeError("a young person's words must not be kept here")

    with app.app_context():
        db.session.add(Job(id="b" * 32, kind="test_broken", status="queued", created_at=queue.now()))
        db.session.commit()
        queue.run("b" * 32)
        failed = db.session.get(Job, "b" * 32, populate_existing=True)
        assert (failed.status, failed.error) == ("failed", "RuntimeError")


def test_with_redis_a_job_waits_for_a_worker_and_flask_jobs_worker_does_it(app, rq_redis, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_TEST_URL)
    with app.test_request_context():
        job = queue.start("test_echo", requested_by="worker@example.org")
        waited = queue.wait(job.id, 0.5)
        assert waited.status == "queued"  # no worker yet: nothing in this process did it
    assert rq_redis.llen(f"rq:queue:{queue.RQ_QUEUE}") == 1
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": REDIS_TEST_URL,
           "SECRET_KEY": "test-secret-key", "LOG_FORMAT": "json"}
    # The worker must know the test's kind of job: it imports this module before working.
    code = ("import sys; sys.argv = ['flask', '--app', 'survey_app', 'jobs', 'worker', '--burst']; "
            "import tests.test_jobs; from flask.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    with app.app_context():
        finished = db.session.get(Job, job.id)
        assert finished.status == "done" and finished.file == b"made for worker@example.org"
    # The worker logs like the web processes: one JSON object a line (LOG_FORMAT=json), RQ's lines included.
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    logged = [json.loads(line) for line in lines]
    assert any(line["logger"].startswith("rq.") and job.id in line["message"] for line in logged), lines


def test_when_redis_is_down_the_job_is_done_by_the_web_process(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    with app.test_request_context():
        job = queue.start("test_echo", requested_by="worker@example.org")
        assert queue.wait(job.id, 30).status == "done"


def test_a_board_member_gets_the_pdf_from_a_job(app, client, make_round, make_staff, sign_in):
    from .test_reports_pages import publish_directly

    slug = make_round("younger-children")
    publish_directly(app, slug)
    sign_in(*make_staff("board"))
    response = prepared_file(client, f"/staff/board/reports/{slug}/pdf", f"/staff/board/reports/{slug}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_codebook_change_codes_every_written_answer_again_in_a_job(app, client, make_round, make_staff, sign_in):
    from survey_app.models import Answer

    from .prepared_files import csrf_token_of

    slug = make_round("younger-children")
    send_one(app, slug)
    with app.app_context():
        db.session.execute(Answer.__table__.update().where(Answer.text.is_not(None)).values(codebook_key="old"))
        db.session.commit()
    sign_in(*make_staff("worker"))
    token = csrf_token_of(client, "/staff/themes/new")
    added = client.post("/staff/themes/new", data={"csrf_token": token, "title": "Pets and animals",
                                                   "priority_code": "voice", "words": "dog\ncat"})
    assert added.status_code == 302
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.kind == "recode"))
        assert queue.wait(job.id, 60).status == "done"
        keys = set(db.session.scalars(select(Answer.codebook_key).where(Answer.text.is_not(None))))
        assert keys and "old" not in keys
        from survey_app.models import Theme

        db.session.query(Theme).filter_by(title="Pets and animals").delete()
        db.session.commit()


@pytest.mark.postgres_only
def test_job_files_are_stored_with_lz4_on_postgresql(app):
    # pglz took three times as long to store a 100,000-response CSV (migration e3a1lz4file1).
    with app.app_context():
        compression = db.session.scalar(sa.text(
            "SELECT attcompression FROM pg_attribute WHERE attrelid = 'jobs'::regclass AND attname = 'file'"))
    assert compression == "l"
