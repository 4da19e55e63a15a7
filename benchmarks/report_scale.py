"""The board report for a big round: time and peak memory of `build_report` (and of rendering the board
page) for 100,000 synthetic responses × 25 questions, on SQLite and on PostgreSQL; and the time of the
staff free-text overview (`GET /staff/rounds/<slug>/free-text`) for the same round.

Each measurement runs in a fresh Python process, so its peak memory (VmHWM, benchmarks/memory.py: the most resident
memory the process ever had, Python and the app included) belongs to the report alone."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BAR_SECONDS = 5.0
BAR_MB = 1024
BAR_OVERVIEW_SECONDS = 1.0
OVERVIEW_REPEATS = 3  # the overview is fetched this many times; the median is reported
STAFF_EMAIL = "benchmark-worker@council.example"
DATA_DIR = Path(__file__).with_name(".data")
POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
POSTGRES_DATABASE = "voices_bench_report" + os.environ.get("BENCH_DB_SUFFIX", "")


@dataclass(frozen=True)
class ReportRun:
    database: str
    responses: int
    answer_rows: int
    build_seconds: float
    render_seconds: float | None
    peak_mb: float
    overview_seconds: float | None = None
    overview_status: int | None = None
    overview_answers: int | None = None
    load: tuple[float, float, float] | None = None


def sqlite_database(responses: int) -> tuple[str, str]:
    """(url, slug) of a cached SQLite benchmark database, generated on first use."""
    from .synthetic import generate

    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"report-{responses}-text.sqlite"  # every written answer different, scores stored
    slug_file = path.with_suffix(".slug")
    url = f"sqlite:///{path}"
    if not (path.exists() and slug_file.exists()):
        path.unlink(missing_ok=True)
        print(f"  generating {responses:,} responses into {path} (once; reused next time)...", flush=True)
        slug_file.write_text(generate(url, responses), encoding="utf-8")
    return url, slug_file.read_text(encoding="utf-8").strip()


def postgres_database(responses: int) -> tuple[str, str]:
    """(url, slug) of a fresh PostgreSQL benchmark database."""
    import sqlalchemy as sa

    from .synthetic import generate

    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)"))
        connection.execute(sa.text(f"CREATE DATABASE {POSTGRES_DATABASE}"))
    admin.dispose()
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{POSTGRES_DATABASE}"
    print(f"  generating {responses:,} responses into PostgreSQL {POSTGRES_DATABASE}...", flush=True)
    slug = generate(url, responses)
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text("VACUUM ANALYZE"))
    engine.dispose()
    return url, slug


def measure(database: str, url: str, slug: str) -> ReportRun:
    """Run the report in a child process and read what it measured."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.report_scale", "--child", url, slug],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"report benchmark on {database} failed:\n{completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    overview = subprocess.run(
        [sys.executable, "-m", "benchmarks.report_scale", "--overview", url, slug],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if overview.returncode != 0:
        raise RuntimeError(f"free-text overview benchmark on {database} failed:\n{overview.stderr[-3000:]}")
    result.update(json.loads(overview.stdout.strip().splitlines()[-1]))
    return ReportRun(database=database, load=os.getloadavg(), **result)


def _overview(url: str, slug: str) -> None:
    """Time the staff free-text overview of the round through the app (test client, signed in as a
    participation worker made for the benchmark), median of OVERVIEW_REPEATS after one warm-up GET."""
    import statistics

    import sqlalchemy as sa

    from survey_app import create_app
    from survey_app.accounts.operations import create_user, find_user
    from survey_app.accounts.roles import WORKER
    from survey_app.extensions import db
    from survey_app.rounds.operations import round_by_slug

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    password = "benchmark only, not a real account"
    with app.app_context():
        if find_user(STAFF_EMAIL) is None:
            create_user(STAFF_EMAIL, password, [WORKER], actor="benchmarks/report_scale.py")
            db.session.commit()
        round_id = round_by_slug(slug).id
        answers = db.session.scalar(sa.text("SELECT count(*) FROM answers WHERE round_id = :r AND text IS NOT NULL"),
                                    {"r": round_id})
    client = app.test_client()
    signed = client.post("/staff/sign-in", data={"email": STAFF_EMAIL, "password": password})
    if signed.status_code != 302:
        raise RuntimeError(f"could not sign in for the overview: {signed.status_code}")
    times, status = [], 0
    for number in range(OVERVIEW_REPEATS + 1):
        started = time.perf_counter()
        response = client.get(f"/staff/rounds/{slug}/free-text")
        response.get_data()
        if number:
            times.append(time.perf_counter() - started)
        status = response.status_code
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    print(json.dumps({"overview_seconds": statistics.median(times), "overview_status": status,
                      "overview_answers": answers}))


def _child(url: str, slug: str) -> None:
    import sqlalchemy as sa

    from survey_app import create_app
    from survey_app.extensions import db
    from survey_app.reporting.build import build
    from survey_app.rounds.operations import round_by_slug

    from .memory import peak_mb

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        survey_round = round_by_slug(slug)
        responses = db.session.scalar(sa.text("SELECT count(*) FROM responses WHERE round_id = :r"),
                                      {"r": survey_round.id})
        answer_rows = db.session.scalar(
            sa.text("SELECT count(*) FROM answers JOIN responses ON responses.id = answers.response_id "
                    "WHERE responses.round_id = :r"), {"r": survey_round.id})
        started = time.perf_counter()
        report = build(survey_round.id)  # the typed Report; its JSON (build_report) is made below too
        report.to_json()
        build_seconds = time.perf_counter() - started
        render_seconds = None
        try:
            from survey_app.reporting.render import render_board_html
        except ImportError:
            pass
        else:
            started = time.perf_counter()
            render_board_html(report)
            render_seconds = time.perf_counter() - started
    peak_mb = peak_mb()
    print(json.dumps({"responses": responses, "answer_rows": answer_rows, "build_seconds": build_seconds,
                      "render_seconds": render_seconds, "peak_mb": peak_mb}))


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "OVER"


def rows(run: ReportRun) -> list[tuple[str, str, str, str]]:
    total = run.build_seconds + (run.render_seconds or 0)
    name = f"Board report, {run.responses:,} responses ({run.answer_rows:,} answer rows), {run.database}"
    load = "" if run.load is None else " (load {:.1f} {:.1f} {:.1f})".format(*run.load)
    overview = []
    if run.overview_seconds is not None:
        ok = run.overview_status == 200 and run.overview_seconds <= BAR_OVERVIEW_SECONDS
        overview = [(f"Staff free-text overview, {run.overview_answers:,} written answers, {run.database}",
                     f"{run.overview_seconds:.2f} s (HTTP {run.overview_status}){load}",
                     f"<= {BAR_OVERVIEW_SECONDS:g} s", _verdict(ok))]
    return [
        (f"{name}: build", f"{run.build_seconds:.2f} s", "-", ""),
        (f"{name}: render page", "not available" if run.render_seconds is None else f"{run.render_seconds:.2f} s",
         "-", ""),
        (f"{name}: total time", f"{total:.2f} s{load}", f"<= {BAR_SECONDS:g} s", _verdict(total <= BAR_SECONDS)),
        (f"{name}: peak memory", f"{run.peak_mb:.0f} MB", f"<= {BAR_MB} MB", _verdict(run.peak_mb <= BAR_MB)),
        *overview,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_scale")
    parser.add_argument("--child", nargs=2, metavar=("URL", "SLUG"), help=argparse.SUPPRESS)
    parser.add_argument("--overview", nargs=2, metavar=("URL", "SLUG"), help=argparse.SUPPRESS)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], action="append",
                        help="measure on this database (repeatable; default both)")
    parser.add_argument("--responses", type=int, default=100_000)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
    elif args.overview:
        _overview(*args.overview)
    else:
        for name in args.database or ["sqlite", "postgresql"]:
            make = sqlite_database if name == "sqlite" else postgres_database
            url, slug = make(args.responses)
            for row in rows(measure("SQLite" if name == "sqlite" else "PostgreSQL", url, slug)):
                print("  ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
