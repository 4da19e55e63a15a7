import pandas as pd
import pytest

from analysis.breakdowns import (
    CARE_STATUS,
    PLACEMENT_TYPES,
    breakdown,
    groups_from_answer,
    groups_from_channel,
)
from analysis.suppression import HIDDEN, Thresholds

COLUMNS = ["response_id", "question_id", "choice", "text", "skipped"]


def people(specs):
    """specs: [(how many, {question: value or None for skipped})] → answers frame, one person per row."""
    rows, number = [], 0
    for how_many, given in specs:
        for _ in range(how_many):
            for question_id, value in given.items():
                values = value if isinstance(value, list) else [value]
                rows.extend((f"r{number}", question_id, choice, None, choice is None) for choice in values)
            number += 1
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture
def big_round():
    return people([
        (20, {"care_status": "in_care", "happy": "yes"}),
        (6, {"care_status": "in_care", "happy": "no"}),
        (12, {"care_status": "care_leaver", "happy": "yes"}),
        (8, {"care_status": "care_leaver", "happy": "no"}),
    ])


def test_groups_come_from_an_answer_with_names_and_not_said(big_round):
    frame = pd.concat([big_round, people([(1, {"care_status": "rather_not_say"})]).assign(response_id="x"),
                       people([(1, {"care_status": None})]).assign(response_id="y")])
    groups = groups_from_answer(frame, "care_status", CARE_STATUS).set_index("response_id")["group"]
    assert groups["r0"] == "In care"
    assert groups["r30"] == "Care leaver"
    assert groups["x"] == "Not said" and groups["y"] == "Not said"
    assert "x" not in groups_from_answer(frame, "care_status", not_said=None)["response_id"].tolist()


def test_placement_types_put_lodgings_and_own_flat_together():
    frame = people([(1, {"living_with": "own_flat"}), (1, {"living_with": "supported_lodgings"})])
    assert set(groups_from_answer(frame, "living_with", PLACEMENT_TYPES)["group"]) == {"Supported lodgings or own flat"}


def test_groups_come_from_the_channel():
    responses = pd.DataFrame({"response_id": ["a", "b"], "channel": ["online", "paper"], "week_of": [None, None]})
    assert groups_from_channel(responses)["group"].tolist() == ["Online", "Paper"]


def test_a_breakdown_with_large_cells_is_shown_whole_with_no_footnote(big_round):
    table, footnote = breakdown(big_round, groups_from_answer(big_round, "care_status", CARE_STATUS), "happy")
    assert table.to_dict("index") == {"Care leaver": {"no": 8, "yes": 12}, "In care": {"no": 6, "yes": 20}}
    assert footnote == ""


def test_a_small_cell_is_hidden_and_so_is_what_would_give_it_away():
    frame = people([
        (20, {"care_status": "in_care", "happy": "yes"}),
        (3, {"care_status": "in_care", "happy": "no"}),
        (12, {"care_status": "care_leaver", "happy": "yes"}),
        (8, {"care_status": "care_leaver", "happy": "no"}),
    ])
    table, footnote = breakdown(frame, groups_from_answer(frame, "care_status", CARE_STATUS), "happy")
    assert table.loc["In care", "no"] == HIDDEN
    assert (table.loc["In care"] == HIDDEN).sum() == 2  # else 23 - 20 gives the 3
    assert (table["no"] == HIDDEN).sum() == 2  # else the "no" headline total gives it
    assert "fewer than 5" in footnote


def test_a_group_with_a_base_under_ten_is_hidden_and_cannot_be_worked_out_from_the_others():
    frame = people([
        (20, {"care_status": "in_care", "happy": "yes"}),
        (15, {"care_status": "in_care", "happy": "no"}),
        (5, {"care_status": "care_leaver", "happy": "yes"}),
        (4, {"care_status": "care_leaver", "happy": "no"}),
    ])
    table, footnote = breakdown(frame, groups_from_answer(frame, "care_status", CARE_STATUS), "happy")
    assert (table.loc["Care leaver"] == HIDDEN).all()
    # the question's own totals (25 yes, 19 no) would give the care leavers' figures back
    assert (table.loc["In care"] == HIDDEN).all()
    assert "fewer than 10 young people answered are hidden" in footnote


def test_a_question_with_fewer_than_ten_answers_is_not_broken_down_at_all():
    frame = people([(5, {"care_status": "in_care", "happy": "yes"}),
                    (4, {"care_status": "care_leaver", "happy": "no"})])
    table, footnote = breakdown(frame, groups_from_answer(frame, "care_status"), "happy")
    assert (table == HIDDEN).all().all()
    assert footnote == "Fewer than 10 young people answered this question, so it is not broken down."


def test_an_empty_round_and_an_all_skipped_question_give_an_empty_hidden_table():
    empty = people([])
    table, footnote = breakdown(empty, groups_from_answer(empty, "care_status"), "happy")
    assert table.empty and "Fewer than 10" in footnote
    skipped = people([(12, {"care_status": "in_care", "happy": None})])
    table, footnote = breakdown(skipped, groups_from_answer(skipped, "care_status"), "happy")
    assert table.empty and "Fewer than 10" in footnote


def test_a_one_response_round_is_not_broken_down():
    frame = people([(1, {"care_status": "in_care", "happy": "yes"})])
    table, _ = breakdown(frame, groups_from_answer(frame, "care_status"), "happy")
    assert table.to_numpy().tolist() == [[HIDDEN]]


def test_rather_not_say_is_a_column_and_skips_are_left_out():
    frame = people([
        (12, {"care_status": "in_care", "happy": "yes"}),
        (10, {"care_status": "in_care", "happy": "rather_not_say"}),
        (30, {"care_status": "in_care", "happy": None}),
    ])
    table, _ = breakdown(frame, groups_from_answer(frame, "care_status"), "happy")
    assert table.to_dict("index") == {"in_care": {"rather_not_say": 10, "yes": 12}}


def test_columns_follow_screen_order_when_options_are_given(big_round):
    options = pd.DataFrame([("happy", "yes", "Yes", 0), ("happy", "no", "No", 1), ("happy", "not_sure", "Not sure", 2)],
                           columns=["question_id", "value", "label", "position"])
    table, _ = breakdown(big_round, groups_from_answer(big_round, "care_status"), "happy", options=options)
    assert list(table.columns) == ["yes", "no", "not_sure"]
    assert table["not_sure"].tolist() == [0, 0]


def test_a_smiley_scale_breaks_down_by_channel():
    frame = people([(12, {"faces": "3"}), (10, {"faces": "2"}), (15, {"faces": "1"})])
    responses = pd.DataFrame({"response_id": [f"r{i}" for i in range(37)],
                              "channel": ["online"] * 22 + ["paper"] * 15})
    table, footnote = breakdown(frame, groups_from_channel(responses), "faces")
    assert table.to_dict("index") == {"Online": {"1": 0, "2": 10, "3": 12}, "Paper": {"1": 15, "2": 0, "3": 0}}
    assert footnote == ""


def test_a_multiple_choice_group_is_judged_by_people_not_ticks():
    # 6 care leavers ticking 2 options each: 12 ticks, but only 6 people — hidden
    frame = people([
        (6, {"care_status": "care_leaver", "help": ["money", "housing"]}),
        (20, {"care_status": "in_care", "help": ["money", "housing"]}),
    ])
    table, _ = breakdown(frame, groups_from_answer(frame, "care_status"), "help")
    assert (table.loc["care_leaver"] == HIDDEN).all()


def test_the_thresholds_can_be_changed():
    frame = people([(7, {"g": "a", "q": "yes"}), (3, {"g": "a", "q": "no"}), (8, {"g": "b", "q": "yes"})])
    table, footnote = breakdown(frame, groups_from_answer(frame, "g"), "q", Thresholds(min_cell=3, min_base=5))
    assert table.to_dict("index") == {"a": {"no": 3, "yes": 7}, "b": {"no": 0, "yes": 8}}
    assert footnote == ""


def test_breakdowns_leave_their_inputs_alone(big_round):
    groups = groups_from_answer(big_round, "care_status")
    before, groups_before = big_round.copy(), groups.copy()
    breakdown(big_round, groups, "happy")
    pd.testing.assert_frame_equal(before, big_round)
    pd.testing.assert_frame_equal(groups_before, groups)
