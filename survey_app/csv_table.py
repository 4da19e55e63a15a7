"""Reading an uploaded CSV table (paper responses, the action register): the bytes as UTF-8 text, the
header row, the rows below it, at most so many. Every problem is reported with its line, and the caller
stores nothing unless the whole file is clean (CsvRefused lists every problem)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

MAX_BYTES = 4 * 1024 * 1024

NOT_UTF8 = ("The file is not saved as UTF-8 text, so some letters cannot be read. In Excel use “Save as” and choose "
            "“CSV UTF-8 (Comma delimited)”. An Excel workbook (.xlsx) must be saved as CSV first.")
NOT_TEXT = ("This line has a character that is not text (a NUL byte), so the file cannot be read. "
            "Is it really a CSV file? Save it from Excel as “CSV UTF-8 (Comma delimited)”.")
NOT_CSV = "This line cannot be read as CSV: {reason}. Check for a stray quotation mark."
UNNAMED_COLUMN = "there is a value in column {number}, which has no {name} in the header row."

T = TypeVar("T")


@dataclass(frozen=True)
class RowProblem:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


class CsvRefused(ValueError):
    """A file that cannot be taken: every problem, with its line (None: the file as a whole)."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class RowRefused(ValueError):
    """Raised by a table's row reader: what is wrong with one row (read_table adds its line)."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class TableWords:
    """What a table's messages call its rows and its header cells."""

    empty: str  # the file has nothing in it
    no_rows: str  # the file has a header row but no rows under it
    too_many: Callable[[int], str]  # the file has this many rows, more than max_rows
    column_name: str  # what a header cell holds, for "which has no … in the header row"


@dataclass(frozen=True)
class Row:
    line: int  # where the row starts (a quoted cell may run over several lines)
    cells: dict[str, str]  # by column, for the columns the header row names and the row reaches
    columns: frozenset[str]  # every column the header row names


def too_big() -> str:
    size = MAX_BYTES // (1024 * 1024)
    return f"The file is larger than {size} MB. Split it into smaller files, each with the header row."


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvRefused([RowProblem(data[:error.start].count(b"\n") + 1, NOT_UTF8)]) from error
    if "\0" in text:
        raise CsvRefused([RowProblem(text[:text.index("\0")].count("\n") + 1, NOT_TEXT)])
    return text


def read_rows(text: str, *, strict: bool = False) -> list[tuple[int, list[str]]]:
    """(line where the row starts, cells) for every row; a quoted cell may run over several lines.
    ``strict`` refuses a stray quotation mark on its own line instead of letting it swallow the rest of
    the file into one cell."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=strict)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            line = start if strict else (reader.line_num or start)
            raise CsvRefused([RowProblem(line, NOT_CSV.format(reason=error))]) from error
        rows.append((start, cells))


def read_table(data: bytes, *, words: TableWords, max_rows: int,
               header: Callable[[list[str]], tuple[list[str], list[RowProblem]]],
               read_row: Callable[[Row], T], strict: bool = False) -> list[T]:
    """What `read_row` makes of each row that is not empty, in file order, or CsvRefused listing every
    problem. `header` gives the column of each header cell ("" for none) and the header's problems (any
    of them refuses the file at once); `read_row` raises RowRefused for a row it cannot take."""
    if len(data) > MAX_BYTES:
        raise CsvRefused([RowProblem(None, too_big())])
    text = decode(data)
    if not text.strip():
        raise CsvRefused([RowProblem(None, words.empty)])
    rows = read_rows(text, strict=strict)
    columns, problems = header(rows[0][1])
    if problems:
        raise CsvRefused(problems)
    body = [(line, cells) for line, cells in rows[1:] if any(cell.strip() for cell in cells)]
    if not body:
        raise CsvRefused([RowProblem(None, words.no_rows)])
    if len(body) > max_rows:
        raise CsvRefused([RowProblem(None, words.too_many(len(body)))])
    named = frozenset(column for column in columns if column)
    results: list[T] = []
    for line, cells in body:
        extra = [number for number, cell in enumerate(cells, start=1)
                 if cell.strip() and (number > len(columns) or not columns[number - 1])]
        if extra:
            problems.append(RowProblem(line, UNNAMED_COLUMN.format(number=extra[0], name=words.column_name)))
            continue
        row = Row(line, {column: cell for column, cell in zip(columns, cells, strict=False) if column}, named)
        try:
            results.append(read_row(row))
        except RowRefused as refused:
            problems += [RowProblem(line, message) for message in refused.messages]
    if problems:
        raise CsvRefused(problems)
    return results
