"""The written answers table on a big round (a database made by benchmarks.synthetic): each filtered view a
worker would open, in-process with the Flask test client, signed in as a worker. Each view is opened once
to warm up, then ``--repeat`` times; prints the median and the slowest per view, and the plan PostgreSQL
chose for the first page of the round.

    .venv/bin/python -m benchmarks.written_table DATABASE_URL SLUG [--repeat 5]

No bar here; the page_times benchmark's 2 s bar applies to every staff page."""

from __future__ import annotations

import argparse
import statistics
import sys
import time

EMAIL = "bench-worker@example.org"
PASSWORD = "a long benchmark password 3"


def views(slug: str, question: str, theme: str) -> list[tuple[str, dict[str, str]]]:
    return [
        ("round, page 1", {"round": slug}),
        ("round, page 500", {"round": slug, "page": "500"}),
        ("round and question", {"round": slug, "question": question}),
        ("search one word", {"round": slug, "q": "social"}),
        ("search two words", {"round": slug, "q": "social worker"}),
        ("theme", {"round": slug, "theme": theme}),
        ("no theme", {"round": slug, "theme": "none"}),
        ("sentiment negative", {"round": slug, "sentiment": "negative"}),
        ("not coded by hand", {"round": slug, "state": "not_coded"}),
        ("coded by hand", {"round": slug, "state": "coded"}),
        ("approved quotes", {"round": slug, "state": "approved"}),
        ("question + theme + negative + search", {"round": slug, "question": question, "theme": theme,
                                                  "sentiment": "negative", "q": "school"}),
        ("question + theme + negative, page 5", {"round": slug, "question": question, "theme": theme,
                                                  "sentiment": "negative", "page": "5"}),
        ("all rounds", {}),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.written_table", description=__doc__)
    parser.add_argument("url")
    parser.add_argument("slug")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from sqlalchemy import func, select, text

    from survey_app import create_app
    from survey_app.accounts.operations import create_user, find_user
    from survey_app.extensions import db
    from survey_app.models import Answer
    from survey_app.moderation.table import Filters, written_condition
    from survey_app.rounds.operations import questionnaire_of, round_by_slug

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": args.url, "WTF_CSRF_ENABLED": False})
    with app.app_context():
        survey_round = round_by_slug(args.slug)
        question = next(q.id for q in questionnaire_of(survey_round).questions if q.is_text)
        written = db.session.scalar(select(func.count()).select_from(Answer).where(
            written_condition(), Answer.round_id == survey_round.id))
        theme = db.session.scalar(select(Answer.themes).where(written_condition(), Answer.themes != "",
                                                              Answer.round_id == survey_round.id).limit(1)).split()[0]
        if find_user(EMAIL) is None:
            create_user(EMAIL, PASSWORD, ["worker"], actor="benchmark")
            db.session.commit()
        if db.engine.dialect.name == "postgresql":
            from survey_app.moderation import table

            statement = table._joined(  # noqa: SLF001 - the page's own statement, for its plan
                select(Answer.response_id, Answer.question_id).select_from(Answer), coding=False, quote=False,
            ).where(*table.conditions(Filters(round=args.slug), survey_round.id)).order_by(
                Answer.round_id.desc(), Answer.question_id, Answer.response_id).limit(100).offset(49_900)
            compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
            plan = db.session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS) {compiled}")).scalars().all()
            print("Plan of the round's page 500:\n  " + "\n  ".join(plan), file=sys.stderr)
    client = app.test_client()
    assert client.post("/staff/sign-in", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    print(f"{written:,} written answers in round {args.slug}; question {question}, theme {theme}")
    print(f"{'view':42} {'answers':>8} {'median':>9} {'slowest':>9}")
    for name, query in views(args.slug, question, theme):
        response = client.get("/staff/written-answers", query_string=query)
        assert response.status_code == 200, (name, response.status_code)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get("/staff/written-answers", query_string=query)
            times.append(time.perf_counter() - started)
        found = response.get_data(as_text=True).split('id="results">', 1)[1].split(" ", 1)[0]
        print(f"{name:42} {found:>8} {statistics.median(times) * 1000:7.0f} ms {max(times) * 1000:7.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
