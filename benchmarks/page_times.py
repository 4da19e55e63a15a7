"""Every page a worker or a board member opens, on a big round (a database made by benchmarks.synthetic):
each GET route of the app is visited once (after one warm-up visit) with its arguments filled from the
round (its slug, a question, a free-text question, the questionnaire), signed in as an admin who is also a
worker and a board member. Prints each page's time and the slowest. Bar: no page over 2 s. Report pages
read the stored report (built before timing, as publishing does); files are jobs and are not pages.

    .venv/bin/python -m benchmarks.page_times DATABASE_URL SLUG"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time

BAR_SECONDS = 2.0
SKIPPED = ("/static/", "/staff/jobs/", "/exit", "/staff/password")
EMAIL = "bench-admin@example.org"
PASSWORD = "a long benchmark password 2"


def measure(url: str, slug: str) -> list[tuple[str, float, int]]:
    completed = subprocess.run([sys.executable, "-m", "benchmarks.page_times", url, slug], capture_output=True,
                               text=True, check=False, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if completed.returncode != 0:
        raise RuntimeError(f"page times failed:\n{completed.stderr[-3000:]}")
    return [tuple(item) for item in json.loads(completed.stdout.strip().splitlines()[-1])]


def _child(url: str, slug: str) -> list[tuple[str, float, int]]:
    from sqlalchemy import select

    from survey_app import create_app
    from survey_app.accounts.operations import create_user, find_user
    from survey_app.extensions import db
    from survey_app.models import Action, Quote, StrategyPriority, Theme
    from survey_app.reporting import stored
    from survey_app.rounds.operations import questionnaire_of, round_by_slug

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
                      "JOB_WAIT_SECONDS": 0})
    with app.app_context():
        survey_round = round_by_slug(slug)
        questionnaire = questionnaire_of(survey_round)
        text_question = next(question.id for question in questionnaire.questions if question.is_text)
        values = {
            "slug": slug, "key": survey_round.questionnaire_version.key,
            "version_id": survey_round.questionnaire_version_id, "number": 1,
            "question_id": text_question, "section_id": questionnaire.sections[0].id,
            "action_id": db.session.scalar(select(Action.id).limit(1)),
            "priority_id": db.session.scalar(select(StrategyPriority.id).limit(1)),
            "theme_id": db.session.scalar(select(Theme.id).limit(1)),
            "quote_id": db.session.scalar(select(Quote.id).where(Quote.round_id == survey_round.id).limit(1)),
        }
        if find_user(EMAIL) is None:
            create_user(EMAIL, PASSWORD, ["admin", "worker", "board"], actor="benchmark")
            db.session.commit()
        for for_staff in (False, True):  # as publishing leaves it: the reports are stored
            stored.rebuild(survey_round.id, for_staff=for_staff)
        db.session.commit()
    client = app.test_client()
    assert client.post("/staff/sign-in", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    times = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in rule.methods or rule.rule.startswith(SKIPPED):
            continue
        arguments = {name: values.get(name) for name in rule.arguments}
        if None in arguments.values():
            continue
        path = rule.rule
        for name, value in arguments.items():
            path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        client.get(path)
        started = time.perf_counter()
        status = client.get(path).status_code
        times.append((path, time.perf_counter() - started, status))
    return times


def rows(times: list[tuple[str, float, int]]) -> list[tuple[str, str, str, str]]:
    slowest = max(times, key=lambda item: item[1])
    return [
        ("Staff and children's pages on the big round: pages timed", str(len(times)), "-", ""),
        ("Slowest page on the big round", f"{slowest[1]:.2f} s ({slowest[0]}, HTTP {slowest[2]})",
         f"<= {BAR_SECONDS:g} s", "PASS" if slowest[1] <= BAR_SECONDS else "OVER"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page_times", description=__doc__)
    parser.add_argument("url")
    parser.add_argument("slug")
    args = parser.parse_args(argv)
    times = _child(args.url, args.slug)
    for path, seconds, status in sorted(times, key=lambda item: -item[1]):
        print(f"  {seconds * 1000:8.1f} ms  HTTP {status}  {path}", file=sys.stderr)
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
