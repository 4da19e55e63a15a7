"""The synthetic data behind the board-report benchmark: a valid 25-question questionnaire, the
responses asked for, answers shaped like real ones, the same data for the same seed."""

from __future__ import annotations

import sqlalchemy as sa

from analysis.sentiment import polarity
from benchmarks.synthetic import KEY, MAX_WORDS, MIN_WORDS, generate, questionnaire_yaml
from survey_app.questionnaire.loader import load_text


def test_the_synthetic_questionnaire_has_25_questions_over_the_five_priorities():
    questionnaire = load_text(questionnaire_yaml(), "synthetic")
    assert questionnaire.id == KEY
    assert len(questionnaire.questions) == 25
    assert {question.priority for question in questionnaire.questions} == {
        "placement", "health", "education", "eet", "voice"}


def _summary(url: str, slug: str) -> dict:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        round_id = connection.execute(sa.text("SELECT id FROM survey_rounds WHERE slug = :s"), {"s": slug}).scalar()
        per_round = dict(connection.execute(
            sa.text("SELECT round_id, count(*) FROM responses GROUP BY round_id")).all())
        answers = connection.execute(sa.text(
            "SELECT a.question_id, a.choice, a.text, a.skipped FROM answers a JOIN responses r ON r.id = a.response_id "
            "WHERE r.round_id = :r ORDER BY a.response_id, a.question_id, a.position"), {"r": round_id}).all()
    engine.dispose()
    return {"round_id": round_id, "per_round": per_round, "answers": answers}


def test_a_small_synthetic_round_has_the_responses_asked_for_and_is_repeatable(tmp_path):
    first = _summary(url := f"sqlite:///{tmp_path / 'a.sqlite'}", generate(url, responses=60, previous=15, seed=7))
    again = _summary(url := f"sqlite:///{tmp_path / 'b.sqlite'}", generate(url, responses=60, previous=15, seed=7))

    assert sorted(first["per_round"].values()) == [15, 60]
    assert first["per_round"][first["round_id"]] == 60
    assert first["answers"] == again["answers"]
    questions = {row.question_id for row in first["answers"]}
    assert len(questions) == 25
    assert any(row.skipped for row in first["answers"])
    assert any(row.choice == "rather_not_say" for row in first["answers"])
    assert any(row.text for row in first["answers"])
    assert all(row.skipped == (row.choice is None and row.text is None) for row in first["answers"])


def test_every_written_answer_is_different_and_stored_with_the_apps_scores(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    generate(url, responses=300, previous=50, seed=3)
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT text, sentiment, themes, codebook_key FROM answers "
                                          "WHERE text IS NOT NULL")).all()
    engine.dispose()
    texts = [row.text for row in rows]
    assert len(texts) > 200
    assert len(set(texts)) == len(texts)
    assert all(MIN_WORDS <= len(text.split()) <= MAX_WORDS for text in texts)
    assert all(row.sentiment == polarity(row.text) for row in rows)
    assert len({row.codebook_key for row in rows}) == 1 and rows[0].codebook_key
    assert any(row.themes for row in rows) and any(row.themes == "" for row in rows)
