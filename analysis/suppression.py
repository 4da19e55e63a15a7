"""Small-number suppression for anything a board or a child sees.

Primary: a count from 1 to ``min_cell - 1`` is hidden, and so is every cell of a row whose base is
under ``min_base``. Secondary: wherever a row or a column has exactly one hidden cell, its total would
give it away, so the smallest other non-zero cell in that row or column is hidden too; this repeats
until no row or column has a single hidden cell. Hidden cells are shown as "c" with a footnote."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

HIDDEN = "c"
FOOTNOTE = "c = fewer than {min_cell} young people, or hidden so that a small number can’t be worked out."


@dataclass(frozen=True)
class Thresholds:
    min_cell: int = 5
    min_base: int = 10


def hidden_mask(counts: pd.DataFrame, thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """True where a cell of a groups × answers count table must be hidden."""
    values = counts.to_numpy(dtype=int)
    hidden = (values > 0) & (values < thresholds.min_cell)
    row_totals = values.sum(axis=1)
    hidden[row_totals < thresholds.min_base, :] = True
    hidden = _secondary(values, hidden)
    return pd.DataFrame(hidden, index=counts.index, columns=counts.columns)


def _secondary(values, hidden):
    hidden = hidden.copy()
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            lines = hidden if axis == 0 else hidden.T
            numbers = values if axis == 0 else values.T
            for index in range(lines.shape[0]):
                if lines[index].sum() != 1 or lines.shape[1] < 2:
                    continue
                candidates = [
                    (numbers[index, j] == 0, numbers[index, j], j)
                    for j in range(lines.shape[1])
                    if not lines[index, j]
                ]
                if not candidates:
                    continue
                _, _, j = min(candidates)
                lines[index, j] = True
                changed = True
    return hidden


def suppress(counts: pd.DataFrame, thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """The count table as it may be shown: numbers, with hidden cells replaced by "c"."""
    mask = hidden_mask(counts, thresholds)
    return counts.astype(object).mask(mask, HIDDEN)
