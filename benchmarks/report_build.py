"""The board report of a big synthetic round: time and peak memory of ``build_report``.

    .venv/bin/python -m benchmarks.report_build [--responses 100000] [--database URL]

Generates (deterministically, seed 2018) a questionnaire of 25 questions — care status, where
they live, 8 yes/no, 6 five-face and 4 three-face scales, 3 multiple choice, 2 free text — and a
round of N responses (default 100,000): every choice question answered or skipped (10%) with
fixed, uneven odds, about 10% of young people writing each free-text answer. Rows are bulk-inserted
with SQLAlchemy Core, then ``ANALYZE`` (as autovacuum would). Then it builds the board report
(``for_staff=False``) once to warm up and once measured, in a child process, and prints the
wall time and the child's peak memory
(``ru_maxrss``). Default database: a temporary SQLite file; ``--database`` takes a PostgreSQL URL
(its tables are dropped and recreated: use a scratch database). Bar: ≤ 5 s and ≤ 1 GB."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAR_SECONDS = 5.0
BAR_BYTES = 1024 ** 3
QUESTIONS = (
    [("care_status", "single", ["in_care", "care_leaver"])]
    + [("living_with", "single", ["foster_family", "childrens_home", "supported_lodgings", "own_flat",
                                  "family_or_friends", "somewhere_else"])]
    + [(f"yes_no_{n}", "yes_no", ["yes", "no", "not_sure"]) for n in range(8)]
    + [(f"smiley5_{n}", "smiley5", ["1", "2", "3", "4", "5"]) for n in range(6)]
    + [(f"smiley3_{n}", "smiley3", ["1", "2", "3"]) for n in range(4)]
    + [(f"multiple_{n}", "multiple", ["a", "b", "c", "d", "e"]) for n in range(3)]
    + [(f"text_{n}", "long_text", []) for n in range(2)]
)
PRIORITIES = ("placement", "health", "education", "eet", "voice")
TEXTS = ("school is ok but i want more help with maths", "i want to see my mum and my brother more",
         "my foster carers are kind", "more money for the bus to college", "nothing really",
         "i want my social worker to listen to me", "football club on saturdays")


def questionnaire_yaml() -> str:
    lines = ["id: bench-25", "version: 1", 'title: "Benchmark survey"', "audience:", '  ages: "11-25"',
             "  groups: [in_care, care_leaver]", "minutes: 10", "intro: A synthetic survey.", "sections:",
             "  - id: all", "    title: Everything", "    questions:"]
    for index, (question_id, kind, values) in enumerate(QUESTIONS):
        lines += [f"      - id: {question_id}", f"        type: {kind}",
                  f"        text: Question {index + 1}?", f"        priority: {PRIORITIES[index % 5]}"]
        if kind in ("single", "multiple"):
            lines.append("        options:")
            lines += [f"          - {{value: {value}, label: Option {value}}}" for value in values]
    return "\n".join(lines) + "\n"


def generate(app, responses: int) -> int:
    """Store the questionnaire, open a round, insert the responses; returns the round id."""
    import datetime as dt

    from sqlalchemy import text as sa_text

    from survey_app.extensions import db
    from survey_app.models import Answer, SurveyResponse
    from survey_app.models.ids import random_id
    from survey_app.questionnaire.store import store
    from survey_app.rounds.operations import open_round

    rng = random.Random(2018)
    with app.app_context():
        stored, _ = store(questionnaire_yaml(), "bench-25.yaml")
        survey_round = open_round(stored, "Benchmark round")
        db.session.commit()
        round_id = survey_round.id
        weights = {question_id: [rng.randint(1, 9) for _ in values] for question_id, _, values in QUESTIONS}
        response_table, answer_table = SurveyResponse.__table__, Answer.__table__
        batch = 5_000
        for start in range(0, responses, batch):
            people, rows = [], []
            for _ in range(min(batch, responses - start)):
                response_id = random_id()
                people.append({"id": response_id, "round_id": round_id, "week_of": dt.date(2026, 11, 16),
                               "channel": "paper" if rng.random() < 0.1 else "online"})
                for question_id, kind, values in QUESTIONS:
                    base = {"response_id": response_id, "question_id": question_id, "position": 0,
                            "choice": None, "text": None, "skipped": False}
                    if kind == "long_text":
                        if rng.random() < 0.1:
                            rows.append({**base, "text": rng.choice(TEXTS)})
                        continue
                    if rng.random() < 0.1 and question_id not in ("care_status", "living_with"):
                        rows.append({**base, "skipped": True})
                    elif kind == "multiple":
                        picked = sorted(set(rng.choices(values, weights[question_id], k=rng.randint(1, 3))))
                        rows += [{**base, "position": position, "choice": value}
                                 for position, value in enumerate(picked)]
                    else:
                        rows.append({**base, "choice": rng.choices(values, weights[question_id])[0]})
            db.session.execute(response_table.insert(), people)
            db.session.execute(answer_table.insert(), rows)
            db.session.commit()
        # Planner statistics, as autovacuum (PostgreSQL) would have them by the time a report is read;
        # without them PostgreSQL plans 2.5 million answer rows as a few hundred.
        db.session.execute(sa_text("ANALYZE"))
        db.session.commit()
    return round_id


def measure(database: str, round_id: int) -> dict:
    """Runs in the child process: build the board report twice, time the second."""
    from survey_app import create_app
    from survey_app.reports.build import build_report

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database})
    with app.app_context():
        build_report(round_id)
        started = time.perf_counter()
        report = build_report(round_id)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes
    return {"seconds": seconds, "peak_bytes": peak, "total": report["responses"]["total"]}


def _prepare(database: str, responses: int) -> int:
    from flask_migrate import upgrade
    from sqlalchemy import create_engine, inspect, text

    from survey_app import create_app
    from survey_app.extensions import db
    from survey_app.questionnaire.store import shipped_files, store

    if database.startswith("postgresql"):
        engine = create_engine(database)
        with engine.begin() as connection:
            for table in inspect(connection).get_table_names():
                connection.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
        engine.dispose()
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database})
    with app.app_context():
        with contextlib.redirect_stderr(io.StringIO()):
            upgrade()
        for path in shipped_files():
            store(path.read_text(encoding="utf-8"), str(path))
        db.session.commit()
    return generate(app, responses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", help="SQLAlchemy URL of a scratch database (default: temporary SQLite)")
    parser.add_argument("--child", nargs=2, metavar=("URL", "ROUND_ID"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return 0
    with tempfile.TemporaryDirectory(prefix="voices-report-bench-") as folder:
        database = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        started = time.perf_counter()
        round_id = _prepare(database, args.responses)
        print(f"generated {args.responses:,} responses × {len(QUESTIONS)} questions "
              f"in {time.perf_counter() - started:.0f} s ({database.split(':')[0]})", file=sys.stderr)
        child = subprocess.run([sys.executable, "-m", "benchmarks.report_build", "--child", database, str(round_id)],
                               capture_output=True, text=True, check=True)
        result = json.loads(child.stdout.strip().splitlines()[-1])
    ok_time, ok_memory = result["seconds"] <= BAR_SECONDS, result["peak_bytes"] <= BAR_BYTES
    print(f"board report, {result['total']:,} responses: {result['seconds']:.2f} s (bar ≤ {BAR_SECONDS:.0f} s) "
          f"{'PASS' if ok_time else 'OVER'}; peak memory {result['peak_bytes'] / 1024 ** 2:.0f} MB "
          f"(bar ≤ 1024 MB) {'PASS' if ok_memory else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
