"""The rules of the journey as plain functions: which question shows, what counts as an answer,
and which answers mean a young person should see help straight away."""

from __future__ import annotations

from dataclasses import replace

import pytest

from survey_app.questionnaire.loader import load_text
from survey_app.questionnaire.schema import Condition
from survey_app.responses.answers import (
    BOTH_RATHER_NOT_SAY,
    CHOOSE_REQUIRED,
    GLITCH,
    WRITE_REQUIRED,
    AnswerRefused,
    parse_answer,
    shown_answer,
)
from survey_app.responses.journey import (
    by_section,
    condition_holds,
    first_question,
    first_unanswered,
    is_answered,
    next_question,
    previous_question,
    progress,
    visible_answers,
    visible_questions,
)
from survey_app.safeguarding import phrases
from survey_app.safeguarding.phrases import worrying_phrase
from survey_app.safeguarding.triggers import help_reason

SURVEY = load_text("""\
id: rules
version: 1
title: Rules
sections:
  - id: about
    title: About you
    questions:
      - id: status
        type: single
        text: In care or a care leaver?
        priority: voice
        required: true
        options:
          - {value: in_care, label: In care}
          - {value: care_leaver, label: Care leaver}
      - id: living_with
        type: single
        text: Where do you live?
        priority: placement
        options:
          - {value: foster_family, label: Foster family}
          - {value: childrens_home, label: Children's home}
          - {value: own_flat, label: Own flat}
      - id: part_of_family
        type: yes_no
        text: Do you feel part of a family?
        priority: placement
        show_if: {question: living_with, is: [foster_family]}
      - id: not_foster
        type: yes_no
        text: Not a foster family?
        priority: placement
        show_if: {question: living_with, is_not: [foster_family]}
      - id: feel_safe
        type: yes_no
        text: Do you feel safe?
        priority: placement
        help_if: ["no"]
      - id: what_safe_means
        type: short_text
        text: What does safe mean to you?
        priority: placement
        max_length: 20
      - id: said_what_safe_means
        type: yes_no
        text: Thanks for saying. More?
        priority: placement
        show_if: {question: what_safe_means, answered: true}
      - id: help_wanted
        type: multiple
        text: What help would you like?
        priority: placement
        options:
          - {value: money, label: Money}
          - {value: housing, label: Housing}
          - {value: health, label: Health}
  - id: leavers
    title: Care leavers
    show_if: {question: status, is: [care_leaver]}
    questions:
      - id: working
        type: yes_no
        text: Are you working?
        priority: eet
      - id: leaver_in_flat
        type: yes_no
        text: Managing your flat?
        priority: eet
        show_if: {all: [{question: status, is: [care_leaver]}, {question: living_with, is: [own_flat]}]}
  - id: end
    title: The end
    questions:
      - id: foster_or_home
        type: yes_no
        text: Foster family or children's home?
        priority: voice
        show_if: {any: [{question: living_with, is: [foster_family]}, {question: living_with, is: [childrens_home]}]}
      - id: anything_else
        type: long_text
        text: Anything else?
        priority: voice
""", "rules.yaml")


def pick(*values):
    return {"choices": list(values)}


def ids(questions):
    return [question.id for question in questions]


# -- conditions ---------------------------------------------------------------------------------------

def test_an_is_condition_matches_any_listed_answer():
    condition = Condition(kind="is", question_id="living_with", values=("foster_family", "own_flat"))
    assert condition_holds(condition, {"living_with": pick("own_flat")})
    assert not condition_holds(condition, {"living_with": pick("childrens_home")})


def test_an_is_not_condition_needs_an_answer_and_none_of_the_listed_ones():
    condition = Condition(kind="is_not", question_id="living_with", values=("foster_family",))
    assert condition_holds(condition, {"living_with": pick("childrens_home")})
    assert not condition_holds(condition, {"living_with": pick("foster_family")})
    assert not condition_holds(condition, {})


@pytest.mark.parametrize("answer", [None, {"skipped": True}, pick("rather_not_say")])
def test_a_skipped_or_rather_not_say_answer_matches_no_is_and_no_is_not(answer):
    answers = {"living_with": answer} if answer else {}
    assert not condition_holds(Condition(kind="is", question_id="living_with", values=("foster_family",)), answers)
    assert not condition_holds(Condition(kind="is_not", question_id="living_with", values=("foster_family",)),
                               answers)
    assert not condition_holds(Condition(kind="answered", question_id="living_with"), answers)


def test_answered_is_true_for_any_real_choice_or_words():
    assert condition_holds(Condition(kind="answered", question_id="x"), {"x": pick("no")})
    assert condition_holds(Condition(kind="answered", question_id="x"), {"x": {"text": "home"}})
    assert not condition_holds(Condition(kind="answered", question_id="x"), {"x": {"text": "   "}})


def test_is_answered_treats_rather_not_say_alone_as_not_answered_but_with_nothing_else():
    assert not is_answered(pick("rather_not_say"))
    assert not is_answered(pick())
    assert is_answered(pick("money"))


def test_all_needs_every_part_and_any_needs_one():
    foster = Condition(kind="is", question_id="living_with", values=("foster_family",))
    leaver = Condition(kind="is", question_id="status", values=("care_leaver",))
    both = Condition(kind="all", parts=(foster, leaver))
    either = Condition(kind="any", parts=(foster, leaver))
    answers = {"living_with": pick("foster_family"), "status": pick("in_care")}
    assert not condition_holds(both, answers)
    assert condition_holds(either, answers)
    answers["status"] = pick("care_leaver")
    assert condition_holds(both, answers)
    assert not condition_holds(either, {"living_with": pick("own_flat"), "status": pick("in_care")})


# -- which questions show -------------------------------------------------------------------------------

def test_a_child_who_has_answered_nothing_sees_the_unconditional_questions():
    assert ids(visible_questions(SURVEY, {})) == [
        "status", "living_with", "feel_safe", "what_safe_means", "help_wanted", "anything_else"]
    assert first_question(SURVEY, {}).id == "status"


def test_a_foster_child_sees_the_family_question_and_a_care_leaver_the_leavers_section():
    answers = {"status": pick("care_leaver"), "living_with": pick("foster_family")}
    shown = ids(visible_questions(SURVEY, answers))
    assert "part_of_family" in shown and "not_foster" not in shown
    assert "working" in shown and "leaver_in_flat" not in shown
    assert "foster_or_home" in shown


def test_a_care_leaver_in_their_own_flat_sees_the_all_question():
    answers = {"status": pick("care_leaver"), "living_with": pick("own_flat")}
    shown = ids(visible_questions(SURVEY, answers))
    assert {"working", "leaver_in_flat", "not_foster"} <= set(shown)
    assert "part_of_family" not in shown and "foster_or_home" not in shown


def test_a_child_in_care_does_not_see_the_care_leavers_section():
    shown = ids(visible_questions(SURVEY, {"status": pick("in_care"), "living_with": pick("own_flat")}))
    assert "working" not in shown and "leaver_in_flat" not in shown


def test_rather_not_say_to_a_required_question_hides_what_depends_on_it():
    shown = ids(visible_questions(SURVEY, {"status": pick("rather_not_say"), "living_with": {"skipped": True}}))
    assert "working" not in shown
    assert "part_of_family" not in shown and "not_foster" not in shown


def test_writing_something_shows_the_question_that_depends_on_an_answer_being_given():
    assert "said_what_safe_means" in ids(visible_questions(SURVEY, {"what_safe_means": {"text": "home"}}))
    assert "said_what_safe_means" not in ids(visible_questions(SURVEY, {"what_safe_means": {"skipped": True}}))


def test_answers_to_questions_hidden_by_a_change_of_mind_are_ignored():
    answers = {
        "status": pick("care_leaver"), "living_with": pick("foster_family"),
        "part_of_family": pick("yes"), "working": pick("no"), "foster_or_home": pick("yes"),
    }
    assert set(visible_answers(SURVEY, answers)) == set(answers)
    answers.update(status=pick("in_care"), living_with=pick("own_flat"))
    kept = visible_answers(SURVEY, answers)
    assert set(kept) == {"status", "living_with"}


def test_a_hidden_answer_cannot_make_another_question_show():
    """Conditions read only answers to questions that are themselves shown."""
    answers = {
        "status": pick("in_care"), "living_with": pick("own_flat"),
        # left over from when this child said care_leaver and foster_family
        "part_of_family": pick("yes"),
    }
    assert "part_of_family" not in ids(visible_questions(SURVEY, answers))


# -- moving through the questions ------------------------------------------------------------------------

def test_next_and_previous_follow_the_visible_questions():
    answers = {"status": pick("in_care"), "living_with": pick("childrens_home")}
    assert next_question(SURVEY, answers, "living_with").id == "not_foster"
    assert next_question(SURVEY, answers, "not_foster").id == "feel_safe"
    assert previous_question(SURVEY, answers, "feel_safe").id == "not_foster"
    assert previous_question(SURVEY, answers, "anything_else").id == "foster_or_home"
    assert previous_question(SURVEY, answers, "status") is None
    assert next_question(SURVEY, answers, "anything_else") is None
    assert next_question(SURVEY, answers, "working") is None  # hidden: nowhere to go from it


def test_next_question_after_answering_foster_family_is_the_family_question():
    answers = {"status": pick("in_care"), "living_with": pick("foster_family")}
    assert next_question(SURVEY, answers, "living_with").id == "part_of_family"
    assert previous_question(SURVEY, answers, "feel_safe").id == "part_of_family"


def test_progress_counts_the_questions_this_child_has_seen_or_may_still_see():
    assert (progress(SURVEY, {}, "status").number, progress(SURVEY, {}, "status").total) == (1, 12)
    answers = {"status": pick("care_leaver"), "living_with": pick("own_flat")}
    here = progress(SURVEY, answers, "feel_safe")
    # Not the foster family's question nor the one about a foster family or children's home.
    assert (here.number, here.total) == (4, 10)
    assert (here.section_number, here.section_total, here.part, here.parts) == (4, 7, 1, 3)
    in_care = progress(SURVEY, {"status": pick("in_care")}, "living_with")
    assert (in_care.number, in_care.total, in_care.parts) == (2, 10, 2)  # no care leavers' part


def test_first_unanswered_skips_what_is_answered_or_skipped():
    answers = {"status": pick("in_care"), "living_with": {"skipped": True}}
    assert first_unanswered(SURVEY, answers).id == "feel_safe"
    everything = {q.id: {"skipped": True} for q in visible_questions(SURVEY, answers)} | answers
    assert first_unanswered(SURVEY, everything) is None


def test_by_section_puts_questions_under_their_sections_and_leaves_out_empty_ones():
    answers = {"status": pick("in_care"), "living_with": pick("foster_family")}
    groups = by_section(SURVEY, visible_questions(SURVEY, answers))
    assert [(section.id, ids(questions)) for section, questions in groups] == [
        ("about", ["status", "living_with", "part_of_family", "feel_safe", "what_safe_means", "help_wanted"]),
        ("end", ["foster_or_home", "anything_else"]),
    ]


# -- turning what was posted into an answer ---------------------------------------------------------------

def refused(question_id, values, skip=False):
    with pytest.raises(AnswerRefused) as caught:
        parse_answer(SURVEY.question(question_id), values, skip)
    return caught.value


def test_a_child_who_skips_a_question_gets_a_skipped_answer():
    assert parse_answer(SURVEY.question("feel_safe"), [], skip=True) == {"skipped": True}
    assert parse_answer(SURVEY.question("feel_safe"), ["no"], skip=True) == {"skipped": True}


def test_skipping_a_required_question_asks_for_an_answer_or_rather_not_say():
    assert refused("status", [], skip=True).message == CHOOSE_REQUIRED
    assert refused("status", []).message == CHOOSE_REQUIRED


@pytest.mark.parametrize("values", [[], [""]])
def test_continue_without_choosing_an_optional_answer_skips_it(values):
    assert parse_answer(SURVEY.question("feel_safe"), values, skip=False) == {"skipped": True}
    assert parse_answer(SURVEY.question("help_wanted"), values, skip=False) == {"skipped": True}


@pytest.mark.parametrize("values", [[], ["  \r\n "]])
def test_continue_without_writing_an_optional_answer_skips_it(values):
    assert parse_answer(SURVEY.question("what_safe_means"), values, skip=False) == {"skipped": True}


def test_continue_without_choosing_a_required_answer_asks_for_one_or_rather_not_say():
    assert refused("status", [""]).message == CHOOSE_REQUIRED
    assert parse_answer(SURVEY.question("status"), ["rather_not_say"], skip=False) == pick("rather_not_say")


def test_a_required_written_question_left_empty_asks_for_words():
    written = replace(SURVEY.question("what_safe_means"), required=True)
    with pytest.raises(AnswerRefused) as caught:
        parse_answer(written, [" "], skip=False)
    assert caught.value.message == WRITE_REQUIRED


@pytest.mark.parametrize(("question_id", "values"), [
    ("feel_safe", ["maybe"]),
    ("feel_safe", ["yes", "no"]),
    ("living_with", ["foster_family", "own_flat"]),
    ("help_wanted", ["money", "money"]),
    ("help_wanted", ["money", "lottery"]),
    ("what_safe_means", ["one", "two"]),
])
def test_answers_a_normal_page_cannot_send_are_refused_as_a_glitch(question_id, values):
    assert refused(question_id, values).message == GLITCH


def test_a_choice_is_stored_as_its_value():
    assert parse_answer(SURVEY.question("feel_safe"), ["no"], False) == {"choices": ["no"]}
    assert parse_answer(SURVEY.question("status"), ["rather_not_say"], False) == {"choices": ["rather_not_say"]}


def test_several_ticks_are_kept_in_the_order_of_the_options():
    assert parse_answer(SURVEY.question("help_wanted"), ["health", "money"], False) == {
        "choices": ["money", "health"]}


def test_rather_not_say_can_be_ticked_alone_but_not_with_another_option():
    assert parse_answer(SURVEY.question("help_wanted"), ["rather_not_say"], False) == {
        "choices": ["rather_not_say"]}
    assert refused("help_wanted", ["money", "rather_not_say"]).message == BOTH_RATHER_NOT_SAY


def test_text_is_trimmed_and_windows_line_ends_become_plain_ones():
    answer = parse_answer(SURVEY.question("anything_else"), ["  Line one\r\nLine two \n"], False)
    assert answer == {"text": "Line one\nLine two"}


def test_text_exactly_at_the_limit_is_accepted_and_spaces_around_it_do_not_count():
    assert parse_answer(SURVEY.question("what_safe_means"), ["  " + "a" * 20 + "  "], False) == {"text": "a" * 20}


def test_text_over_the_limit_is_refused_and_the_words_are_kept():
    error = refused("what_safe_means", [" " + "b" * 21])
    assert "too long" in error.message and "up to 20" in error.message and "has 21 now" in error.message
    assert error.kept_text == "b" * 21


def test_the_check_page_shows_answers_in_words():
    assert shown_answer(SURVEY.question("feel_safe"), None) == "Not answered yet"
    assert shown_answer(SURVEY.question("feel_safe"), {"skipped": True}) == "Skipped"
    assert shown_answer(SURVEY.question("help_wanted"), pick("money", "health")) == "Money, Health"
    assert shown_answer(SURVEY.question("status"), pick("rather_not_say")) == "I'd rather not say"
    assert shown_answer(SURVEY.question("anything_else"), {"text": "All fine"}) == "All fine"


# -- worrying words and help answers -----------------------------------------------------------------------

def test_the_worrying_patterns_file_loads_and_has_no_empty_patterns():
    rules = phrases.patterns()
    assert len(rules) > 50 and all(pattern.pattern and "||" not in pattern.pattern for _category, pattern in rules)
    assert phrases.find_worrying("i feel unsafe").category == "notsafe"


@pytest.mark.parametrize("text", [
    "I don't feel safe",
    "I don’t feel safe at home",
    "i DONT feel safe",
    "he hits me",
    "He   HITS\nme when he is angry",
    "Sometimes I want to die.",
    "I'm scared of him",
    "I have been bullied, a lot",
    "self-harm",
])
def test_worrying_words_are_found_whatever_the_case_spacing_or_apostrophe(text):
    assert worrying_phrase(text)


@pytest.mark.parametrize("text", [
    "I feel safe",
    "I feel safe and happy",
    "My safeguarding worker is nice",
    "unsafeguarded",
    "I like white mess and hitmen films",
    "He is a hitter at cricket",
    "",
])
def test_ordinary_words_are_not_mistaken_for_worrying_ones(text):
    assert worrying_phrase(text) is None


def test_a_help_answer_shows_help_and_other_answers_do_not():
    feel_safe = SURVEY.question("feel_safe")
    assert help_reason(feel_safe, pick("no")) == "trigger_answer"
    assert help_reason(feel_safe, pick("yes")) is None
    assert help_reason(feel_safe, pick("rather_not_say")) is None
    assert help_reason(feel_safe, {"skipped": True}) is None


def test_worrying_words_in_free_text_show_help():
    question = SURVEY.question("anything_else")
    assert help_reason(question, {"text": "My carer hits me"}) == "worrying_words"
    assert help_reason(question, {"text": "My carer is kind"}) is None
