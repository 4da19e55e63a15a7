"""The board report's counts from SQL (analysis.extract.round_distribution + analysis.aggregates) are
exactly the frames the row-level pandas functions give, on random rounds stored the way the survey
stores them (online and paper, skips, "I'd rather not say", ticks, free text, questions not shown)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis import aggregates
from analysis.breakdowns import CARE_STATUS, PLACEMENT_TYPES, breakdown, groups_from_answer, groups_from_channel
from analysis.extract import (
    answers_frame,
    answers_of_questions,
    options_frame,
    questionnaire_of_round,
    responses_frame,
    round_distribution,
    text_answers_frame,
)
from analysis.suppression import Thresholds
from analysis.tallies import choice_counts, question_bases, scale_summary
from benchmarks.synthetic import questionnaire_yaml
from survey_app.extensions import db
from survey_app.questionnaire.loader import load_text
from survey_app.questionnaire.store import store
from survey_app.responses.drafts import store_response
from survey_app.rounds.operations import open_round

GROUPS = ["care_status", "living_with"]
GROUPINGS = [("care_status", CARE_STATUS), ("living_with", PLACEMENT_TYPES), ("channel", None)]
WORDS = ["school is ok", "I want to see my mum", "more money please", "", "my social worker listens"]


def random_answers(rng: random.Random, questionnaire) -> dict:
    """One young person's answers: some questions not shown (no row), some skipped, the rest answered."""
    answers = {}
    for question in questionnaire.questions:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2:
            answers[question.id] = {"skipped": True}
        elif not question.options:
            answers[question.id] = {"text": rng.choice(WORDS)}
        else:
            values = [option.value for option in question.options]
            ticks = rng.randint(1, min(3, len(values))) if question.type == "multiple" else 1
            # few values, skewed, so that small cells and small groups both happen
            answers[question.id] = {"choices": rng.sample(values[:3] + values[-1:], ticks)}
    return answers


@pytest.fixture
def random_round(app):
    def make(seed: int, responses: int) -> int:
        rng = random.Random(seed)
        with app.app_context():
            stored, _new = store(questionnaire_yaml(), "benchmarks/synthetic.py")
            survey_round = open_round(stored)
            questionnaire = load_text(questionnaire_yaml(), "benchmarks/synthetic.py")
            for _ in range(responses):
                channel = "paper" if rng.random() < 0.3 else "online"
                store_response(survey_round, questionnaire, random_answers(rng, questionnaire), channel, flush=False)
            db.session.commit()
            return survey_round.id
    return make


ROUNDS = [(0, 0), (1, 1), (2, 7), (3, 40), (4, 90), (5, 150)]


@pytest.mark.parametrize(("seed", "responses"), ROUNDS)
def test_tallies_from_the_database_counts_equal_the_pandas_tallies(app, random_round, seed, responses):
    the_round = random_round(seed, responses)
    with app.app_context():
        answers = answers_frame(db.engine, the_round)
        distribution = round_distribution(db.engine, the_round, GROUPS)
        questionnaire = questionnaire_of_round(db.engine, the_round)
    scales = [question.id for question in questionnaire.questions if question.is_smiley]
    pd.testing.assert_frame_equal(aggregates.question_bases(distribution), question_bases(answers))
    pd.testing.assert_frame_equal(aggregates.choice_counts(distribution), choice_counts(answers))
    pd.testing.assert_frame_equal(aggregates.scale_summary(distribution, scales), scale_summary(answers, scales))
    assert distribution["rows"].sum() == len(answers)


@pytest.mark.parametrize(("seed", "responses"), ROUNDS)
def test_breakdowns_from_the_database_counts_equal_the_pandas_breakdowns(app, random_round, seed, responses):
    the_round = random_round(seed, responses)
    with app.app_context():
        answers = answers_frame(db.engine, the_round)
        responses_of_round = responses_frame(db.engine, the_round)
        distribution = round_distribution(db.engine, the_round, GROUPS)
        questionnaire = questionnaire_of_round(db.engine, the_round)
    options = options_frame(questionnaire)
    compared = 0
    for by, mapping in GROUPINGS:
        groups = (groups_from_channel(responses_of_round) if by == "channel"
                  else groups_from_answer(answers, by, mapping))
        for thresholds in (Thresholds(), Thresholds(min_cell=2, min_base=3)):
            for question in questionnaire.questions:
                expected = breakdown(answers, groups, question.id, thresholds, options)
                got = aggregates.breakdown(distribution, question.id, by, mapping, thresholds, options)
                pd.testing.assert_frame_equal(got[0], expected[0])
                assert got[1] == expected[1]
                compared += 1
    assert compared == 3 * 2 * len(questionnaire.questions)


def test_a_skip_of_a_group_question_is_not_said_and_not_being_asked_leaves_you_out(app, random_round):
    the_round = random_round(6, 60)
    with app.app_context():
        distribution = round_distribution(db.engine, the_round, GROUPS)
        answers = answers_frame(db.engine, the_round)
    per_person = distribution.loc[distribution["question_id"] == "care_status"].groupby(
        "care_status", dropna=False)["people"].sum()
    said = answers.loc[answers["question_id"] == "care_status"]
    assert per_person.get("rather_not_say", 0) == said["skipped"].sum() + (said["choice"] == "rather_not_say").sum()
    shown = set(said["response_id"])
    not_shown = answers.loc[~answers["response_id"].isin(shown), "response_id"].nunique()
    in_nobody = distribution.loc[distribution["care_status"].isna() & (distribution["question_id"] == "feel_safe"),
                                 "people"].sum()
    shown_feel_safe = answers.loc[(answers["question_id"] == "feel_safe") & ~answers["response_id"].isin(shown),
                                  "response_id"].nunique()
    assert in_nobody == shown_feel_safe <= not_shown


def test_the_distribution_keeps_other_rounds_out(app, random_round):
    first, second = random_round(7, 20), random_round(8, 30)
    with app.app_context():
        assert round_distribution(db.engine, first, GROUPS)["rows"].sum() == len(answers_frame(db.engine, first))
        assert round_distribution(db.engine, second)["rows"].sum() == len(answers_frame(db.engine, second))


def test_text_answers_are_the_free_text_rows_with_some_text(app, random_round):
    the_round = random_round(9, 50)
    with app.app_context():
        answers = answers_frame(db.engine, the_round)
        texts = text_answers_frame(db.engine, the_round)
    expected = answers.loc[answers["text"].notna() & (answers["text"] != ""), ["response_id", "question_id", "text"]]
    pd.testing.assert_frame_equal(texts, expected.reset_index(drop=True))
    assert len(texts) > 0


def test_answers_keep_the_round_of_their_response(app, random_round):
    the_round = random_round(10, 5)
    with app.app_context():
        rows = db.session.execute(db.text(
            "SELECT count(*) FROM answers a JOIN responses r ON r.id = a.response_id WHERE a.round_id <> r.round_id"
        )).scalar()
        mine = db.session.execute(db.text("SELECT count(*) FROM answers WHERE round_id = :r"),
                                  {"r": the_round}).scalar()
    assert rows == 0 and mine > 0


def test_a_group_question_named_like_a_column_is_refused(app, random_round):
    the_round = random_round(11, 1)
    with app.app_context(), pytest.raises(ValueError, match="channel"):
        round_distribution(db.engine, the_round, ["channel"])


def test_the_answers_to_a_few_questions_are_those_rows_of_the_whole_frame(app, random_round):
    the_round = random_round(12, 40)
    random_round(13, 10)
    with app.app_context():
        whole = answers_frame(db.engine, the_round)
        few = answers_of_questions(db.engine, the_round, GROUPS)
    expected = whole.loc[whole["question_id"].isin(GROUPS)].reset_index(drop=True)
    # same rows and values; group questions have no text (pandas types an all-empty column its own way)
    assert few["text"].isna().all() and expected["text"].isna().all()
    pd.testing.assert_frame_equal(few.drop(columns="text"), expected.drop(columns="text"))
    assert len(few) > 0
    pd.testing.assert_frame_equal(groups_from_answer(few, "living_with", PLACEMENT_TYPES),
                                  groups_from_answer(whole, "living_with", PLACEMENT_TYPES))
