"""A new question type is one registry entry: the loader, builder, phone page, analysis and report all
pick it up from survey_app/question_types.py without naming it."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.extract import options_frame, questions_frame
from analysis.headlines import headlines
from survey_app import question_types
from survey_app.extensions import db
from survey_app.question_types import QuestionType
from survey_app.questionnaire.loader import QuestionnaireInvalid, load_text
from survey_app.questionnaire.store import store
from survey_app.reporting.build import build_report
from survey_app.rounds.operations import open_round

from .journey import Journey
from .test_builder import new_questionnaire, post, question

AGREE = QuestionType(
    "agree3", "Agree, not sure or disagree",
    options=(("1", "Disagree"), ("2", "Not sure"), ("3", "Agree")),
    scale=True, positive=("3",), negative=("1",),
)

SOURCE = """\
id: agree-check
version: 1
title: "Agree or not"
audience:
  ages: "12-17"
  groups: [in_care]
minutes: 2
intro: A test survey.
sections:
  - id: views
    title: What you think
    questions:
      - id: listened_to
        type: agree3
        text: My social worker listens to me.
        priority: voice
"""


pytestmark = pytest.mark.usefixtures("shipped_questionnaires_only")  # the fake type's questionnaires go


@pytest.fixture
def agree_type():
    question_types.register(AGREE)
    yield AGREE
    question_types.TYPES.pop(AGREE.name)


def test_without_its_entry_the_loader_refuses_the_type():
    with pytest.raises(QuestionnaireInvalid) as refused:
        load_text(SOURCE, "agree.yaml")
    assert "unknown question type 'agree3'" in str(refused.value)


def test_the_loader_gives_a_registered_type_its_answers(agree_type):
    listened = load_text(SOURCE, "agree.yaml").question("listened_to")
    assert [(option.value, option.label) for option in listened.options] == [
        ("1", "Disagree"), ("2", "Not sure"), ("3", "Agree"), ("rather_not_say", "I'd rather not say")]
    assert listened.is_choice and listened.is_smiley and not listened.allows_many


def test_the_builder_offers_and_saves_a_registered_type(app, client, make_staff, sign_in, agree_type):
    sign_in(*make_staff("worker"))
    key = new_questionnaire(client, key="agree-built")
    url = f"/staff/questionnaires/{key}/sections/section_1/questions/new"
    page = client.get(f"{url}?type=agree3").get_data(as_text=True)
    assert re.search(r'<option value="agree3" selected>Agree, not sure or disagree</option>', page)
    saved = post(client, url, question(type="agree3", text="My social worker listens to me."))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    edit_page = client.get(f"/staff/questionnaires/{key}").get_data(as_text=True)
    assert "Agree, not sure or disagree" in edit_page


def test_analysis_counts_the_positive_end_of_a_registered_type(agree_type):
    questionnaire = load_text(SOURCE, "agree.yaml")
    answers = pd.DataFrame(
        [(f"r{n}", "listened_to", choice, False) for n, choice in enumerate(["3"] * 8 + ["1"] * 3 + ["2"] * 2)],
        columns=["response_id", "question_id", "choice", "skipped"])
    frame = headlines(answers, questions_frame(questionnaire), options_frame(questionnaire))
    assert frame.loc[0, "count"] == 8 and frame.loc[0, "base"] == 13
    assert "(8 of 13) chose ‘Agree’ for" in frame.loc[0, "text"]


def test_a_young_person_answers_a_registered_type_and_the_report_summarises_it(app, agree_type):
    with app.app_context():
        stored, _ = store(SOURCE, "agree.yaml")
        survey_round = open_round(stored)
        db.session.commit()
        slug, round_id = survey_round.slug, survey_round.id
    for choice in ["3"] * 7 + ["1"] * 3 + ["2"] * 2:
        child = Journey(app.test_client(), slug)  # each young person on their own phone
        child.begin()
        assert child.choices_on_page() == ["1", "2", "3", "rather_not_say"]
        assert "face" not in child.page  # faces are for the smiley types only
        child.answer(choice)
        child.send()
    with app.app_context():
        report = build_report(round_id, for_staff=True)
    listened = next(q for p in report["priorities"] for q in p["questions"] if q["id"] == "listened_to")
    assert [row["choice"] for row in listened["distribution"]][:3] == ["3", "2", "1"]  # a scale: highest first
    assert listened["mean"] == round((7 * 3 + 2 * 2 + 3 * 1) / 12, 2)
    line = next(h for p in report["priorities"] for h in p["headlines"] if h["question_id"] == "listened_to")
    assert line["count"] == 7
