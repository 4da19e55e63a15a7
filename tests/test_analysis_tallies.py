import pandas as pd
import pytest

from analysis.tallies import choice_counts, question_bases, scale_summary


def answers(rows):
    return pd.DataFrame(rows, columns=["response_id", "question_id", "choice", "text", "skipped"])


@pytest.fixture
def happy_where_living():
    # 28 young people: 27 yes, 1 no (the 2018 headline), one of the yes also skipped nothing else
    rows = [(f"r{i}", "happy_where_living", "yes", None, False) for i in range(27)]
    rows.append(("r27", "happy_where_living", "no", None, False))
    return answers(rows)


def test_it_counts_people_and_percentages_of_those_who_answered(happy_where_living):
    counts = choice_counts(happy_where_living).set_index("choice")
    assert counts.loc["yes", "count"] == 27
    assert counts.loc["no", "count"] == 1
    assert counts.loc["yes", "answered"] == 28
    assert counts.loc["yes", "percent"] == pytest.approx(96.4)


def test_skipped_questions_count_as_shown_but_not_answered():
    frame = answers([
        ("a", "q", "yes", None, False),
        ("b", "q", None, None, True),
        ("c", "other", "no", None, False),
    ])
    bases = question_bases(frame).set_index("question_id")
    assert bases.loc["q"].to_dict() == {"shown": 2, "answered": 1, "skipped": 1}
    assert bases.loc["other"].to_dict() == {"shown": 1, "answered": 1, "skipped": 0}


def test_multiple_choice_counts_each_person_once_per_option():
    frame = answers([
        ("a", "m", "sport", None, False),
        ("a", "m", "music", None, False),
        ("b", "m", "music", None, False),
    ])
    counts = choice_counts(frame).set_index("choice")
    assert counts.loc["music", "count"] == 2
    assert counts.loc["music", "percent"] == 100.0
    assert counts.loc["sport", "answered"] == 2


def test_an_all_skipped_question_has_no_choice_rows_and_a_zero_base():
    frame = answers([("a", "q", None, None, True), ("b", "q", None, None, True)])
    assert choice_counts(frame).empty
    assert question_bases(frame).set_index("question_id").loc["q", "answered"] == 0


def test_scale_summary_leaves_out_rather_not_say():
    # happiness 1-5 from the seed: 12 fives, 7 fours, 6 threes, 2 twos, 1 one
    values = ["5"] * 12 + ["4"] * 7 + ["3"] * 6 + ["2"] * 2 + ["1"]
    rows = [(f"r{i}", "happy_or_sad", value, None, False) for i, value in enumerate(values)]
    rows.append(("x", "happy_or_sad", "rather_not_say", None, False))
    summary = scale_summary(answers(rows), ["happy_or_sad"]).set_index("question_id")
    assert summary.loc["happy_or_sad", "answered"] == 28
    assert summary.loc["happy_or_sad", "median"] == 4
    assert summary.loc["happy_or_sad", "mean"] == pytest.approx(3.96, abs=0.01)


def test_no_function_changes_its_input(happy_where_living):
    before = happy_where_living.copy()
    choice_counts(happy_where_living)
    question_bases(happy_where_living)
    pd.testing.assert_frame_equal(before, happy_where_living)
