"""analysis.extract against the real database: young people answer through the real journey,
then the round comes out as tidy frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from analysis.extract import (
    answers_frame,
    choice_counts_sql,
    cohorts_frame,
    options_frame,
    questionnaire_of_round,
    questions_frame,
    responses_frame,
)
from analysis.headlines import headlines
from analysis.tallies import choice_counts
from survey_app.extensions import db
from survey_app.models import Answer, RoundCohort, SurveyResponse, SurveyRound
from survey_app.questionnaire.loader import load_text

from .journey import Journey

CHEERFUL = {
    "feel_about_home": ["3"], "feel_safe_home": ["yes"], "grown_ups_look_after_you": ["3"],
    "seeing_family": ["2"], "feel_most_days": ["3"], "feel_healthy": ["2"], "grown_up_to_talk_to": ["yes"],
    "fun_things": ["3"], "feel_about_school": ["2"], "help_with_school_work": ["3"],
    "grow_up_to_be": ["A vet"], "know_social_worker": ["yes"], "social_worker_listens": ["3"],
    "make_things_better": ["More trips"],
}


def answer_everything(child: Journey, answers: dict[str, list[str]]) -> None:
    where = child.begin()
    while where != "check":
        values = answers.get(where)
        where = child.answer_and_go(*values) if values else child.answer_and_go(skip=True)
    child.send()


def round_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(SurveyRound.id).filter_by(slug=slug))


@pytest.fixture
def answered_round(app, client, make_round):
    """A younger-children round: one child answers everything, one answers two questions and skips
    the rest, and one paper response is typed in. Another round gets a response that must not leak."""
    slug = make_round("younger-children")
    answer_everything(Journey(client, slug), CHEERFUL)
    answer_everything(Journey(app.test_client(), slug), {"feel_about_home": ["1"], "feel_safe_home": ["no"]})
    other = make_round("younger-children")
    answer_everything(Journey(app.test_client(), other), {"feel_about_home": ["2"]})
    the_round = round_id(app, slug)
    with app.app_context():
        db.session.add(SurveyResponse(
            id="paper1", round_id=the_round, week_of=dt.date(2018, 9, 17), channel="paper",
            answers=[Answer(question_id="feel_about_home", position=0, choice="3"),
                     Answer(question_id="grow_up_to_be", position=0, skipped=True)],
        ))
        db.session.add_all([RoundCohort(round_id=the_round, group="in_care", expected=40),
                            RoundCohort(round_id=the_round, group="care_leaver", expected=25)])
        db.session.commit()
    return the_round


def test_answers_frame_has_one_row_per_stored_answer_with_its_channel(app, answered_round):
    with app.app_context():
        answers = answers_frame(db.engine, answered_round)
    assert list(answers.columns) == ["response_id", "question_id", "choice", "text", "skipped", "channel"]
    assert answers["response_id"].nunique() == 3
    # 14 answered + 14 shown (2 answered, 12 skipped) + 2 on paper
    assert len(answers) == 30
    home = answers.loc[answers["question_id"] == "feel_about_home"].sort_values("choice")
    assert home["choice"].tolist() == ["1", "3", "3"]
    assert sorted(home["channel"]) == ["online", "online", "paper"]
    assert answers["skipped"].dtype == bool
    assert answers["skipped"].sum() == 13
    vet = answers.loc[answers["question_id"] == "grow_up_to_be"].dropna(subset=["text"])
    assert vet["text"].tolist() == ["A vet"]
    assert vet["choice"].isna().all() and not vet["skipped"].any()


def test_responses_frame_keeps_only_channel_and_week(app, answered_round):
    with app.app_context():
        responses = responses_frame(db.engine, answered_round)
    assert list(responses.columns) == ["response_id", "channel", "week_of"]
    assert sorted(responses["channel"]) == ["online", "online", "paper"]
    assert all(week.weekday() == 0 for week in responses["week_of"])


def test_frames_of_a_round_with_no_responses_are_empty_but_have_their_columns(app, make_round):
    slug = make_round("younger-children")
    with app.app_context(), db.engine.connect() as connection:
        answers = answers_frame(connection, round_id(app, slug))
        responses = responses_frame(connection, round_id(app, slug))
        counts = choice_counts_sql(connection, round_id(app, slug))
    assert answers.empty and list(answers.columns)[-1] == "channel"
    assert responses.empty and list(responses.columns) == ["response_id", "channel", "week_of"]
    assert counts.empty and list(counts.columns) == ["question_id", "choice", "count", "answered", "percent"]


def test_choice_counts_counted_in_sql_equal_the_pandas_tally(app, answered_round):
    with app.app_context():
        in_sql = choice_counts_sql(db.engine, answered_round)
        in_pandas = choice_counts(answers_frame(db.engine, answered_round))
    pd.testing.assert_frame_equal(in_sql, in_pandas.reset_index(drop=True), check_dtype=False)
    home = in_sql.set_index(["question_id", "choice"]).loc["feel_about_home"]
    assert home.loc["3", "count"] == 2 and home.loc["3", "answered"] == 3
    assert home.loc["3", "percent"] == pytest.approx(66.7)


def test_cohorts_frame_reads_the_cohort_sizes_of_the_round(app, answered_round):
    with app.app_context():
        cohorts = cohorts_frame(db.engine, answered_round)
    assert cohorts.values.tolist() == [["care_leaver", 25], ["in_care", 40]]


def test_the_questionnaire_a_round_froze_comes_out_as_question_and_option_frames(app, answered_round):
    with app.app_context():
        questionnaire = questionnaire_of_round(db.engine, answered_round)
    questions = questions_frame(questionnaire).set_index("question_id")
    assert list(questions.columns) == ["type", "text", "priority", "section_id", "is_scale"]
    assert questions.loc["feel_about_home"].to_dict() == {
        "type": "smiley3", "text": "How do you feel about where you live?", "priority": "placement",
        "section_id": "home", "is_scale": True,
    }
    assert not questions.loc["feel_safe_home", "is_scale"]
    options = options_frame(questionnaire)
    most_days = options.loc[options["question_id"] == "feel_most_days"]
    assert most_days["label"].tolist()[:3] == ["Sad", "OK", "Happy"]
    assert "rather_not_say" in set(most_days["value"])


def test_questions_frame_keeps_questionnaire_order():
    questionnaire = load_text(
        """
id: tiny
version: 2
title: Tiny
audience: {ages: "11-25", groups: [in_care]}
minutes: 1
intro: Hello.
sections:
  - id: one
    title: One
    questions:
      - {id: zebra, type: yes_no, text: "Zebra?", priority: voice}
      - {id: apple, type: smiley5, text: "Apple?", priority: health}
      - {id: words, type: long_text, text: "Words?", priority: voice}
""",
        "tiny.yaml",
    )
    questions = questions_frame(questionnaire)
    assert questions["question_id"].tolist() == ["zebra", "apple", "words"]
    assert questions["is_scale"].tolist() == [False, True, False]



def test_the_extracted_frames_feed_the_headlines(app, answered_round):
    with app.app_context():
        questionnaire = questionnaire_of_round(db.engine, answered_round)
        answers = answers_frame(db.engine, answered_round)
    made = headlines(answers, questions_frame(questionnaire), options_frame(questionnaire)).set_index("question_id")
    assert "grow_up_to_be" not in made.index
    assert made.loc["feel_about_home", ["count", "base"]].tolist() == [2, 3]
    assert made["suppressed"].all()  # three young people is far too few to show
