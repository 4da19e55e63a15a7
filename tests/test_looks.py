"""A survey's look: each section's theme (picture and colour) and the younger or calmer look of a survey,
from the rules in survey_app/looks.py and the questionnaire file's optional section `theme`."""

from __future__ import annotations

import pytest

from survey_app.looks import MIDDLE, NEUTRAL, OLDER, THEMES, YOUNGER, age_look, section_theme
from survey_app.questionnaire.export import export_questionnaire
from survey_app.questionnaire.loader import QuestionnaireInvalid, load_file, load_text
from survey_app.questionnaire.store import shipped_files

PRIORITIES = {"placement", "health", "education", "eet", "voice", "money"}


def survey(section_lines: str = "", priorities: tuple[str, ...] = ("placement",)) -> str:
    """A one-section file: `section_lines` added to the section, one yes/no question per priority."""
    questions = "".join(
        f"      - id: q{number}\n        type: yes_no\n        text: Question {number}?\n"
        f"        priority: {priority}\n"
        for number, priority in enumerate(priorities))
    return ("id: looks-test\nversion: 1\ntitle: A test survey\nsections:\n"
            "  - id: first\n    title: First\n" + section_lines + "    questions:\n" + questions)


def theme_of(text: str) -> str:
    return load_text(text, "looks.yaml", PRIORITIES).sections[0].theme


@pytest.mark.parametrize(("priority", "theme"), [
    ("placement", "home"), ("health", "health"), ("education", "school"), ("eet", "future"), ("voice", "say"),
])
def test_a_section_without_a_theme_takes_it_from_its_questions_priority(priority, theme):
    assert section_theme(None, [priority]) == theme
    assert theme_of(survey(priorities=(priority,))) == theme


def test_a_priority_with_no_theme_of_its_own_gives_the_neutral_theme():
    assert section_theme("", ["money", "money"]) == NEUTRAL
    assert theme_of(survey(priorities=("money",))) == NEUTRAL


def test_the_theme_most_questions_point_to_wins_and_a_tie_goes_to_the_first():
    assert section_theme(None, ["voice", "placement", "placement"]) == "home"
    assert section_theme(None, ["health", "voice", "voice", "health"]) == "health"
    assert section_theme(None, ["money", "money", "voice"]) == NEUTRAL
    assert section_theme(None, []) == NEUTRAL


@pytest.mark.parametrize("theme", THEMES)
def test_a_theme_given_in_the_file_beats_the_priorities(theme):
    text = survey(f"    theme: {theme}\n", priorities=("money", "money"))
    assert theme_of(text) == theme
    assert load_text(text, "looks.yaml", PRIORITIES).sections[0].given_theme == theme


@pytest.mark.parametrize("bad", ["garden", "Home", "1", "[home]", "''"])
def test_an_unknown_theme_is_refused_with_its_file_and_line(bad):
    text = survey(f"    theme: {bad}\n")
    with pytest.raises(QuestionnaireInvalid) as caught:
        load_text(text, "looks.yaml", PRIORITIES)
    [problem] = caught.value.problems
    assert str(problem).startswith("looks.yaml:7: section 'theme' must be one of: home, health, school, future, say")


def test_a_given_theme_survives_export_and_a_derived_one_is_not_written():
    given = load_text(survey("    theme: future\n"), "looks.yaml", PRIORITIES)
    exported = export_questionnaire(given)
    assert "theme: future" in exported
    assert load_text(exported, "again.yaml", PRIORITIES).sections[0].theme == "future"
    derived = export_questionnaire(load_text(survey(), "looks.yaml", PRIORITIES))
    assert "theme" not in derived


def test_every_shipped_section_has_a_theme_with_a_picture():
    for path in shipped_files():
        for section in load_file(path).sections:
            assert section.theme in THEMES, (path.name, section.id, section.theme)


@pytest.mark.parametrize(("ages", "look"), [
    ("8-11", YOUNGER), ("8-12", YOUNGER), ("6-9", YOUNGER),
    ("16-25", OLDER), ("18-25", OLDER), ("16-17", OLDER),
    ("11-25", MIDDLE), ("12-15", MIDDLE), ("8-25", MIDDLE), ("13-18", MIDDLE),
    (None, MIDDLE), ("", MIDDLE), ("eleven", MIDDLE),
])
def test_the_age_band_sets_a_younger_middle_or_calmer_look(ages, look):
    assert age_look(ages) == look


def test_the_shipped_younger_and_care_leavers_surveys_look_different():
    looks = {path.stem: age_look(load_file(path).audience.ages) for path in shipped_files()}
    assert looks["younger-children"] == YOUNGER
    assert looks["care-leavers"] == OLDER
