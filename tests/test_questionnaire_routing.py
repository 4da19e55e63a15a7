"""Right questions for the right child: every path through every shipped questionnaire shows nobody a question
meant for another group. Who a question is meant for is read here straight from each file's `for:` tags (the
raw YAML), apart from the `show_if` routing that `journey.visible_questions` follows."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from survey_app.questionnaire.export import export_questionnaire
from survey_app.questionnaire.loader import QuestionnaireInvalid, load_file, load_text
from survey_app.questionnaire.schema import RATHER_NOT_SAY, MeantFor
from survey_app.questionnaire.store import shipped_files
from survey_app.questionnaire_check.routing import misrouted
from survey_app.responses.journey import visible_questions

PRIORITIES = {"placement", "health", "education", "eet", "voice"}
# The age_band answers and the `for: {ages: [...]}` words they stand for (questionnaires/README.md).
BAND_OF_ANSWER = {"age_8_11": "8-11", "age_12_15": "12-15", "age_16_17": "16-17", "age_18_25": "18-25"}
SHIPPED = shipped_files()


def declared(document: dict) -> dict[str, dict]:
    """Each question id -> its `for:` (its own, else its section's), read from the raw YAML."""
    meant = {}
    for section in document["sections"]:
        for question in section["questions"]:
            meant[question["id"]] = question.get("for") or section.get("for") or {}
    return meant


def routing_states(questionnaire) -> dict[str, list[dict]]:
    """The questions that route (care_status, age_band and any a show_if looks at), each with every way of
    leaving it: each answer (the app's "I'd rather not say" among them) and skipped."""
    looked_at = {"care_status", "age_band"}
    for item in (*questionnaire.sections, *questionnaire.questions):
        if item.show_if is not None:
            looked_at |= item.show_if.question_ids()
    return {question.id: [{"choices": [option.value]} for option in question.options] + [{"skipped": True}]
            for question in questionnaire.questions if question.id in looked_at}


def every_path(questionnaire):
    states = routing_states(questionnaire)
    for combination in itertools.product(*states.values()):
        yield dict(zip(states, combination, strict=True))


def person(document: dict, answers: dict) -> tuple[str | None, str | None]:
    """(group, age band) the answers say, or what the audience says when it has only one."""
    def said(question_id):
        choices = answers.get(question_id, {}).get("choices", [])
        return choices[0] if choices and choices[0] != RATHER_NOT_SAY else None

    groups = document["audience"]["groups"]
    group = groups[0] if len(groups) == 1 else said("care_status")
    ages = document["audience"]["ages"]
    band = ages if ages in BAND_OF_ANSWER.values() else BAND_OF_ANSWER.get(said("age_band") or "")
    return group, band


def wrongly_shown(text: str) -> tuple[int, list[tuple[str, dict, tuple]]]:
    """(paths walked, [(question id, its `for:`, who saw it)]) for one questionnaire's YAML."""
    document = yaml.safe_load(text)
    questionnaire = load_text(text, "<test>", PRIORITIES)
    meant = declared(document)
    wrong, walked = [], 0
    for answers in every_path(questionnaire):
        walked += 1
        group, band = person(document, answers)
        for question in visible_questions(questionnaire, answers):
            tag = meant[question.id]
            if ("groups" in tag and group not in tag["groups"]) or ("ages" in tag and band not in tag["ages"]):
                wrong.append((question.id, tag, (group, band)))
    return walked, wrong


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_no_path_through_a_shipped_questionnaire_shows_a_question_meant_for_another_group(path):
    walked, wrong = wrongly_shown(path.read_text(encoding="utf-8"))
    assert walked > 1 or path.name == "younger-children.yaml"
    assert wrong == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_question_meant_for_a_group_reaches_that_group(path):
    text = path.read_text(encoding="utf-8")
    document, questionnaire = yaml.safe_load(text), load_text(text, "<test>", PRIORITIES)
    reached = set()
    for answers in every_path(questionnaire):
        reached |= {question.id for question in visible_questions(questionnaire, answers)}
    assert reached == set(declared(document))


def test_the_paths_cover_both_groups_every_band_rather_not_say_and_skipped():
    questionnaire = load_file(Path("questionnaires/priorities-2018.yaml"), PRIORITIES)
    states = routing_states(questionnaire)
    assert [state["choices"][0] if "choices" in state else "skipped" for state in states["age_band"]] == [
        "age_8_11", "age_12_15", "age_16_17", "age_18_25", RATHER_NOT_SAY, "skipped"]
    assert len(states["care_status"]) == 4


def test_the_shipped_questionnaires_say_who_their_group_questions_are_for():
    document = yaml.safe_load(Path("questionnaires/priorities-2018.yaml").read_text(encoding="utf-8"))
    meant = declared(document)
    assert meant["in_care_leavers_group"] == meant["hear_more_or_meet"] == {"groups": ["care_leaver"]}
    assert meant["hear_more_in_care"] == {"groups": ["in_care"]}
    assert meant["unemployed"] == {"groups": ["care_leaver"]}  # from its section
    leavers = declared(yaml.safe_load(Path("questionnaires/care-leavers.yaml").read_text(encoding="utf-8")))
    assert leavers["adult_health_help"] == {"ages": ["18-25"]} and leavers["adult_health_ready"] == {"ages": ["16-17"]}


# -- the walk fails when routing and `for:` disagree ---------------------------------------------------------------
def _without(text: str, line: str) -> str:
    assert text.count(line) == 1
    return text.replace(line, "")


LEAVERS_GROUP_ROUTE = ("        for: {groups: [care_leaver]}\n"
                       "        show_if: {question: care_status, is: [care_leaver]}\n"
                       "      - id: hear_more_or_meet\n")


def test_the_walk_finds_a_care_leavers_question_shown_to_a_child_in_care():
    text = Path("questionnaires/priorities-2018.yaml").read_text(encoding="utf-8")
    broken = text.replace(LEAVERS_GROUP_ROUTE, "        for: {groups: [care_leaver]}\n      - id: hear_more_or_meet\n")
    assert broken != text
    _walked, wrong = wrongly_shown(broken)
    assert {(question_id, who[0]) for question_id, _tag, who in wrong} >= {
        ("in_care_leavers_group", "in_care"), ("in_care_leavers_group", None)}
    [(question, why)] = misrouted(load_text(broken, "<test>", PRIORITIES))
    assert question.id == "in_care_leavers_group" and "not meant for" in why


def test_the_walk_finds_an_over_18s_question_shown_to_a_16_year_old():
    text = Path("questionnaires/care-leavers.yaml").read_text(encoding="utf-8")
    broken = text.replace("show_if: {question: age_band, is: [age_18_25]}",
                          "show_if: {question: age_band, is: [age_16_17, age_18_25]}")
    _walked, wrong = wrongly_shown(broken)
    assert {who for question_id, _tag, who in wrong if question_id == "adult_health_help"} == {
        ("care_leaver", "16-17")}
    assert [question.id for question, _ in misrouted(load_text(broken, "<test>", PRIORITIES))] == [
        "adult_health_help"]


def test_a_question_no_path_reaches_is_a_routing_problem():
    text = Path("questionnaires/care-leavers.yaml").read_text(encoding="utf-8")
    broken = text.replace("show_if: {question: age_band, is: [age_16_17]}",
                          "show_if: {all: [{question: age_band, is: [age_16_17]}, "
                          "{question: age_band, is: [age_18_25]}]}")
    [(question, why)] = misrouted(load_text(broken, "<test>", PRIORITIES))
    assert question.id == "adult_health_ready" and why.startswith("no answers lead to this question")


def test_the_shipped_questionnaires_have_no_routing_problems():
    for path in SHIPPED:
        assert misrouted(load_file(path, PRIORITIES)) == []


# -- the `for:` tag in the loader ---------------------------------------------------------------------------------
FILE = """\
id: for-test
version: 1
title: For test
audience: {{ages: "12-25", groups: [in_care, care_leaver]}}
sections:
  - id: about
    title: About
    {section_for}
    questions:
      - id: care_status
        type: single
        text: Are you in care?
        priority: voice
        {question_for}
        options:
          - {{value: in_care, label: In care}}
          - {{value: care_leaver, label: Care leaver}}
"""


def _load(section_for: str = "", question_for: str = ""):
    return load_text(FILE.format(section_for=section_for, question_for=question_for), "f.yaml", PRIORITIES)


def test_for_is_read_on_sections_and_questions_and_survives_an_export():
    loaded = _load('for: {groups: [care_leaver]}', 'for: {groups: [care_leaver], ages: ["16-17", "18-25"]}')
    assert loaded.sections[0].meant_for == MeantFor(groups=("care_leaver",))
    assert loaded.questions[0].meant_for == MeantFor(groups=("care_leaver",), ages=("16-17", "18-25"))
    again = load_text(export_questionnaire(loaded), "again.yaml", PRIORITIES)
    assert again.questions[0].meant_for == loaded.questions[0].meant_for
    assert again.sections == loaded.sections


@pytest.mark.parametrize(("section_for", "question_for", "message"), [
    ("", "for: {groups: [adults]}", "'for' groups must be a list of: in_care, care_leaver"),
    ("", 'for: {ages: ["19-25"]}', "'for' ages must be a list of: 8-11, 12-15, 16-17, 18-25"),
    ("", 'for: {ages: ["8-11"]}', "'for' ages names 8-11, which the questionnaire's audience does not include"),
    ("", "for: {people: [everyone]}", "'for' must be a mapping with 'groups' and/or 'ages'"),
    ("", "for: care_leaver", "'for' must be a mapping with 'groups' and/or 'ages'"),
    ("for: {groups: [care_leaver]}", "for: {groups: [in_care]}",
     "'for' groups names in_care, which its section is not for"),
])
def test_a_for_tag_that_does_not_fit_is_refused_with_its_line(section_for, question_for, message):
    with pytest.raises(QuestionnaireInvalid) as refused:
        _load(section_for, question_for)
    assert any(message in str(problem) for problem in refused.value.problems), refused.value.problems


def test_a_group_outside_the_audience_is_refused():
    text = FILE.format(section_for="", question_for="for: {groups: [in_care]}").replace(
        "groups: [in_care, care_leaver]}", "groups: [care_leaver]}")
    with pytest.raises(QuestionnaireInvalid, match="names in_care, which the questionnaire's audience"):
        load_text(text, "f.yaml", PRIORITIES)


def test_an_age_band_question_with_other_answers_is_a_routing_problem():
    text = FILE.format(section_for="", question_for="").replace("id: care_status", "id: age_band")
    [(question, why)] = misrouted(load_text(text, "f.yaml", PRIORITIES))
    assert question.id == "age_band" and "single choice from: age_12_15" in why


def test_reports_name_every_age_band_the_loader_knows():
    from analysis.breakdowns import AGE_BANDS as REPORT_NAMES
    from survey_app.questionnaire.schema import AGE_BANDS

    assert set(REPORT_NAMES) == set(AGE_BANDS.values()) == set(BAND_OF_ANSWER)
