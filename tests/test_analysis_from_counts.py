"""The counts-based variants (for rounds counted by the database) give exactly what the row-based
functions give; the distribution mask never lets a hidden cell be worked out next to its headline."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.breakdowns import breakdown, breakdown_from_counts
from analysis.headlines import headlines, headlines_from_counts, positive_shares, positive_shares_from_counts
from analysis.response_rates import rates_from_counts, response_rates
from analysis.suppression import HIDDEN, Thresholds, distribution_mask, secondary, secondary_in_lines
from analysis.tallies import choice_counts
from analysis.trends import trends, trends_from_shares

COLUMNS = ["response_id", "question_id", "choice", "text", "skipped"]
QUESTIONS = pd.DataFrame(
    [("safe", "yes_no", "Do you feel safe?", "placement"),
     ("mood", "smiley5", "Are you happy or sad?", "health"),
     ("where", "single", "Where do you live?", "placement"),
     ("clubs", "multiple", "Which clubs?", "voice")],
    columns=["question_id", "type", "text", "priority"],
)


def people(specs):
    rows, number = [], 0
    for how_many, answers in specs:
        for _ in range(how_many):
            for question_id, value in answers.items():
                values = value if isinstance(value, list) else [value]
                rows.extend((f"r{number}", question_id, choice, None, choice is None) for choice in values)
            number += 1
    return pd.DataFrame(rows, columns=COLUMNS)


ROUND = people([
    (12, {"safe": "yes", "mood": "5", "where": "foster", "clubs": ["art", "football"]}),
    (7, {"safe": "yes", "mood": "4", "where": "home", "clubs": ["art"]}),
    (6, {"safe": "no", "mood": "3", "where": "foster", "clubs": "rather_not_say"}),
    (2, {"safe": "not_sure", "mood": "2", "where": "flat", "clubs": None}),
    (1, {"safe": "rather_not_say", "mood": "1", "where": None, "clubs": ["football"]}),
])


def counts_and_bases(answers):
    counts = choice_counts(answers)[["question_id", "choice", "count"]]
    given = answers.loc[answers["choice"].notna() & ~answers["skipped"] & (answers["choice"] != "rather_not_say")]
    bases = given.groupby("question_id")["response_id"].nunique().rename("base").reset_index()
    return counts, bases


def test_headlines_from_counts_are_the_headlines_from_rows():
    counts, bases = counts_and_bases(ROUND)
    expected = headlines(ROUND, QUESTIONS)
    pd.testing.assert_frame_equal(headlines_from_counts(counts, bases, QUESTIONS), expected)
    assert "Very happy 12, Happy 7, OK 6, Unhappy c, Very unhappy c" in expected.loc[1, "text"]


def test_positive_shares_from_counts_refuse_to_add_up_ticks_of_a_multiple_choice_question():
    counts, bases = counts_and_bases(ROUND)
    with pytest.raises(ValueError):
        positive_shares_from_counts(counts, bases, QUESTIONS, positive={"clubs": ["art", "football"]})
    pd.testing.assert_frame_equal(positive_shares_from_counts(counts, bases, QUESTIONS),
                                  positive_shares(ROUND, QUESTIONS))


def test_trends_from_shares_are_the_trends_from_rows():
    earlier = people([(6, {"safe": "yes"}), (6, {"safe": "no"})])
    expected = trends(earlier, ROUND, QUESTIONS, QUESTIONS)
    got = trends_from_shares(positive_shares(earlier, QUESTIONS), positive_shares(ROUND, QUESTIONS),
                             QUESTIONS, QUESTIONS)
    pd.testing.assert_frame_equal(got, expected)


def test_breakdown_from_counts_is_the_breakdown_from_rows():
    groups = pd.DataFrame({"response_id": [f"r{n}" for n in range(28)],
                           "group": ["A"] * 14 + ["B"] * 14})
    table, note = breakdown(ROUND, groups, "safe")
    chosen = ROUND.loc[(ROUND["question_id"] == "safe") & ROUND["choice"].notna()].merge(groups, on="response_id")
    counts = chosen.groupby(["group", "choice"]).size().unstack(fill_value=0).reindex(columns=table.columns,
                                                                                      fill_value=0)
    counts = counts.rename_axis(index="group", columns=None)
    people_per_group = chosen.groupby("group")["response_id"].nunique()
    got, got_note = breakdown_from_counts(counts, people_per_group, chosen["response_id"].nunique())
    pd.testing.assert_frame_equal(got, table)
    assert got_note == note


def test_rates_from_counts_are_the_rates_from_rows():
    groups = pd.DataFrame({"response_id": ["a", "b", "c", "d", "e", "f"], "group": ["x"] * 5 + ["y"]})
    cohorts = pd.DataFrame({"group": ["x", "y"], "cohort": [20, 10]})
    heard = groups.groupby("group")["response_id"].nunique()
    pd.testing.assert_frame_equal(rates_from_counts(heard, 6, cohorts), response_rates(groups, cohorts))


def test_a_published_yes_count_hides_both_other_answers_when_one_is_small():
    # 27 of 28 said yes (published): "no" is 1, and "not sure" 0 would give it away.
    assert distribution_mask([27, 1, 0], [0]) == [False, True, True]
    # 16 of 28: nothing small, nothing hidden.
    assert distribution_mask([16, 12, 0], [0]) == [False, False, False]


def test_the_happy_end_total_is_published_so_a_lone_hidden_point_there_takes_another_with_it():
    # Very happy 20, Happy 3, OK 10, Unhappy 6, Very unhappy 0; headline "23 chose Happy or Very happy".
    values = [0, 6, 10, 3, 20]  # points 1..5
    mask = distribution_mask(values, [3, 4])
    assert mask[3] and mask[4]  # Happy hidden, so Very happy too (23 - 20 would give 3)
    assert mask[0] or mask[1] or mask[2]  # and the rest of the row keeps two hidden cells


def test_under_the_base_everything_is_hidden_and_with_nobody_nothing_is():
    assert distribution_mask([5, 4], [0]) == [True, True]
    assert distribution_mask([0, 0, 0], [0]) == [False, False, False]


def test_multiple_choice_has_no_totals_so_only_small_ticks_are_hidden():
    assert distribution_mask([20, 3, 15], [0], base=25, additive=False) == [False, True, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=2, max_size=6), st.data())
def test_no_hidden_cell_can_be_worked_out_from_the_published_totals(values, data):
    """Whatever the counts, every published total (the base, the headline count, base − headline
    count) that covers a hidden cell covers at least two, or only hidden cells it cannot name."""
    headline = sorted(data.draw(st.sets(st.integers(min_value=0, max_value=len(values) - 1), min_size=1,
                                        max_size=2)))
    mask = distribution_mask(values, headline)
    base = sum(values)
    if base == 0:
        assert not any(mask)
        return
    if base < 10:
        assert all(mask)
        return
    assert all(mask[j] for j, value in enumerate(values) if 0 < value < 5)
    others = [j for j in range(len(values)) if j not in headline]
    for line in (list(range(len(values))), headline, others):
        hidden = [j for j in line if mask[j]]
        visible_free = [j for j in line if not mask[j] and not (len(headline) == 1 and j in headline)]
        assert len(hidden) != 1 or not visible_free, (values, headline, mask, line)


def test_secondary_is_public_and_leaves_its_input_alone():
    values = [[10, 2], [10, 10]]
    hidden = [[False, True], [False, False]]
    result = secondary(values, hidden)
    assert hidden == [[False, True], [False, False]]
    assert result.sum() >= 3
    # The smallest non-zero other cell goes first; a kept (published) cell never does, so then the zero.
    assert secondary_in_lines([10, 2, 0], [False, True, False], [[0, 1, 2]]) == [True, True, False]
    assert secondary_in_lines([10, 2, 0], [False, True, False], [[0, 1, 2]], keep={0}) == [False, True, True]


def test_hidden_is_c():
    assert HIDDEN == "c"
    assert Thresholds().min_cell == 5


def test_every_small_pair_is_covered():
    for a, b in itertools.product(range(0, 6), repeat=2):
        mask = distribution_mask([20, a, b], [0])
        if 0 < a < 5 or 0 < b < 5:
            assert mask[1] and mask[2]
