"""Rows of plain cells into an XlsxWriter worksheet in constant_memory mode, a row at a time.

XlsxWriter spends several microseconds of Python on each cell (write → type dispatch → store → the row written out →
the cell's XML, with two regular expressions for each string): for the anonymised responses of 100,000
young people, 2.6 million cells, that was most of the export's time. ``RowWriter.write_row`` writes a row
whose cells are all plain (text, whole or decimal numbers, ``None`` or "" for nothing) straight into the
worksheet's temporary row file as the same XML XlsxWriter writes for it (tests/test_xlsx_rows.py writes
varied rows both ways and compares the sheets byte for byte), and keeps the worksheet's own bookkeeping
(its dimensions, the last row written) as XlsxWriter keeps it, so XlsxWriter still writes the rest of the
workbook: the sheet around the rows, styles, the zip. Strings are escaped only when they hold something to
escape, and the escaped form of short text (answer values, which repeat) is kept, so a cell costs a lookup.

It reads and keeps XlsxWriter's private state, so it is used only with the XlsxWriter release it was checked against
(``CHECKED_XLSXWRITER``, the one ``constraints.txt`` pins); with any other, or for a row it doesn't handle
(a row with another type of cell; a sheet with row or column formats, comments or other row heights), rows
go cell by cell through XlsxWriter's public ``write`` as before.

One deliberate difference: in constant_memory mode XlsxWriter writes a string that starts with ``<r>`` and
ends with ``</r>`` into the file unescaped, as a rich string it made itself, so a young person's answer
shaped like that would become any XML, a live formula too. Here such text is escaped like any other (and
cell by cell it is written as a three-part rich string, escaped by XlsxWriter): it is shown as typed.

``QuickZipBuffer``: a file that XlsxWriter (the checked release) zips at zlib's quickest level."""

from __future__ import annotations

import io
import logging
import math
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

log = logging.getLogger(__name__)

CHECKED_XLSXWRITER = "3.3.1"
MAX_REMEMBERED = 64  # text up to this long is remembered escaped (answer values); longer is escaped each time
REMEMBERED_CELLS = 10_000  # at most this many
MAX_UNITS = 32_767  # Excel's longest text, in UTF-16 units; XlsxWriter shortens longer text to it
# Anything XlsxWriter's _escape_control_characters or _escape_data would change.
NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


def fast_path_available() -> bool:
    return xlsxwriter.__version__ == CHECKED_XLSXWRITER


class RowWriter:
    """Writes rows into one constant_memory worksheet, in increasing row order, each row once."""

    def __init__(self, sheet: Worksheet):
        self.sheet = sheet
        self.fast = fast_path_available() and sheet.constant_memory
        if not fast_path_available():
            log.warning("XlsxWriter %s is not %s, the release xlsx_rows was checked against: writing cell by cell",
                        xlsxwriter.__version__, CHECKED_XLSXWRITER)
        self._starts: list[str] = []  # '<c r="A', '<c r="B', …
        self._tails: dict[str | None, str] = {"": "", None: ""}  # text -> the rest of its cell after the row number
        self._last = -1

    def write_row(self, row: int, cells: Sequence[Any]) -> None:
        """The row's cells from column A; ``row`` must come after every row written to the sheet so far."""
        sheet = self.sheet
        if row <= self._last or (sheet.constant_memory and (
                row < sheet.previous_row or (row == sheet.previous_row and sheet.table))):
            raise ValueError(f"row {row} is not after the rows written to the sheet so far")
        self._last = row
        if not (self.fast and self._plain_sheet(row) and self._write_plain(row, cells)):
            write_cell_by_cell(sheet, row, cells)

    def _plain_sheet(self, row: int) -> bool:
        """Rows of this sheet are written as <row r="N"> and cells without a style (no heights, formats or
        comments), and ``row`` is inside the sheet."""
        sheet = self.sheet
        return (sheet.excel_version == 2007 and sheet.default_row_height == sheet.original_row_height
                and not sheet.row_info and not sheet.col_info and not sheet.comments and row < sheet.xls_rowmax)

    def _write_plain(self, row: int, cells: Sequence[Any]) -> bool:
        """The row's XML as XlsxWriter writes it, or False (nothing written) if a cell is not plain."""
        sheet, width = self.sheet, len(cells)
        if width > sheet.xls_colmax:
            return False
        starts = self._starts
        while len(starts) < width:
            starts.append(f'<c r="{xl_col_to_name(len(starts))}')
        known, number = self._tails.get, str(row + 1)
        parts: list[str] = []
        append = parts.append
        for start, cell in zip(starts, cells, strict=False):  # starts may be longer than the row
            tail = known(cell)  # text seen before, "" or None (no cell); only those are remembered
            if tail is None:
                kind = cell.__class__
                if kind is str:
                    tail = self._string_tail(cell)
                elif kind is int or (kind is float and math.isfinite(cell)):
                    append(f'{start}{number}"><v>{cell:.16G}</v></c>')
                    continue
                else:  # bool, NaN, a date, a Decimal, …
                    return False
            if tail:
                append(start + number + tail)
        if not parts:  # nothing in the row: XlsxWriter writes no <row>
            return True
        if sheet.table:  # a row XlsxWriter holds (written cell by cell) goes out first
            sheet._write_single_row(row)
        sheet.row_data_fh.write(f'<row r="{number}">{"".join(parts)}</row>')
        # XlsxWriter's bookkeeping, as _check_dimensions and _write_single_row keep it: this row is written, so
        # writing to it again is refused as for any row before the one XlsxWriter holds.
        sheet.previous_row = row + 1
        if sheet.dim_rowmin is None or row < sheet.dim_rowmin:
            sheet.dim_rowmin = row
        if sheet.dim_rowmax is None or row > sheet.dim_rowmax:
            sheet.dim_rowmax = row
        if sheet.dim_colmin != 0 or sheet.dim_colmax is None or sheet.dim_colmax < width - 1:
            filled = [column for column, cell in enumerate(cells) if known(cell) != ""]
            if sheet.dim_colmin is None or filled[0] < sheet.dim_colmin:
                sheet.dim_colmin = filled[0]
            if sheet.dim_colmax is None or filled[-1] > sheet.dim_colmax:
                sheet.dim_colmax = filled[-1]
        return True

    def _string_tail(self, text: str) -> str:
        """What follows '<c r="A1' for this text: XlsxWriter's inline string, escaped as it escapes it."""
        whole, text = text, shortened(text)
        if NEEDS_ESCAPE.search(text):
            text = self.sheet._escape_data(self.sheet._escape_control_characters(text))
        preserve = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        tail = f'" t="inlineStr"><is><t{preserve}>{text}</t></is></c>'
        if len(whole) <= MAX_REMEMBERED and len(self._tails) < REMEMBERED_CELLS + 2:
            self._tails[whole] = tail
        return tail


def write_cell_by_cell(sheet: Worksheet, row: int, cells: Sequence[Any]) -> None:
    """XlsxWriter's own way, a cell at a time (a float that is not a number is left empty, as before), except
    text XlsxWriter would take for its own rich string XML, written as a rich string of three plain parts."""
    for column, cell in enumerate(cells):
        if cell.__class__ is str:
            cell = shortened(cell)
            if cell.startswith("<r>") and cell.endswith("</r>"):
                sheet.write_rich_string(row, column, cell[:1], cell[1:2], cell[2:])
            elif cell:
                sheet.write_string(row, column, cell)
        elif isinstance(cell, float) and math.isnan(cell):
            continue
        else:
            sheet.write(row, column, cell)


def shortened(text: str) -> str:
    """The text cut to Excel's limit as XlsxWriter cuts it (a character above U+FFFF is two units, never split)."""
    if len(text) <= MAX_UNITS // 2 or len(text.encode("utf-16-le", "surrogatepass")) // 2 <= MAX_UNITS:
        return text
    units = 0
    for index, character in enumerate(text):
        units += 2 if ord(character) > 0xFFFF else 1
        if units > MAX_UNITS:
            return text[:index]
    return text


class QuickZipBuffer(io.BytesIO):
    """A file for a Workbook to be zipped at zlib's level 1 rather than its default 6: for 150 MB of sheet XML
    (the anonymised responses of 100,000 young people) 0.5 s of deflate rather than 1.9 s, for a file a third
    bigger (17 MB rather than 13). XlsxWriter has no option for it; with another XlsxWriter release than the one
    checked, or with XlsxWriter's ``in_memory`` option, the level is zipfile's default as before."""

    zip_level = 1


class _ZipFile(zipfile.ZipFile):
    """What XlsxWriter makes its zip with: zipfile's own, at the level its file asks for, if it asks."""

    def __init__(self, file, *args, **kwargs):
        super().__init__(file, *args, **kwargs)
        self.compresslevel = getattr(file, "zip_level", self.compresslevel)


if fast_path_available():  # this release's Workbook._store_workbook makes the file with workbook.ZipFile(...)
    xlsxwriter.workbook.ZipFile = _ZipFile  # type: ignore[attr-defined]
