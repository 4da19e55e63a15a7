import math

import pandas as pd
import pytest

from analysis.suppression import Thresholds
from analysis.trends import CHANGED, TOO_FEW, describe_change, trends

COLUMNS = ["response_id", "question_id", "choice", "text", "skipped"]


def replies(question_id, values):
    return [(f"r{i}", question_id, value, None, value is None) for i, value in enumerate(values)]


def answers(*groups):
    return pd.DataFrame([row for group in groups for row in group], columns=COLUMNS)


def questions(*rows):
    return pd.DataFrame(list(rows), columns=["question_id", "type", "text", "priority"])


VERSION_1 = questions(
    ("happy_where_living", "yes_no", "Are you happy where you're living?", "placement"),
    ("happy_or_sad", "smiley5", "Are you happy or sad?", "health"),
    ("feel_safe", "yes_no", "Do you feel safe?", "placement"),
    ("old_question", "yes_no", "Dropped in version 2?", "voice"),
)
VERSION_2 = questions(
    ("happy_or_sad", "smiley5", "How happy are you most days?", "health"),  # reworded, same id
    ("happy_where_living", "yes_no", "Are you happy where you live?", "placement"),
    ("feel_safe", "smiley3", "How safe do you feel?", "placement"),  # type changed
    ("new_question", "yes_no", "New in version 2?", "voice"),
)


@pytest.fixture
def round_2018():
    return answers(
        replies("happy_where_living", ["yes"] * 27 + ["no"]),
        replies("happy_or_sad", ["5"] * 12 + ["4"] * 7 + ["3"] * 6 + ["2"] * 2 + ["1"]),
        replies("feel_safe", ["yes"] * 27 + ["no"]),
        replies("old_question", ["yes"] * 28),
    )


@pytest.fixture
def round_2019():
    return answers(
        replies("happy_where_living", ["yes"] * 30 + ["no"] * 10),
        replies("happy_or_sad", ["5"] * 20 + ["4"] * 10 + ["1"] * 10),
        replies("feel_safe", ["3"] * 40),
        replies("new_question", ["yes"] * 40),
    )


def test_questions_are_matched_by_id_across_questionnaire_versions(round_2018, round_2019):
    made = trends(round_2018, round_2019, VERSION_1, VERSION_2)
    assert made["question_id"].tolist() == ["happy_or_sad", "happy_where_living", "feel_safe"]
    assert made.loc[0, "text"] == "How happy are you most days?"


def test_each_round_has_its_share_and_base_and_the_change_is_in_points(round_2018, round_2019):
    made = trends(round_2018, round_2019, VERSION_1, VERSION_2).set_index("question_id")
    happy = made.loc["happy_where_living"]
    assert happy[["earlier_count", "earlier_base", "later_count", "later_base"]].tolist() == [27, 28, 30, 40]
    assert happy["earlier_percent"] == pytest.approx(96.4)
    assert happy["later_percent"] == 75.0
    assert happy["change_points"] == pytest.approx(-21.4)
    assert happy["note"] == ""
    scale = made.loc["happy_or_sad"]
    assert scale[["earlier_count", "later_count"]].tolist() == [19, 30]
    assert scale["change_points"] == pytest.approx(75.0 - 100 * 19 / 28, abs=0.05)


def test_a_question_whose_type_changed_is_not_compared(round_2018, round_2019):
    safe = trends(round_2018, round_2019, VERSION_1, VERSION_2).set_index("question_id").loc["feel_safe"]
    assert safe["note"] == CHANGED
    assert math.isnan(safe["change_points"])


def test_a_base_under_ten_in_either_round_is_too_few_to_compare(round_2018):
    later = answers(replies("happy_where_living", ["yes"] * 9))
    row = trends(round_2018, later, VERSION_1, VERSION_1).set_index("question_id").loc["happy_where_living"]
    assert row["note"] == TOO_FEW
    assert math.isnan(row["change_points"]) and math.isnan(row["later_percent"])
    assert row["earlier_percent"] == pytest.approx(96.4)
    assert row[["later_count", "later_base"]].tolist() == [9, 9]


def test_an_empty_or_all_skipped_round_is_too_few_to_compare(round_2018):
    for later in (answers(), answers(replies("happy_where_living", [None] * 30))):
        made = trends(round_2018, later, VERSION_1, VERSION_1).set_index("question_id")
        assert (made["note"] == TOO_FEW).all()
        assert made.loc["happy_where_living", "later_base"] == 0
        assert made["change_points"].isna().all()


def test_a_one_response_earlier_round_is_too_few_to_compare(round_2019):
    earlier = answers(replies("happy_where_living", ["yes"]))
    row = trends(earlier, round_2019, VERSION_2, VERSION_2).set_index("question_id").loc["happy_where_living"]
    assert row["note"] == TOO_FEW
    assert row["later_percent"] == 75.0


def test_exactly_ten_in_both_rounds_is_enough():
    earlier = answers(replies("happy_where_living", ["yes"] * 5 + ["no"] * 5))
    later = answers(replies("happy_where_living", ["yes"] * 8 + ["no"] * 2))
    row = trends(earlier, later, VERSION_1, VERSION_1).set_index("question_id").loc["happy_where_living"]
    assert row["change_points"] == 30.0
    assert row["note"] == ""


def test_the_positive_answers_and_threshold_can_be_chosen(round_2018, round_2019):
    made = trends(round_2018, round_2019, VERSION_1, VERSION_2, positive={"happy_or_sad": ["1", "2"]},
                  thresholds=Thresholds(min_base=50))
    sad = made.set_index("question_id").loc["happy_or_sad"]
    assert sad[["earlier_count", "later_count"]].tolist() == [3, 10]
    assert made.set_index("question_id")["note"].to_dict() == {
        "happy_or_sad": TOO_FEW, "happy_where_living": TOO_FEW, "feel_safe": CHANGED,
    }


def test_rather_not_say_is_left_out_of_both_bases():
    earlier = answers(replies("happy_where_living", ["yes"] * 10 + ["rather_not_say"] * 5))
    later = answers(replies("happy_where_living", ["yes"] * 10 + ["no"] * 10))
    row = trends(earlier, later, VERSION_1, VERSION_1).set_index("question_id").loc["happy_where_living"]
    assert row[["earlier_base", "later_base"]].tolist() == [10, 20]
    assert row["change_points"] == -50.0


def test_two_rounds_with_nothing_in_common_give_an_empty_frame_with_its_columns():
    made = trends(answers(), answers(), VERSION_1.iloc[3:], VERSION_2.iloc[3:])
    assert made.empty
    assert "change_points" in made.columns


@pytest.mark.parametrize(("change", "words"), [
    (5.0, "up 5 points"), (-3.6, "down 3.6 points"), (0.0, "no change"), (1.0, "up 1 point"),
    (float("nan"), TOO_FEW), (None, TOO_FEW),
])
def test_a_change_is_described_in_plain_words(change, words):
    assert describe_change(change) == words


def test_trends_leave_their_inputs_alone(round_2018, round_2019):
    before = (round_2018.copy(), round_2019.copy(), VERSION_1.copy(), VERSION_2.copy())
    trends(round_2018, round_2019, VERSION_1, VERSION_2)
    for original, after in zip(before, (round_2018, round_2019, VERSION_1, VERSION_2), strict=True):
        pd.testing.assert_frame_equal(original, after)
