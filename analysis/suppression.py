"""Small-number suppression for anything a board or a child sees.

Primary: a count from 1 to ``min_cell - 1`` is hidden, and so is every cell of a row whose base is
under ``min_base``. Secondary: wherever a row or a column has exactly one hidden cell, its total would
give it away, so the smallest other non-zero cell in that row or column is hidden too; this repeats
until no row or column has a single hidden cell. Hidden cells are shown as "c" with a footnote.

``secondary`` is that second step on its own, for callers that decide the primary cells themselves
(analysis.breakdowns hides whole small groups). ``secondary_in_lines`` does the same for one row of
cells where several *groups* of cells have a published total (an answer distribution next to its
headline: the whole row adds up to the base, the headline answers add up to the headline count, the
others to base minus that); cells whose value is published elsewhere are never picked."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
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
    hidden = secondary(values, hidden)
    return pd.DataFrame(hidden, index=counts.index, columns=counts.columns)


def secondary(values: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """Secondary suppression of a 2-D table: a copy of ``hidden`` (bool, same shape as ``values``)
    where no row or column has exactly one hidden cell. The cell added is the smallest non-zero
    visible cell of that row or column (a zero only when nothing else is left)."""
    values = np.asarray(values, dtype=int)
    hidden = np.array(hidden, dtype=bool)
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


def secondary_in_lines(
    values: Sequence[int],
    hidden: Sequence[bool],
    lines: Iterable[Sequence[int]],
    keep: Collection[int] = (),
) -> list[bool]:
    """Secondary suppression of one row of cells where each of ``lines`` (positions of cells) has a
    published total: until no line has exactly one hidden cell, hide the smallest non-zero visible
    cell of such a line (a zero when nothing else is left), never one in ``keep`` (cells published
    elsewhere). A line whose only other cells are all kept cannot be protected and is left as is."""
    numbers = [int(value) for value in values]
    result = [bool(flag) for flag in hidden]
    groups = [list(line) for line in lines]
    changed = True
    while changed:
        changed = False
        for line in groups:
            if sum(result[j] for j in line) != 1:
                continue
            candidates = [(numbers[j] == 0, numbers[j], j) for j in line if not result[j] and j not in keep]
            if candidates:
                result[min(candidates)[2]] = True
                changed = True
    return result


def headline_shown(count: int, base: int, thresholds: Thresholds = Thresholds()) -> bool:
    """Whether a headline's exact count may be shown (analysis.headlines: base at least ``min_base``
    and the count not from 1 to ``min_cell - 1``)."""
    return base >= thresholds.min_base and not 0 < count < thresholds.min_cell


def distribution_mask(
    values: Sequence[int],
    headline: Collection[int],
    base: int | None = None,
    thresholds: Thresholds = Thresholds(),
    additive: bool = True,
) -> list[bool]:
    """Which cells of one question's answer counts to hide when they are shown next to its headline.

    ``values``: people per answer ("I'd rather not say" left out); ``headline``: positions of the
    headline answer(s), whose total is published as the headline count when ``headline_shown``;
    ``base``: people who answered (default: the sum, right when each person has one answer).
    Primary: cells from 1 to ``min_cell - 1``; every cell when the base is from 1 to ``min_base - 1``.
    Secondary (``secondary_in_lines``): the whole row adds up to the base, the headline cells to the
    headline count and the other cells to base minus headline count, so none of these groups may
    have exactly one hidden cell; a headline that names one answer publishes that cell, so it is
    never the one hidden. ``additive=False`` (multiple choice: one person, several answers) has no
    such totals, so only the primary rule applies."""
    numbers = [int(value) for value in values]
    total = sum(numbers) if base is None else int(base)
    if total == 0:
        return [False] * len(numbers)  # nobody answered: zeros hide nothing
    if total < thresholds.min_base:
        return [True] * len(numbers)
    hidden = [0 < value < thresholds.min_cell for value in numbers]
    positions = sorted(set(headline))
    shown = headline_shown(sum(numbers[j] for j in positions), total, thresholds)
    keep = set(positions) if shown and len(positions) == 1 else set()
    if not additive:
        return hidden
    everything = list(range(len(numbers)))
    lines = [everything, positions, [j for j in everything if j not in positions]] if positions else [everything]
    return secondary_in_lines(numbers, hidden, lines, keep)


def suppress(counts: pd.DataFrame, thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """The count table as it may be shown: numbers, with hidden cells replaced by "c"."""
    mask = hidden_mask(counts, thresholds)
    return counts.astype(object).mask(mask, HIDDEN)


def all_hidden(cells: Iterable[object]) -> bool:
    """Whether a table as shown gives nothing away: no cell shows a number above 0 and at least one
    is hidden ("c"). Such a table is left out of a report, with a line saying why."""
    values = list(cells)
    shows_something = any(not isinstance(value, str) and value is not None and value > 0  # type: ignore[operator]
                          for value in values)
    return not shows_something and any(value == HIDDEN for value in values)
