"""Synthetic rounds for the report benchmark: a 25-question questionnaire and N random responses.

    .venv/bin/python -m benchmarks.synthetic DATABASE_URL [--responses 100000] [--previous 20000] [--seed 1]

creates the schema (Alembic), stores the synthetic questionnaire, opens a previous round (for trends)
and a current round, and bulk-inserts the responses straight into the tables (the survey pages would
take hours). Answers are random but shaped like real ones: some skips, some "I'd rather not say",
one free-text answer in three, care leavers and placement types for breakdowns, and a few paper
responses. Every written answer is different (5 to 25 words, assembled from the word pools below),
and each is stored with its sentiment and theme codes computed by the app's own scoring
(``survey_app.text_scores.score_texts``), as the app stores them. The same seed gives the same data.
Prints the current round's slug."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import random
import sys
import uuid
from collections.abc import Callable, Iterator

import sqlalchemy as sa

KEY = "benchmark-25"
RATHER_NOT_SAY = "rather_not_say"
SKIP_RATE = 0.05
DECLINE_RATE = 0.03
TEXT_RATE = 0.35
PAPER_RATE = 0.08
BATCH = 20_000

YES_NO = [("happy_where_living", "placement", "Are you happy where you live?"),
          ("feel_safe", "placement", "Do you feel safe where you live?"),
          ("want_to_stay", "placement", "Would you like to stay where you live?"),
          ("know_social_worker", "voice", "Do you know who your social worker is?"),
          ("listened_to", "voice", "Do you feel listened to?"),
          ("know_who_to_talk_to", "health", "Do you know who to talk to if you are worried?"),
          ("health_passport", "health", "Do you have a health passport?"),
          ("getting_education_needed", "education", "Are you getting the education you need?"),
          ("in_sixth_form_or_college", "eet", "Are you in sixth form or college?"),
          ("in_apprenticeship_or_work", "eet", "Are you in an apprenticeship or work?")]
SMILEYS = [("happy_or_sad", "health", "How happy or sad are you most days?"),
           ("feel_about_home", "placement", "How do you feel about where you live?"),
           ("feel_about_school", "education", "How do you feel about school or college?"),
           ("feel_about_contact", "placement", "How do you feel about how much you see your family?"),
           ("feel_about_future", "eet", "How do you feel about your future?")]
SINGLES = [("how_long_living_there", "placement", "How long have you lived there?",
            ["under_6_months", "6_to_12_months", "1_to_2_years", "over_2_years"]),
           ("how_doing_in_education", "education", "How are you doing at school or college?",
            ["really_well", "ok", "not_well"]),
           ("reviews_attended", "voice", "Do you go to your reviews?", ["always", "sometimes", "never"])]
MULTIPLES = [("who_helps", "voice", "Who helps you most?",
              ["carer", "social_worker", "teacher", "friend", "family", "iro"]),
             ("activities", "health", "What do you do in your free time?",
              ["sport", "music", "gaming", "clubs", "reading", "nothing"])]
TEXTS = [("what_we_should_do", "placement", "What should we do to help you?"),
         ("education_help_ideas", "education", "What would help you with school or college?"),
         ("anything_else", "voice", "Is there anything else you want to tell us?")]
PLACEMENTS = ["foster_family", "childrens_home", "supported_lodgings", "own_flat", "family_or_friends"]
# Written answers are assembled from these parts, so every one is different (5 to 25 words) and reads
# like what young people write: lower case, few apostrophes, a clause or three.
PEOPLE = ["my social worker", "my sw", "my carers", "my foster carer", "my foster mum", "my key worker",
          "the staff", "my pa", "my iro", "my teacher", "my mum", "my dad", "my nan", "my brother", "my sister",
          "my friends", "the other kids", "my support worker", "the manager", "my personal advisor"]
FEELINGS = ["happy", "sad", "safe", "scared", "lonely", "angry", "ok", "stressed", "worried", "bored", "proud",
            "anxious", "left out", "listened to", "ignored", "settled", "confused", "tired", "excited", "upset"]
THINGS = ["money", "my gcses", "college", "my own flat", "driving lessons", "a job", "an apprenticeship", "cooking",
          "my homework", "my phone", "wifi", "bus fares", "pocket money", "clothes", "my room", "football",
          "music lessons", "the gym", "art club", "swimming", "maths", "english", "my cv", "bills", "a laptop",
          "my health passport", "seeing my family", "my bike", "dance", "boxing", "the youth club", "food shopping"]
PLACES = ["at home", "at school", "at college", "in my placement", "in the home", "at my carers", "in my flat",
          "at contact", "in reviews", "in meetings", "at the weekend", "after school", "in town", "at night"]
WHEN = ["every week", "more often", "sometimes", "all the time", "never", "most days", "at weekends",
        "in the holidays", "after school", "every month", "when i ask", "on time", "straight away", ""]
CLAUSES = [
    "i want more help with {thing}", "i would like help with {thing}", "can we have {thing}",
    "i need {thing}", "please help me with {thing}", "it would help to have {thing} {when}",
    "{person} {verb} {when}", "{person} is {quality}", "{person} never {never}", "{person} always {always}",
    "i feel {feeling} {place}", "i dont feel {feeling} {place}", "i am {feeling} {place}", "im {feeling} {when}",
    "i want to see {person} {when}", "i miss {person}", "i love {person}", "i like {thing}",
    "i dont get enough {thing}", "nobody listens {place}", "{place} is {quality}", "i want to do {thing}",
    "i get bullied {place}", "nothing to do {place}", "i want to stay {place}", "i dont want to move again",
    "i want to go to {thing}", "we should have {thing} {when}", "i want to choose {thing} myself",
    "i keep getting moved", "i want to know why i am in care", "i want to be asked before things change",
]
VERBS = ["listens to me", "shouts", "helps me", "rings me back", "changes", "comes to see me", "takes me out",
         "checks on me", "talks about me", "forgets", "is late", "gets it"]
NEVER = ["listens", "rings back", "turns up", "explains anything", "asks me", "helps", "says sorry"]
ALWAYS = ["helps", "listens", "is there for me", "makes time", "shouts", "says no", "changes the plan"]
QUALITIES = ["good", "rubbish", "really kind", "ok", "boring", "amazing", "too strict", "fine", "not fair",
             "the best", "hard", "a joke", "nice", "getting better", "worse than before"]
JOINS = [" and ", " but ", " because ", " so ", ", ", " also ", " and ", " and then "]
ENDINGS = ["", "", "", " please", " thanks", " lol", " tbh", " i guess", " idk", " to be honest",
           " it makes me sad", " its not fair", " that would be good", " x"]
MIN_WORDS, MAX_WORDS = 5, 25


def written_answer(rng: random.Random) -> str:
    """One written answer, 5 to 25 words, from the parts above (seeded by ``rng``)."""
    while True:
        clauses = [_clause(rng) for _ in range(rng.choices([1, 2, 3], weights=[0.45, 0.4, 0.15])[0])]
        text = clauses[0]
        for clause in clauses[1:]:
            text += rng.choice(JOINS) + clause
        text += rng.choice(ENDINGS)
        words = text.split()
        if MIN_WORDS <= len(words) <= MAX_WORDS:
            return " ".join(words)


def _clause(rng: random.Random) -> str:
    return " ".join(rng.choice(CLAUSES).format(
        thing=rng.choice(THINGS), person=rng.choice(PEOPLE), feeling=rng.choice(FEELINGS), place=rng.choice(PLACES),
        when=rng.choice(WHEN), verb=rng.choice(VERBS), never=rng.choice(NEVER), always=rng.choice(ALWAYS),
        quality=rng.choice(QUALITIES)).split())


class WrittenAnswers:
    """Different written answers, one after another: a repeat is drawn again (every answer in the
    database is different, the worst case for anything done per different text)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seen: set[str] = set()

    def __call__(self) -> str:
        while True:
            text = written_answer(self.rng)
            if text not in self.seen:
                self.seen.add(text)
                return text


def questionnaire_yaml() -> str:
    """25 questions over the five priorities: 2 about the young person, 10 yes/no, 5 smiley scales,
    3 single choice, 2 multiple choice, 3 free text."""
    lines = [f"id: {KEY}", "version: 1", 'title: "Benchmark: 25 questions"', "audience:", '  ages: "11-25"',
             "  groups: [in_care, care_leaver]", "minutes: 10", "sections:", "  - id: all", "    title: Everything",
             "    questions:",
             "      - id: care_status", "        type: single", "        text: Are you in care or a care leaver?",
             "        priority: voice", "        options:", "          - {value: in_care, label: In care}",
             "          - {value: care_leaver, label: Care leaver}",
             "      - id: living_with", "        type: single", "        text: Who do you live with?",
             "        priority: placement", "        options:"]
    lines += [f"          - {{value: {value}, label: {value.replace('_', ' ').capitalize()}}}" for value in PLACEMENTS]
    for kind, questions in (("yes_no", YES_NO), ("smiley5", SMILEYS)):
        for qid, priority, text in questions:
            lines += [f"      - id: {qid}", f"        type: {kind}", f"        text: {text}",
                      f"        priority: {priority}"]
    for kind, questions in (("single", SINGLES), ("multiple", MULTIPLES)):
        for qid, priority, text, values in questions:
            lines += [f"      - id: {qid}", f"        type: {kind}", f"        text: {text}",
                      f"        priority: {priority}", "        options:"]
            lines += [f"          - {{value: {value}, label: {value.replace('_', ' ').capitalize()}}}"
                      for value in values]
    for qid, priority, text in TEXTS:
        lines += [f"      - id: {qid}", "        type: long_text", f"        text: {text}",
                  f"        priority: {priority}"]
    return "\n".join(lines) + "\n"


def _choice(rng: random.Random, values: list[str], weights: list[float] | None = None) -> str | None:
    """A value, or None for a skip; "I'd rather not say" now and then."""
    roll = rng.random()
    if roll < SKIP_RATE:
        return None
    if roll < SKIP_RATE + DECLINE_RATE:
        return RATHER_NOT_SAY
    return rng.choices(values, weights=weights)[0]


def _answers(rng: random.Random, response_id: str, round_id: int, write: WrittenAnswers) -> Iterator[dict]:
    def row(question_id: str, choice: str | None, text: str | None = None, position: int = 0) -> dict:
        return {"response_id": response_id, "round_id": round_id, "question_id": question_id, "position": position,
                "choice": choice, "text": text, "skipped": choice is None and text is None,
                "sentiment": None, "themes": None, "codebook_key": None, "redacted": None, "redaction_key": None}

    yield row("care_status", _choice(rng, ["in_care", "care_leaver"], [0.7, 0.3]))
    yield row("living_with", _choice(rng, PLACEMENTS, [0.55, 0.15, 0.1, 0.1, 0.1]))
    for qid, _priority, _text in YES_NO:
        yield row(qid, _choice(rng, ["yes", "no"], [0.8, 0.2]))
    for qid, _priority, _text in SMILEYS:
        yield row(qid, _choice(rng, ["5", "4", "3", "2", "1"], [0.4, 0.25, 0.2, 0.1, 0.05]))
    for qid, _priority, _text, values in SINGLES:
        yield row(qid, _choice(rng, values))
    for qid, _priority, _text, values in MULTIPLES:
        if rng.random() < SKIP_RATE:
            yield row(qid, None)
            continue
        for position, value in enumerate(rng.sample(values, rng.randint(1, 3))):
            yield row(qid, value, position=position)
    for qid, _priority, _text in TEXTS:
        if rng.random() < TEXT_RATE:
            yield row(qid, None, write())
        else:
            yield row(qid, None)


def _score(rows: list[dict], score: Callable[[list[str]], list[tuple[float | None, str]]], key: str) -> None:
    """Store each written answer's sentiment, theme codes and redacted wording as the app does when it stores
    an answer."""
    from survey_app.text_scores import redacted_texts

    written = [row for row in rows if row["text"]]
    texts = [row["text"] for row in written]
    wordings, redaction_key = redacted_texts(texts)
    for row, (sentiment, themes), wording in zip(written, score(texts), wordings, strict=True):
        row.update(sentiment=sentiment, themes=themes, codebook_key=key, redacted=wording,
                   redaction_key=redaction_key)


def _insert(connection: sa.Connection, round_id: int, count: int, rng: random.Random, week: dt.date,
            write: WrittenAnswers, score: Callable[[list[str]], list[tuple[float | None, str]]], key: str) -> None:
    metadata = sa.MetaData()
    responses = sa.Table("responses", metadata, autoload_with=connection)
    answers = sa.Table("answers", metadata, autoload_with=connection)
    response_rows: list[dict] = []
    answer_rows: list[dict] = []

    def flush() -> None:
        if response_rows:
            connection.execute(responses.insert(), response_rows)
        if answer_rows:
            _score(answer_rows, score, key)
            connection.execute(answers.insert(), answer_rows)
        response_rows.clear()
        answer_rows.clear()

    for _ in range(count):
        response_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        channel = "paper" if rng.random() < PAPER_RATE else "online"
        response_rows.append({"id": response_id, "round_id": round_id, "week_of": week, "channel": channel})
        answer_rows.extend(_answers(rng, response_id, round_id, write))
        if len(answer_rows) >= BATCH * 25:
            flush()
    flush()


def generate(database_url: str, responses: int = 100_000, previous: int = 20_000, seed: int = 1) -> str:
    """Build the benchmark database at database_url (tables are created if missing); returns the slug."""
    from flask_migrate import upgrade

    from survey_app import create_app
    from survey_app.extensions import db
    from survey_app.questionnaire.store import store
    from survey_app.rounds.operations import open_round
    from survey_app.text_scores import current_coder, score_texts

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": database_url})
    rng = random.Random(seed)
    with app.app_context():
        with contextlib.redirect_stderr(io.StringIO()):  # alembic's INFO lines
            upgrade()
        stored, _new = store(questionnaire_yaml(), "benchmarks/synthetic.py")
        earlier = open_round(stored)
        earlier.title, earlier.status = "Benchmark: last year", "closed"
        current = open_round(stored)
        current.title, current.status = "Benchmark: this year", "closed"
        db.session.commit()
        today = dt.date.today()
        coder = current_coder()  # the codebook the app matches with, and its fingerprint

        def score(texts: list[str]) -> list[tuple[float | None, str]]:
            return score_texts(texts, coder)

        write = WrittenAnswers(rng)
        with db.engine.begin() as connection:
            _insert(connection, earlier.id, previous, rng, today - dt.timedelta(days=364 + today.weekday()), write,
                    score, coder.key)
            _insert(connection, current.id, responses, rng, today - dt.timedelta(days=today.weekday()), write,
                    score, coder.key)
        if db.engine.dialect.name == "postgresql":
            # a live database's autovacuum would have analysed them; without statistics the planner guesses
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("ANALYZE responses"))
                connection.execute(sa.text("ANALYZE answers"))
        slug = current.slug
        db.session.remove()
        db.engine.dispose()
    return slug


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database_url")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--previous", type=int, default=20_000, help="responses in the earlier round (trends)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(generate(args.database_url, args.responses, args.previous, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
