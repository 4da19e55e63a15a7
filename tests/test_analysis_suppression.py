import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.suppression import HIDDEN, Thresholds, hidden_mask, suppress


def table(values, rows=None, columns=None):
    values = np.array(values)
    return pd.DataFrame(
        values,
        index=rows or [f"group {i}" for i in range(values.shape[0])],
        columns=columns or [f"answer {j}" for j in range(values.shape[1])],
    )


def test_small_counts_are_hidden_and_so_is_one_more_cell_in_their_row_and_column():
    shown = suppress(table([[20, 3, 15], [30, 25, 12]]))
    assert shown.iloc[0, 1] == HIDDEN
    assert (shown.iloc[0] == HIDDEN).sum() >= 2
    assert (shown.iloc[:, 1] == HIDDEN).sum() >= 2


def test_a_group_with_a_base_under_ten_is_hidden_whole():
    shown = suppress(table([[5, 4], [30, 40]]))
    assert list(shown.iloc[0]) == [HIDDEN, HIDDEN]


def test_large_counts_and_zeros_are_shown_when_nothing_else_forces_them():
    shown = suppress(table([[20, 0], [30, 12]]))
    assert shown.to_numpy().tolist() == [[20, 0], [30, 12]]


def test_thresholds_can_be_changed():
    assert not hidden_mask(table([[3, 12], [12, 12]]), Thresholds(min_cell=3, min_base=10)).to_numpy().any()


def test_the_input_table_is_left_alone():
    counts = table([[20, 3], [30, 25]])
    before = counts.copy()
    suppress(counts)
    pd.testing.assert_frame_equal(before, counts)


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 5).flatmap(
    lambda rows: st.integers(2, 5).flatmap(
        lambda cols: st.lists(st.lists(st.integers(0, 40), min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)
    )
))
def test_no_hidden_value_can_be_recovered_by_subtracting_from_a_row_or_column_total(values):
    counts = table(values)
    mask = hidden_mask(counts).to_numpy()
    numbers = counts.to_numpy()
    # primary rule holds
    assert mask[(numbers > 0) & (numbers < 5)].all()
    # a row or column with hidden cells has at least two, so its total never gives one away
    for line in list(mask) + list(mask.T):
        assert line.sum() != 1
