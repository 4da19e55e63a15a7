"""Published reports and files at scale, on a database made by benchmarks.synthetic (100,000 responses):

- the children's "You said, we did" page and the board page once the report is stored: in-process GETs
  with the Flask test client (no network), median and 95th percentile; bar: children's page median ≤ 5 ms;
- the anonymised responses as CSV and as XLSX, made as jobs (jobs/queue.py, the in-process thread backend):
  from asking to the file being ready; bars: CSV ≤ 3 s, XLSX ≤ 10 s.

    .venv/bin/python -m benchmarks.stored_reports DATABASE_URL SLUG

Everything runs in a fresh child process, whose peak memory (VmHWM, benchmarks/memory.py) is printed too."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

BAR_CHILDREN_MEDIAN_MS = 5.0
BAR_CSV_SECONDS = 3.0
BAR_XLSX_SECONDS = 10.0
PAGE_VIEWS = 200
BOARD_EMAIL = "bench-board@example.org"
BOARD_PASSWORD = "a long benchmark password 1"


@dataclass(frozen=True)
class StoredRun:
    database: str
    store_seconds: float
    children_median_ms: float
    children_p95_ms: float
    board_median_ms: float
    csv_seconds: float
    csv_bytes: int
    xlsx_seconds: float
    xlsx_bytes: int
    peak_mb: float


def measure(database: str, url: str, slug: str) -> StoredRun:
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.stored_reports", url, slug],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"stored report benchmark on {database} failed:\n{completed.stderr[-3000:]}")
    return StoredRun(database=database, **json.loads(completed.stdout.strip().splitlines()[-1]))


def _timed_gets(client, path: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return sorted(times)


def _child(url: str, slug: str) -> dict:
    import datetime as dt

    from survey_app import create_app
    from survey_app.accounts.operations import create_user, find_user
    from survey_app.extensions import db
    from survey_app.jobs import queue
    from survey_app.models import RoundReport
    from survey_app.reporting import stored
    from survey_app.rounds.operations import round_by_slug

    from .memory import peak_mb
    from .server_time import percentile

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
                      "JOB_WAIT_SECONDS": 0})
    with app.app_context():
        survey_round = round_by_slug(slug)
        row = db.session.get(RoundReport, survey_round.id) or RoundReport(round_id=survey_round.id)
        row.published, row.published_on = True, dt.date.today()
        db.session.add(row)
        db.session.commit()
        started = time.perf_counter()
        stored.rebuild(survey_round.id, for_staff=False)
        db.session.commit()
        store_seconds = time.perf_counter() - started
        round_id = survey_round.id

    client = app.test_client()
    for _ in range(20):  # warm up: templates compiled, the parsed report in memory
        client.get(f"/r/{slug}/you-said-we-did")
    children = _timed_gets(client, f"/r/{slug}/you-said-we-did", PAGE_VIEWS)

    with app.app_context():
        if find_user(BOARD_EMAIL) is None:
            create_user(BOARD_EMAIL, BOARD_PASSWORD, ["board"], actor="benchmark")
            db.session.commit()
    board_client = app.test_client()
    signed_in = board_client.post("/staff/sign-in", data={"email": BOARD_EMAIL, "password": BOARD_PASSWORD})
    assert signed_in.status_code == 302, signed_in.status_code
    board = _timed_gets(board_client, f"/staff/board/reports/{slug}", 20)

    files = {}
    with app.test_request_context():
        from survey_app.reporting import exports

        for name in ("responses.csv", "responses.xlsx"):
            started = time.perf_counter()
            job = queue.start(exports.DOWNLOAD_JOB, round_id=round_id, params={"name": name},
                              requested_by="bench@example.org")
            finished = queue.wait(job.id, 600)
            seconds = time.perf_counter() - started
            assert finished is not None and finished.status == "done", (name, finished and finished.error)
            files[name] = (seconds, len(finished.file or b""))
    peak_mb = peak_mb()
    return {
        "store_seconds": store_seconds,
        "children_median_ms": statistics.median(children), "children_p95_ms": percentile(children, 0.95),
        "board_median_ms": statistics.median(board),
        "csv_seconds": files["responses.csv"][0], "csv_bytes": files["responses.csv"][1],
        "xlsx_seconds": files["responses.xlsx"][0], "xlsx_bytes": files["responses.xlsx"][1],
        "peak_mb": peak_mb,
    }


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "OVER"


def rows(run: StoredRun) -> list[tuple[str, str, str, str]]:
    name = run.database
    return [
        (f"Stored report, {name}: build and store (job)", f"{run.store_seconds:.2f} s", "-", ""),
        (f"Children's page from the stored report, {name}: median", f"{run.children_median_ms:.2f} ms",
         f"<= {BAR_CHILDREN_MEDIAN_MS:g} ms", _verdict(run.children_median_ms <= BAR_CHILDREN_MEDIAN_MS)),
        (f"Children's page from the stored report, {name}: p95", f"{run.children_p95_ms:.2f} ms", "-", ""),
        (f"Board page from the stored report, {name}: median", f"{run.board_median_ms:.2f} ms", "-", ""),
        (f"Responses CSV as a job, {name}", f"{run.csv_seconds:.2f} s ({run.csv_bytes / 1e6:.1f} MB)",
         f"<= {BAR_CSV_SECONDS:g} s", _verdict(run.csv_seconds <= BAR_CSV_SECONDS)),
        (f"Responses XLSX as a job, {name}", f"{run.xlsx_seconds:.2f} s ({run.xlsx_bytes / 1e6:.1f} MB)",
         f"<= {BAR_XLSX_SECONDS:g} s", _verdict(run.xlsx_seconds <= BAR_XLSX_SECONDS)),
        (f"Stored reports and files, {name}: peak memory", f"{run.peak_mb:.0f} MB", "-", ""),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stored_reports", description=__doc__)
    parser.add_argument("url")
    parser.add_argument("slug")
    args = parser.parse_args(argv)
    print(json.dumps(_child(args.url, args.slug)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
