"""The progress bar and counts of the question pages, as a pure function: walking forward they never go
backwards, never pass the total and count only the questions this child can still be shown."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.schema import RATHER_NOT_SAY, Question
from survey_app.questionnaire.store import shipped_files
from survey_app.responses.journey import (
    Progress,
    first_question,
    next_question,
    progress,
    progress_in_file,
    visible_questions,
)

SURVEYS = {path.stem: load_file(path) for path in shipped_files()}


def answers_of(survey, picks: dict[str, str]) -> dict:
    """Every question answered as `picks` says; others skipped ("I'd rather not say" when required)."""
    return {question.id: {"choices": [picks[question.id]]} if question.id in picks
            else {"choices": [RATHER_NOT_SAY]} if question.required else {"skipped": True}
            for question in survey.questions}


def walk(survey, answers: dict) -> list[tuple[str, Progress]]:
    """Forward from the first question, as the Continue button goes, with the given answers."""
    trail, current = [], first_question(survey, answers)
    while current is not None:
        trail.append((current.id, progress(survey, answers, current.id)))
        current = next_question(survey, answers, current.id)
    return trail


# -- the cases of issue 10 -----------------------------------------------------------------------------

def test_a_foster_child_in_the_2018_survey_sees_the_total_only_go_down():
    # Was "Question 1 of 22", then "9 of 23" once "foster family" showed one more question.
    survey = SURVEYS["priorities-2018"]
    trail = dict(walk(survey, answers_of(survey, {"care_status": "in_care", "living_with": "foster_family"})))
    assert (trail["care_status"].number, trail["care_status"].total) == (1, 33)
    assert (trail["age_band"].number, trail["age_band"].total) == (2, 24)  # no care leavers' part
    assert (trail["living_with"].number, trail["living_with"].total) == (3, 24)
    assert (trail["feel_part_of_family"].number, trail["feel_part_of_family"].total) == (11, 23)
    assert (trail["what_is_important"].number, trail["what_is_important"].total) == (23, 23)


def test_a_care_leaver_who_says_yes_twice_never_sees_more_than_the_total():
    # Was "1 of 22" on the first question and "24 of 24" on the last.
    survey = SURVEYS["care-leavers"]
    picks = {"age_band": "age_18_25", "heard_of_local_offer": "yes", "have_pathway_plan": "yes"}
    trail = walk(survey, answers_of(survey, picks))
    # The age band first counts both health-at-18 questions; once answered, only the one for 18-25.
    assert [(place.number, place.total) for _, place in trail] == [(1, 26)] + [(n, 25) for n in range(2, 26)]


def test_a_care_leaver_who_says_no_twice_sees_the_total_shrink_to_what_they_see():
    survey = SURVEYS["care-leavers"]
    trail = dict(walk(survey, answers_of(survey, {"heard_of_local_offer": "no", "have_pathway_plan": "no"})))
    assert (trail["heard_of_local_offer"].number, trail["heard_of_local_offer"].total) == (17, 24)
    assert (trail["pa_listens"].number, trail["pa_listens"].total) == (18, 23)
    assert (trail["anything_else"].number, trail["anything_else"].total) == (22, 22)


def test_the_section_count_and_part_say_where_you_are():
    survey = SURVEYS["younger-children"]
    place = progress(survey, {}, "feel_safe_home")
    assert survey.section(survey.question("feel_safe_home").section_id).title == "Where you live"
    assert (place.section_number, place.section_total, place.part, place.parts) == (2, 4, 1, 5)
    place = progress(survey, {}, "know_social_worker")
    assert (place.section_number, place.section_total, place.part, place.parts) == (1, 3, 5, 5)


def test_answers_to_this_and_later_questions_do_not_change_the_count_yet():
    # Went back to the first question after answering on: the total is worked out as if from here.
    survey = SURVEYS["care-leavers"]
    later = answers_of(survey, {"heard_of_local_offer": "no", "have_pathway_plan": "no"})
    assert progress(survey, later, "doing_now") == progress(survey, {}, "doing_now")


def test_the_preview_counts_every_question_of_the_file():
    survey = SURVEYS["priorities-2018"]
    place = progress_in_file(survey, "feel_part_of_family")
    assert (place.number, place.total, place.section_number, place.section_total, place.part, place.parts) == (
        11, 33, 9, 10, 2, 6)


# -- every path through every shipped questionnaire ---------------------------------------------------------

def answer_strategy(question: Question) -> st.SearchStrategy[dict]:
    given_answers: list[st.SearchStrategy[dict]] = [] if question.required else [st.just({"skipped": True})]
    if question.is_text:
        given_answers.append(st.sampled_from(["ok", "I like football"]).map(lambda text: {"text": text}))
    else:
        values = [option.value for option in question.options if option.value != RATHER_NOT_SAY]
        given_answers.append(st.just({"choices": [RATHER_NOT_SAY]}))
        if question.allows_many:
            given_answers.append(st.lists(st.sampled_from(values), min_size=1, unique=True)
                                 .map(lambda picked: {"choices": sorted(picked, key=values.index)}))
        else:
            given_answers.append(st.sampled_from(values).map(lambda value: {"choices": [value]}))
    return st.one_of(given_answers)


@pytest.mark.parametrize("key", list(SURVEYS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_walking_forward_progress_never_goes_back_or_past_the_total(key, data):
    survey = SURVEYS[key]
    # Answers already in the draft from going back earlier: any question, any answer, or none.
    answers = {question.id: data.draw(answer_strategy(question)) for question in survey.questions
               if data.draw(st.booleans())}
    trail: list[Progress] = []
    visited: list[str] = []
    current = first_question(survey, answers)
    while current is not None:
        trail.append(progress(survey, answers, current.id))
        visited.append(current.id)
        answers[current.id] = data.draw(answer_strategy(current))
        current = next_question(survey, answers, current.id)

    for place in trail:
        assert 1 <= place.number <= place.total
        assert 1 <= place.section_number <= place.section_total
        assert 1 <= place.part <= place.parts
    for before, after in zip(trail, trail[1:], strict=False):
        assert after.number == before.number + 1
        assert after.total <= before.total
        assert after.parts <= before.parts
        assert after.part in (before.part, before.part + 1)
        if after.part == before.part:
            assert after.section_number == before.section_number + 1
            assert after.section_total <= before.section_total
        else:
            assert after.section_number == 1
    last = trail[-1]
    assert last.number == last.total == len(visited)
    assert last.section_number == last.section_total and last.part == last.parts
    assert visited == [question.id for question in visible_questions(survey, answers)]
