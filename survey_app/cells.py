"""Spreadsheet cells that can't attack the person who opens them.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return before one) as a formula: a young person's written answer `=HYPERLINK(...)` would be a
live link in a worker's spreadsheet. Every CSV and XLSX download goes through `guard_formula` (or
`guard_frame`): such a cell gets an apostrophe in front, which spreadsheets show as text. Importing our
own files takes exactly one apostrophe off again (`unguard_formula`), so export → import is lossless:
a cell that already starts with apostrophes before one of these gets one more."""

from __future__ import annotations

import pandas as pd

from .characters import without_unusable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(cell: str) -> str:
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def unguard_formula(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def spreadsheet_text(cell: str) -> str:
    """A cell for a report download: guarded, and without characters a spreadsheet can't hold (an answer
    stored before they were refused would otherwise make the XLSX export fail)."""
    return guard_formula(without_unusable(cell))


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell made safe by `spreadsheet_text` (numbers stay numbers)."""
    return frame.apply(lambda column: column.map(lambda cell: spreadsheet_text(cell) if isinstance(cell, str)
                                                 else cell))
