import math

import pandas as pd
import pytest

from analysis.response_rates import TOTAL, response_rates
from analysis.suppression import HIDDEN, Thresholds


def heard(**counts):
    """heard(in_care=25, care_leaver=3) → response_id, group frame."""
    rows = [(f"{group}-{i}", group) for group, how_many in counts.items() for i in range(how_many)]
    return pd.DataFrame(rows, columns=["response_id", "group"])


def cohorts(**sizes):
    return pd.DataFrame(list(sizes.items()), columns=["group", "cohort"])


def test_each_group_has_its_rate_against_the_cohort_and_a_total():
    rates = response_rates(heard(in_care=25, care_leaver=12), cohorts(in_care=60, care_leaver=40)).set_index("group")
    assert rates.loc["in_care", ["responses", "cohort", "rate"]].tolist() == [25, 60, pytest.approx(41.7)]
    assert rates.loc["care_leaver", "rate"] == 30.0
    assert rates.loc[TOTAL, ["responses", "cohort", "rate"]].tolist() == [37, 100, 37.0]
    assert list(rates.index) == ["in_care", "care_leaver", TOTAL]
    assert not rates["not_heard"].any()


def test_a_group_under_twenty_percent_is_flagged_not_heard():
    rates = response_rates(heard(in_care=25, care_leaver=7), cohorts(in_care=60, care_leaver=40)).set_index("group")
    assert rates.loc["care_leaver", "rate"] == 17.5
    assert rates.loc["care_leaver", "not_heard"]
    assert not rates.loc["in_care", "not_heard"]


def test_exactly_twenty_percent_is_heard_and_the_cut_off_can_be_changed():
    rates = response_rates(heard(in_care=20), cohorts(in_care=100)).set_index("group")
    assert not rates.loc["in_care", "not_heard"]
    stricter = response_rates(heard(in_care=20), cohorts(in_care=100), not_heard_below=25).set_index("group")
    assert stricter.loc["in_care", "not_heard"]


def test_a_group_we_heard_nothing_from_is_shown_as_zero_and_not_heard():
    rates = response_rates(heard(in_care=25), cohorts(in_care=60, care_leaver=40)).set_index("group")
    assert rates.loc["care_leaver", ["responses", "rate", "shown_responses"]].tolist() == [0, 0.0, 0]
    assert rates.loc["care_leaver", "not_heard"]


def test_small_counts_and_their_rates_are_hidden_with_one_more_so_the_total_cannot_give_them_away():
    rates = response_rates(heard(in_care=25, care_leaver=3, under_12=8),
                           cohorts(in_care=60, care_leaver=40, under_12=30)).set_index("group")
    assert rates.loc["care_leaver", ["shown_responses", "shown_rate"]].tolist() == [HIDDEN, HIDDEN]
    assert rates.loc["under_12", ["shown_responses", "shown_rate"]].tolist() == [HIDDEN, HIDDEN]
    assert rates.loc["in_care", ["shown_responses", "shown_rate"]].tolist() == [25, pytest.approx(41.7)]
    assert rates.loc[TOTAL, "shown_responses"] == 36
    assert rates.loc["care_leaver", "responses"] == 3  # the true figure stays for staff


def test_two_small_groups_hide_each_other_and_nothing_more():
    rates = response_rates(heard(in_care=25, care_leaver=3, under_12=2),
                           cohorts(in_care=60, care_leaver=40, under_12=30)).set_index("group")
    assert rates["shown_responses"].tolist() == [25, HIDDEN, HIDDEN, 30]


def test_a_one_response_round_hides_the_group_and_the_total():
    rates = response_rates(heard(in_care=1), cohorts(in_care=60)).set_index("group")
    assert rates["shown_responses"].tolist() == [HIDDEN, HIDDEN]
    assert rates.loc["in_care", "not_heard"]


def test_an_empty_round_gives_zero_everywhere_and_every_group_not_heard():
    rates = response_rates(heard(), cohorts(in_care=60, care_leaver=40)).set_index("group")
    assert rates["responses"].tolist() == [0, 0, 0]
    assert rates["not_heard"].tolist() == [True, True, True]


def test_a_group_with_no_cohort_has_no_rate_but_counts_in_the_total():
    rates = response_rates(heard(in_care=25, **{"Not said": 6}), cohorts(in_care=60)).set_index("group")
    assert math.isnan(rates.loc["Not said", "rate"])
    assert not rates.loc["Not said", "not_heard"]
    assert rates.loc[TOTAL, ["responses", "cohort"]].tolist() == [31, 60]


def test_a_cohort_of_zero_has_no_rate():
    rates = response_rates(heard(in_care=25), cohorts(in_care=60, disabled_children=0)).set_index("group")
    assert math.isnan(rates.loc["disabled_children", "rate"])
    assert not rates.loc["disabled_children", "not_heard"]


def test_the_threshold_for_hiding_can_be_changed():
    rates = response_rates(heard(in_care=25, care_leaver=3), cohorts(in_care=60, care_leaver=40),
                           thresholds=Thresholds(min_cell=3)).set_index("group")
    assert rates.loc["care_leaver", "shown_responses"] == 3


def test_response_rates_leave_their_inputs_alone():
    groups, sizes = heard(in_care=25, care_leaver=3), cohorts(in_care=60, care_leaver=40)
    before = (groups.copy(), sizes.copy())
    response_rates(groups, sizes)
    pd.testing.assert_frame_equal(before[0], groups)
    pd.testing.assert_frame_equal(before[1], sizes)
