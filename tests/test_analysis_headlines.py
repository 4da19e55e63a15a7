from pathlib import Path

import pandas as pd
import pytest

from analysis.headlines import describe_share, headlines, positive_shares, scale_distribution
from analysis.suppression import Thresholds

COLUMNS = ["response_id", "question_id", "choice", "text", "skipped"]


def replies(question_id, values, start=0):
    """One answer row per young person; None means they skipped it."""
    return [(f"r{start + i}", question_id, value, None, value is None) for i, value in enumerate(values)]


def answers(*groups):
    return pd.DataFrame([row for group in groups for row in group], columns=COLUMNS)


def questions(*rows):
    return pd.DataFrame(
        [(qid, qtype, text, priority) for qid, qtype, text, priority in rows],
        columns=["question_id", "type", "text", "priority"],
    )


SURVEY_2018 = questions(
    ("happy_where_living", "yes_no", "Are you happy where you're living?", "placement"),
    ("happy_or_sad", "smiley5", "Are you happy or sad?", "health"),
    ("health_passport", "yes_no", "Do you have your health passport?", "health"),
    ("know_who_to_talk_to", "yes_no",
     "If you needed to talk to someone about something troubling you, would you know where to go?", "health"),
    ("what_we_should_do", "long_text", "Is there anything you think we should do?", "placement"),
)


@pytest.fixture
def round_2018():
    """The 28 answers behind the 2018 board report's headlines."""
    return answers(
        replies("happy_where_living", ["yes"] * 27 + ["no"]),
        replies("know_who_to_talk_to", ["yes"] * 26 + ["no"] * 2),
        replies("health_passport", ["yes"] * 16 + ["no"] * 12),
        replies("happy_or_sad", ["5"] * 12 + ["4"] * 7 + ["3"] * 6 + ["2"] * 2 + ["1"]),
    )


# -- share words -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("count", "base", "words"), [
    (28, 28, "all"),
    (10, 10, "all"),
    (0, 28, "none"),
    (27, 28, "almost all"),
    (9, 10, "almost all"),
    (26, 28, "almost all"),
    (25, 28, "most"),
    (16, 28, "most"),
    (15, 28, "about half"),
    (14, 28, "about half"),
    (9, 20, "about half"),
    (11, 20, "about half"),
    (12, 20, "most"),
    (8, 20, "some"),
    (6, 30, "some"),
    (5, 30, "a few"),
    (1, 28, "a few"),
])
def test_share_words_follow_the_documented_cut_offs(count, base, words):
    assert describe_share(count, base) == words


def test_a_small_group_never_gets_a_share_word_only_n_of_m():
    for base in range(0, 10):
        for count in range(0, base + 1):
            assert describe_share(count, base) == f"{count} of {base}"


def test_the_smallest_base_for_share_words_can_be_changed():
    assert describe_share(5, 5, min_base=5) == "all"
    assert describe_share(10, 10, min_base=11) == "10 of 10"


def test_the_rules_are_written_down_for_the_readme():
    rules = (Path(__file__).parent.parent / "analysis" / "HEADLINES.md").read_text(encoding="utf-8")
    for words in ("all", "almost all", "most", "about half", "some", "a few", "none"):
        assert f"“{words}”" in rules
    for cut_off in ("90% or more", "45% to 55%", "more than 50%", "20% up to 45%", "under 20%", "10 or more"):
        assert cut_off in rules


# -- the 2018 replay ---------------------------------------------------------------------------------

def test_the_2018_round_gives_the_board_report_figures(round_2018):
    made = headlines(round_2018, SURVEY_2018).set_index("question_id")
    assert made.loc["happy_where_living", ["count", "base"]].tolist() == [27, 28]
    assert made.loc["happy_where_living", "text"] == (
        "Almost all young people (27 of 28) said yes to ‘Are you happy where you’re living?’"
    )
    assert "(26 of 28) said yes to ‘If you needed to talk" in made.loc["know_who_to_talk_to", "text"]
    assert made.loc["health_passport", "text"] == (
        "Most young people (16 of 28) said yes to ‘Do you have your health passport?’"
    )
    assert not made["suppressed"].any()
    assert made["priority"].to_dict() == {
        "happy_where_living": "placement", "happy_or_sad": "health", "health_passport": "health",
        "know_who_to_talk_to": "health",
    }


def test_the_2018_happiness_scale_shows_every_figure_when_no_cell_is_small(round_2018):
    made = headlines(round_2018, SURVEY_2018, thresholds=Thresholds(min_cell=1)).set_index("question_id")
    assert made.loc["happy_or_sad", ["count", "base"]].tolist() == [19, 28]
    assert made.loc["happy_or_sad", "text"] == (
        "Most young people (19 of 28) chose ‘Very happy’ or ‘Happy’ for ‘Are you happy or sad?’ "
        "Answers: Very happy 12, Happy 7, OK 6, Unhappy 2, Very unhappy 1."
    )


def test_the_2018_happiness_scale_hides_the_two_and_the_one_under_the_default_threshold(round_2018):
    text = headlines(round_2018, SURVEY_2018).set_index("question_id").loc["happy_or_sad", "text"]
    assert "Answers: Very happy 12, Happy 7, OK 6, Unhappy c, Very unhappy c (c = a small number, not shown)." in text


def test_scale_distribution_lists_every_point_highest_first_with_zeros(round_2018):
    distribution = scale_distribution(round_2018, SURVEY_2018, thresholds=Thresholds(min_cell=1))
    assert distribution["choice"].tolist() == ["5", "4", "3", "2", "1"]
    assert distribution["count"].tolist() == [12, 7, 6, 2, 1]
    three_faces = scale_distribution(
        answers(replies("faces", ["3"] * 10 + ["2"] * 6)),
        questions(("faces", "smiley3", "How do you feel?", "health")),
    )
    assert three_faces[["label", "shown"]].values.tolist() == [["Good", 10], ["OK", 6], ["Not good", 0]]


def test_a_questionnaires_own_scale_labels_are_used_when_options_are_given():
    options = pd.DataFrame(
        [("feel", "1", "Sad", 0), ("feel", "2", "OK", 1), ("feel", "3", "Happy", 2)],
        columns=["question_id", "value", "label", "position"],
    )
    made = headlines(
        answers(replies("feel", ["3"] * 7 + ["2"] * 7)), questions(("feel", "smiley3", "How do you feel?", "health")),
        options,
    )
    assert made.loc[0, "text"].startswith("About half of the young people (7 of 14) chose ‘Happy’ for")
    assert "Answers: Happy 7, OK 7, Sad 0." in made.loc[0, "text"]


# -- small numbers and empty rounds -----------------------------------------------------------------

def test_an_empty_round_has_a_suppressed_headline_for_every_choice_question_and_none_for_text():
    made = headlines(answers(), SURVEY_2018)
    assert made["question_id"].tolist() == ["happy_where_living", "happy_or_sad", "health_passport",
                                           "know_who_to_talk_to"]
    assert made["suppressed"].all()
    assert (made["base"] == 0).all()
    assert made.loc[0, "text"] == "No young people have answered ‘Are you happy where you’re living?’ yet"


def test_a_question_everyone_skipped_has_a_zero_base_and_no_figures():
    made = headlines(answers(replies("happy_where_living", [None] * 12)), SURVEY_2018).set_index("question_id")
    assert made.loc["happy_where_living", ["count", "base"]].tolist() == [0, 0]
    assert made.loc["happy_where_living", "suppressed"]
    assert "yet" in made.loc["happy_where_living", "text"]


def test_a_round_with_one_response_never_says_all_of_them():
    made = headlines(answers(replies("happy_where_living", ["yes"])), SURVEY_2018).set_index("question_id")
    text = made.loc["happy_where_living", "text"]
    assert made.loc["happy_where_living", "suppressed"]
    assert text == (
        "Fewer than 10 young people answered ‘Are you happy where you’re living?’, so the result is not shown"
    )
    assert "1 of 1" not in text and "All" not in text


def test_a_base_just_under_ten_is_suppressed_and_ten_is_shown():
    nine = headlines(answers(replies("health_passport", ["yes"] * 9)), SURVEY_2018).set_index("question_id")
    ten = headlines(answers(replies("health_passport", ["yes"] * 10)), SURVEY_2018).set_index("question_id")
    assert nine.loc["health_passport", "suppressed"]
    assert ten.loc["health_passport", "text"] == "All 10 young people said yes to ‘Do you have your health passport?’"
    assert not ten.loc["health_passport", "suppressed"]


def test_nobody_saying_yes_is_said_plainly_for_a_large_group():
    made = headlines(answers(replies("health_passport", ["no"] * 12)), SURVEY_2018).set_index("question_id")
    assert made.loc["health_passport", "text"] == (
        "None of the 12 young people said yes to ‘Do you have your health passport?’"
    )


def test_a_small_count_in_a_large_group_is_given_as_fewer_than_five():
    made = headlines(answers(replies("health_passport", ["yes"] * 3 + ["no"] * 25)), SURVEY_2018)
    row = made.set_index("question_id").loc["health_passport"]
    assert row["text"] == "A few young people (fewer than 5 of 28) said yes to ‘Do you have your health passport?’"
    assert row["suppressed"]
    assert row["count"] == 3


def test_rather_not_say_and_skips_are_left_out_of_the_base():
    frame = answers(replies("health_passport", ["yes"] * 10 + ["no"] * 2 + ["rather_not_say"] * 3 + [None] * 4))
    shares = positive_shares(frame, SURVEY_2018).set_index("question_id")
    assert shares.loc["health_passport", ["count", "base"]].tolist() == [10, 12]
    assert shares.loc["happy_or_sad", ["count", "base"]].tolist() == [0, 0]


def test_a_person_with_two_rows_for_a_question_is_counted_once():
    frame = answers(
        replies("health_passport", ["yes"] * 12),
        replies("health_passport", ["yes"] * 2),  # the same two people again, as a second tick would be
    )
    assert positive_shares(frame, SURVEY_2018).set_index("question_id").loc["health_passport", "count"] == 12


# -- other question types -------------------------------------------------------------------------

def test_a_single_choice_question_headlines_its_most_chosen_answer_by_label():
    options = pd.DataFrame(
        [("living_with", "foster_family", "With a foster family", 0),
         ("living_with", "childrens_home", "In a children's home", 1)],
        columns=["question_id", "value", "label", "position"],
    )
    frame = answers(replies("living_with", ["childrens_home"] * 6 + ["foster_family"] * 16))
    made = headlines(frame, questions(("living_with", "single", "Where do you live?", "placement")), options)
    assert made.loc[0, "text"] == "Most young people (16 of 22) chose ‘With a foster family’ for ‘Where do you live?’"


def test_a_tie_goes_to_the_answer_shown_first_on_screen():
    options = pd.DataFrame(
        [("q", "zebra", "Zebra", 0), ("q", "apple", "Apple", 1)], columns=["question_id", "value", "label", "position"]
    )
    frame = answers(replies("q", ["apple"] * 6 + ["zebra"] * 6))
    made = headlines(frame, questions(("q", "single", "Which?", "voice")), options)
    assert "chose ‘Zebra’" in made.loc[0, "text"]


def test_a_multiple_choice_question_says_ticked_and_counts_people():
    rows = replies("help", ["money"] * 11) + replies("help", ["housing"] * 4) + replies("help", ["money"], start=20)
    made = headlines(answers(rows), questions(("help", "multiple", "What help do you want?", "eet")))
    assert made.loc[0, ["count", "base"]].tolist() == [12, 12]
    assert made.loc[0, "text"] == "All 12 young people ticked ‘money’ for ‘What help do you want?’"


def test_the_headline_answer_can_be_chosen_per_question():
    frame = answers(replies("happy_where_living", ["no"] * 11 + ["not_sure"] * 2 + ["yes"] * 7))
    made = headlines(frame, SURVEY_2018, positive={"happy_where_living": ["no", "not_sure"]})
    row = made.set_index("question_id").loc["happy_where_living"]
    assert row[["count", "base"]].tolist() == [13, 20]
    assert row["text"] == (
        "Most young people (13 of 20) chose ‘No’ or ‘Not sure’ for ‘Are you happy where you’re living?’"
    )


def test_headlines_leave_their_inputs_alone(round_2018):
    answers_before, questions_before = round_2018.copy(), SURVEY_2018.copy()
    headlines(round_2018, SURVEY_2018)
    pd.testing.assert_frame_equal(answers_before, round_2018)
    pd.testing.assert_frame_equal(questions_before, SURVEY_2018)
