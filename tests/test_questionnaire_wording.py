"""Plain words: `flask questionnaires check` warns on glossary jargon used without an explanation and prints a
reading age for every question and page (start and help pages included), with --strict to fail on either."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.store import shipped_files
from survey_app.questionnaire_check.glossary import explains, load_glossary, unexplained, used
from survey_app.questionnaire_check.pages import HELP_PAGE, START_PAGE, page_text
from survey_app.questionnaire_check.wording import rows, target_for

PRIORITIES = {"placement", "health", "education", "eet", "voice"}
TERMS = load_glossary()
SETTINGS = {"COUNCIL_NAME": "Testshire Council", "COUNCIL_PHONE": "01632 960100", "LEAVING_CARE_PHONE": "01632 960102"}


def term(name: str):
    return next(entry for entry in TERMS if entry.term == name)


# -- the glossary and what counts as explained --------------------------------------------------------------------
def test_the_glossary_has_the_words_the_issue_names():
    names = {form for entry in TERMS for form in entry.forms}
    assert {"IRO", "PA", "personal adviser", "pathway plan", "placement", "EET", "health passport", "Local Offer",
            "supported lodgings", "Challenge Group", "Children in Care Council", "apprenticeship", "internship",
            "advocate", "LAC review"} <= names
    assert all(entry.means for entry in TERMS)


def test_a_term_is_found_as_a_whole_word_and_abbreviations_only_in_capitals():
    assert [entry.term for entry in used("Does your PA listen? Ask your iro.", TERMS)] == ["personal adviser"]
    assert used("Do you like your pathway  plan?", TERMS) == [term("pathway plan")]
    assert used("Papa paid for the placements", TERMS) == [term("placement")]
    assert used("an apprenticeships fair", TERMS) == [term("apprenticeship")]
    assert used("Are you happy?", TERMS) == []


@pytest.mark.parametrize(("text", "name"), [
    ("Your IRO is the person who runs your review meetings.", "IRO"),
    ("A pathway plan is your plan for life after care.", "pathway plan"),
    ("Supported lodgings means living in someone's home.", "supported lodgings"),
    ("Your personal adviser (PA) is the worker who helps you after care.", "personal adviser"),
    ("An advocate: someone on your side who helps you say what you want.", "advocate"),
    ("your IRO (the person who runs your review meetings)", "IRO"),
    ("With my former foster carers (staying put)", "staying put"),
])
def test_a_definition_explains_a_term(text, name):
    assert explains(text, term(name))


@pytest.mark.parametrize(("text", "name"), [
    ("Do you have a pathway plan?", "pathway plan"),
    ("Is your IRO nice?", "IRO"),
    ("Ask your personal adviser (PA).", "personal adviser"),  # its own abbreviation explains nothing
    ("your IRO (a worker)", "IRO"),  # fewer than three words
    ("The Challenge Group meets on Mondays.", "Challenge Group"),
])
def test_naming_a_term_is_not_explaining_it(text, name):
    assert not explains(text, term(name))


def test_unexplained_looks_for_the_explanation_where_it_is_told_to():
    question = "Are you on the Children in Care Council?"
    hint = "The Children in Care Council is a group of children in care who meet to tell the council what they think."
    assert unexplained(question, question, TERMS) == [term("Children in Care Council")]
    assert unexplained(question, f"{question}\n{hint}", TERMS) == []


# -- rows: every question and page ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", shipped_files(), ids=lambda path: path.name)
def test_every_shipped_question_and_page_is_plain_and_within_its_reading_age(path):
    questionnaire = load_file(path, PRIORITIES)
    found = rows(questionnaire, path.name, TERMS, SETTINGS)
    assert [row.item for row in found] == [q.id for q in questionnaire.questions] + ["start page", "help page"]
    assert [(row.item, row.jargon) for row in found if row.jargon] == []
    assert [(row.item, row.reading_age) for row in found if row.over_target] == []


def test_targets_are_9_for_the_8_to_11_survey_and_11_for_the_others():
    targets = {load_file(path, PRIORITIES).id: target_for(load_file(path, PRIORITIES)) for path in shipped_files()}
    assert targets == {"younger-children": 9.0, "care-leavers": 11.0, "priorities-2018": 11.0}


def test_the_first_question_of_a_section_carries_its_intro_and_a_section_intro_explains_its_questions():
    questionnaire = load_file(Path("questionnaires/care-leavers.yaml"), PRIORITIES)
    found = {row.item: row for row in rows(questionnaire, "care-leavers.yaml", TERMS, SETTINGS)}
    # pa_when_needed names "personal adviser" without its own hint; the section intro explains it
    assert "personal adviser" in questionnaire.question("pa_when_needed").text
    assert found["pa_when_needed"].jargon == ()


def test_the_start_and_help_pages_are_read_from_the_templates(tmp_path):
    assert "moves on with no answer" in page_text(START_PAGE)
    assert "If something is worrying you" in page_text(HELP_PAGE)
    (tmp_path / "survey").mkdir()
    (tmp_path / "survey" / "start.html").write_text(
        '{% extends "base.html" %}{% block title %}Nope{% endblock %}{% block main %}\n'
        '<h1>{{ survey_round.title }}</h1>{# a note #}\n<p class="lead">Hello <strong>there</strong>.</p>\n'
        '{% include "survey/part.html" %}\n{% if x %}<p>Your IRO helps.</p>{% endif %}{% endblock %}',
        encoding="utf-8")
    (tmp_path / "survey" / "part.html").write_text("<details><summary>More</summary><p>Read on.</p></details>",
                                                   encoding="utf-8")
    assert page_text(START_PAGE, tmp_path).splitlines() == ["Hello there.", "Your IRO helps.", "More", "Read on."]
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "help.html").write_text("{% block main %}<p>Talk to someone.</p>{% endblock %}",
                                                  encoding="utf-8")
    questionnaire = load_file(Path("questionnaires/younger-children.yaml"), PRIORITIES)
    start = next(row for row in rows(questionnaire, "y.yaml", TERMS, SETTINGS, tmp_path) if row.item == "start page")
    assert start.jargon == ("IRO",)


# -- the command -------------------------------------------------------------------------------------------------
def _table_rows(output: str) -> dict[tuple[str, str], list[str]]:
    found = {}
    for line in output.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 5 and cells[0].endswith(".yaml"):
            found[Path(cells[0]).name, cells[1]] = cells[2:]
    return found


def test_check_prints_a_reading_age_and_jargon_row_for_every_question_and_page(runner):
    result = runner.invoke(args=["questionnaires", "check", "--strict"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^file\s+item\s+reading age\s+target\s+jargon$", result.output, re.MULTILINE)
    table = _table_rows(result.output)
    for path in shipped_files():
        questionnaire = load_file(path, PRIORITIES)
        for item in [*(q.id for q in questionnaire.questions), "start page", "help page"]:
            age, target, jargon = table[path.name, item]
            assert float(age) <= float(target) and jargon == "-"
    assert table["younger-children.yaml", "help page"][1] == "9"
    assert "0 over their target reading age; 0 with unexplained jargon." in result.output


JARGON = """\
id: jargon-test
version: 1
title: Jargon test
audience: {ages: "12-25", groups: [care_leaver]}
sections:
  - id: plans
    title: Plans
    questions:
      - id: have_plan
        type: yes_no
        text: Do you have a pathway plan?
        priority: voice
      - id: long_one
        type: yes_no
        text: >-
          Considering everything that has happened recently, would you say that communication between
          yourself and the organisations responsible for supporting you has generally been satisfactory?
        priority: voice
"""


def test_jargon_and_long_words_warn_and_fail_only_with_strict(runner, tmp_path):
    path = tmp_path / "jargon.yaml"
    path.write_text(JARGON, encoding="utf-8")
    result = runner.invoke(args=["questionnaires", "check", str(path)])
    assert result.exit_code == 0, result.output
    table = _table_rows(result.output)
    assert table["jargon.yaml", "have_plan"][2] == "pathway plan"
    age, target, jargon = table["jargon.yaml", "long_one"]
    assert age.endswith(" !") and float(age[:-2]) > float(target) == 11 and jargon == "-"
    assert "1 over their target reading age; 1 with unexplained jargon." in result.output
    strict = runner.invoke(args=["questionnaires", "check", "--strict", str(path)])
    assert strict.exit_code == 1
    assert "(--strict: these fail)" in strict.output


def test_a_routing_mistake_fails_the_check_with_its_line(runner, tmp_path):
    text = Path("questionnaires/care-leavers.yaml").read_text(encoding="utf-8").replace(
        "show_if: {question: age_band, is: [age_18_25]}", "show_if: {question: age_band, answered: true}")
    path = tmp_path / "routing.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["questionnaires", "check", str(path)])
    assert result.exit_code == 1
    line = text.splitlines().index("      - id: adult_health_help") + 1
    assert f"{path}:{line}: [adult_health_help] shown to someone it is not meant for (group care_leaver, age 16-17)" \
        in result.output
    assert f"{path}: ok" not in result.output
