"""Two app processes (gunicorn, one worker each) and an RQ job worker on one PostgreSQL and one Redis, as a
council runs it: children answer through either process, a worker publishes on one and the other serves the
published page, and a file asked for on one is made by the job worker and downloaded from the other."""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis
import requests

from .conftest import REDIS_TEST_URL, missing
from .test_concurrent_submissions import _complete

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CHILDREN = range(1, 10)  # none of them presses Send twice (see test_concurrent_submissions)

pytestmark = pytest.mark.postgres_only


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    for _ in range(150):
        if process.poll() is not None:
            pytest.fail(f"{base} stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            if requests.get(f"{base}/staff/sign-in", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    pytest.fail(f"{base} did not start")


@pytest.fixture
def two_apps_and_a_job_worker(app):
    try:
        store = redis.Redis.from_url(REDIS_TEST_URL)
        store.flushdb()
    except redis.RedisError as error:
        missing(f"Redis at 127.0.0.1:6379 is not reachable: {error}")
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": REDIS_TEST_URL,
           "SECRET_KEY": "test-secret-key", "COUNCIL_NAME": "Testshire Council", "JOB_WAIT_SECONDS": "0"}
    processes, bases = [], []
    try:
        for _ in range(2):
            port = _free_port()
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-w", "1", "--threads", "4", "-b", f"127.0.0.1:{port}",
                 "survey_app:create_app()"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            bases.append(f"http://127.0.0.1:{port}")
        processes.append(subprocess.Popen([sys.executable, "-m", "flask", "--app", "survey_app", "jobs", "worker"],
                                          cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        for base, process in zip(bases, processes, strict=False):
            _wait_until_up(base, process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stderr.close()
        store.flushdb()
        store.close()


def _signed_in(base: str, email: str, password: str) -> requests.Session:
    staff = requests.Session()
    page = staff.get(f"{base}/staff/sign-in", timeout=15).text
    signed = staff.post(f"{base}/staff/sign-in", data={"csrf_token": TOKEN.search(page).group(1), "email": email,
                                                        "password": password}, timeout=15, allow_redirects=False)
    assert signed.status_code == 302, signed.text[:500]
    return staff


def test_two_app_processes_and_a_job_worker_share_journeys_publishing_and_files(app, make_round, make_staff,
                                                                                two_apps_and_a_job_worker):
    one, two = two_apps_and_a_job_worker
    slug = make_round("younger-children")
    with ThreadPoolExecutor(max_workers=6) as pool:
        answered = list(pool.map(lambda child: _complete(one if child % 2 else two, slug, child), CHILDREN))
    assert set(answered) == {14}

    email, password = make_staff("worker")
    staff = _signed_in(one, email, password)  # the session cookie works on both processes (one secret key)
    page = staff.get(f"{two}/staff/reports/{slug}/publish", timeout=30)
    for _ in range(100):  # the staff report is built by the job worker; the page says so until it is ready
        if page.status_code == 200:
            break
        assert page.status_code == 503 and "Preparing the report" in page.text
        time.sleep(0.2)
        page = staff.get(f"{two}/staff/reports/{slug}/publish", timeout=30)
    published = staff.post(f"{two}/staff/reports/{slug}/publish", timeout=30, allow_redirects=False, data={
        "csrf_token": TOKEN.search(page.text).group(1), "board_summary": "Thank you", "children_good": "You feel safe.",
        "children_change": "", "preview": "1"})
    assert published.status_code == 302, published.text[:500]
    published = staff.post(f"{two}/staff/reports/{slug}/publish/confirm", timeout=30, allow_redirects=False,
                           data={"csrf_token": TOKEN.search(page.text).group(1)})
    assert published.status_code == 302, published.text[:500]

    children_page = None
    for _ in range(100):
        children_page = requests.get(f"{one}/r/{slug}/you-said-we-did", timeout=30)
        if children_page.status_code == 200:
            break
        time.sleep(0.2)
    assert children_page.status_code == 200 and "You feel safe." in children_page.text
    assert f"{len(CHILDREN)} young people answered" in children_page.text

    report = staff.get(f"{one}/staff/reports/{slug}", timeout=30)
    asked = staff.post(f"{one}/staff/reports/{slug}/download/responses.csv", timeout=30, allow_redirects=False,
                       data={"csrf_token": TOKEN.search(report.text).group(1)})
    assert asked.status_code == 303
    job_path = asked.headers["Location"]
    for _ in range(150):
        job_page = staff.get(f"{two}{job_path}", timeout=30)
        if "Your file is ready" in job_page.text:
            break
        assert "could not be made" not in job_page.text
        time.sleep(0.2)
    file_path = re.search(r'href="(/staff/jobs/[0-9a-f]{32}/file)"', job_page.text).group(1)
    rows = list(csv.DictReader(io.StringIO(staff.get(f"{two}{file_path}", timeout=30).content.decode("utf-8-sig"))))
    assert len(rows) == len(CHILDREN)
