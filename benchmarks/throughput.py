"""Throughput: completed surveys per second through gunicorn (gunicorn.conf.py, the production settings)
on PostgreSQL, from parallel scripted young people over HTTP on 127.0.0.1 (survey_client.Phone: one
kept-alive connection and its cookies each, reading every page).

Sets up the database `voices_bench` (with $BENCH_DB_SUFFIX appended if set, so parallel runs keep
apart; created if missing; the test suite's `test` database is never touched): `flask db upgrade`,
`flask questionnaires load`, `flask rounds open <survey>`. Starts gunicorn on a free port, runs the
completions, checks every one was stored, stops gunicorn (always), and deletes the round it opened
(its responses go with it)."""

from __future__ import annotations

import contextlib
import os
import re
import runpy
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests

from .survey_client import Phone, complete, phone_fetcher

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER = "postgresql://postgres@127.0.0.1:5432"
DATABASE = "voices_bench" + os.environ.get("BENCH_DB_SUFFIX", "")  # e.g. _pages: parallel runs apart
REQUEST_TIMEOUT = 15  # seconds, per HTTP request
START_TIMEOUT = 30  # seconds for gunicorn to answer
RUN_TIMEOUT = 300  # seconds for all the completions


@dataclass
class Throughput:
    completions: int
    failed: int
    threads: int
    workers: int
    seconds: float
    http_requests: int
    stored: int
    client_cpu_seconds: float = 0.0  # the scripted young people's own CPU (this process), user + system

    @property
    def per_second(self) -> float:
        return self.completions / self.seconds if self.seconds else 0.0

    @property
    def requests_per_second(self) -> float:
        return self.http_requests / self.seconds if self.seconds else 0.0

    @property
    def client_cpu_share(self) -> float:
        """The clients' CPU time as a share of the machine's CPU time during the run (all cores)."""
        return self.client_cpu_seconds / (self.seconds * (os.cpu_count() or 1)) if self.seconds else 0.0


def _psql(dbname: str):
    import psycopg

    return psycopg.connect(f"{SERVER}/{dbname}", autocommit=True, connect_timeout=5)


def ensure_database() -> None:
    import psycopg

    try:
        maintenance = _psql("postgres")
    except psycopg.OperationalError:
        maintenance = _psql("test")
    with maintenance as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("VOICES_DEMO", "TEST_DATABASE_URL")}
    env.update(SECRET_KEY="bench", DATABASE_URL=f"{SERVER}/{DATABASE}", FLASK_APP="survey_app",
               PUBLIC_URL="http://127.0.0.1")
    return env


def _flask(*args: str) -> str:
    done = subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=_environment(), capture_output=True,
                          text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(questionnaire_key: str) -> str:
    """Schema, questionnaires and a new open round in voices_bench; returns the round's slug."""
    ensure_database()
    _flask("db", "upgrade")
    _flask("questionnaires", "load")
    opened = _flask("rounds", "open", questionnaire_key, "--title", f"{questionnaire_key} (benchmark)")
    match = re.search(r"/r/([A-Za-z0-9_-]+)\s*$", opened.strip())
    if not match:
        raise RuntimeError(f"could not read the round's link from: {opened!r}")
    return match.group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(base: str, process: subprocess.Popen, log: Path, ready_path: str = "/") -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(base + ready_path, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT} s:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # gunicorn: graceful shutdown of the workers
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _one(base: str, slug: str, child: int, deadline: float) -> int:
    if time.monotonic() > deadline:
        raise TimeoutError("benchmark time limit reached")
    with Phone(base, REQUEST_TIMEOUT) as phone:
        get, post = phone_fetcher(phone)
        return complete(get, post, slug, child)


# The production setup (README "Run it for real"): every benchmark that starts gunicorn uses gunicorn.conf.py
# as it is (workers, threads, keep-alive, access log), for the app and for the minimal Flask app it is
# compared with. WEB_CONCURRENCY and WEB_THREADS from the environment apply here as in production.
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
GUNICORN_SETTINGS = ("-c", str(GUNICORN_CONF))


def _production_settings() -> dict:
    return runpy.run_path(str(GUNICORN_CONF))


_PRODUCTION = _production_settings()
WORKERS, THREADS, WORKER_CLASS = _PRODUCTION["workers"], _PRODUCTION["threads"], _PRODUCTION["worker_class"]


def describe_settings() -> str:
    """e.g. "gunicorn.conf.py: 4 gthread workers x 2 threads"."""
    return f"gunicorn.conf.py: {WORKERS} {WORKER_CLASS} workers x {THREADS} threads"


@contextlib.contextmanager
def serving(wsgi_app: str = "survey_app:create_app()", env: dict[str, str] | None = None,
            settings: tuple[str, ...] = GUNICORN_SETTINGS, ready_path: str = "/") -> Iterator[str]:
    """gunicorn serving wsgi_app on a free port with `settings`; yields its base URL, always stopped."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="voices-gunicorn-") as folder:
        log = Path(folder) / "gunicorn.log"
        with log.open("w") as log_file:
            process = subprocess.Popen(
                [str(BIN / "gunicorn"), *settings, "-b", f"127.0.0.1:{port}", wsgi_app],
                cwd=ROOT, env=env or _environment(), stdout=log_file, stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_up(base, process, log, ready_path)
                yield base
            finally:
                _stop(process)


def _completions(base: str, slug: str, completions: int, threads: int) -> tuple[list, float, float]:
    """Run `completions` journeys, `threads` at a time: (each one's request count or exception, seconds,
    the clients' CPU seconds)."""
    began_cpu = os.times()
    deadline = time.monotonic() + RUN_TIMEOUT
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(_one, base, slug, child, deadline) for child in range(completions)]
        outcomes = [future.exception() or future.result() for future in futures]
    seconds = time.perf_counter() - began
    ended_cpu = os.times()
    return outcomes, seconds, (ended_cpu.user - began_cpu.user) + (ended_cpu.system - began_cpu.system)


def _throughput(outcomes: list, seconds: float, client_cpu: float, threads: int, stored: int, what: str) -> Throughput:
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    if errors:
        print(f"  {len(errors)} {what} failed; first: {errors[0]!r}", file=sys.stderr)
    made = sum(outcome for outcome in outcomes if isinstance(outcome, int))
    return Throughput(len(outcomes) - len(errors), len(errors), threads, WORKERS, seconds, made, stored, client_cpu)


def measure(questionnaire_key: str = "priorities-2018", completions: int = 200, threads: int = 8) -> Throughput:
    slug = prepare(questionnaire_key)
    with serving() as base:
        outcomes, seconds, client_cpu = _completions(base, slug, completions, threads)
    return _throughput(outcomes, seconds, client_cpu, threads, _stored_and_cleaned(slug), "completions")


def measure_ceiling(completions: int = 200, threads: int = 8) -> Throughput:
    """The same journey, clients and gunicorn settings against benchmarks/hello_app.py's survey with nothing
    behind it: the completions per second gunicorn, Flask and the clients alone allow on this machine."""
    with serving("benchmarks.hello_app:app") as base:
        outcomes, seconds, client_cpu = _completions(base, "ceiling", completions, threads)
    return _throughput(outcomes, seconds, client_cpu, threads, 0, "ceiling completions")


def _stored_and_cleaned(slug: str) -> int:
    with _psql(DATABASE) as connection:
        stored = connection.execute(
            "SELECT count(*) FROM responses JOIN survey_rounds ON survey_rounds.id = responses.round_id "
            "WHERE survey_rounds.slug = %s", (slug,)).fetchone()[0]
    delete_round(slug)
    return stored


def delete_round(slug: str) -> None:
    """Delete a round the benchmark opened (its drafts and responses go with it)."""
    with _psql(DATABASE) as connection:
        connection.execute("DELETE FROM survey_rounds WHERE slug = %s", (slug,))
