"""Reading a CSV file of paper responses: every row checked like an online answer, every problem
reported with its line, and nothing stored unless the whole file is clean."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..audit import audit
from ..extensions import db
from ..models import SurveyRound
from ..models.statuses import Channel
from ..questionnaire.schema import Questionnaire
from ..responses.drafts import store_response
from ..responses.journey import Answers
from .csv_template import SEPARATOR
from .rules import PaperRefused, check_response, flagged

MAX_ROWS = 2000
MAX_BYTES = 4 * 1024 * 1024

EMPTY = ("The file is empty. Download the template, keep its header row of question ids, "
         "and add one row for each paper form.")
NO_ROWS = "There are no responses in the file: add one row for each paper form under the header row."
NOT_UTF8 = ("The file is not saved as UTF-8 text, so some letters cannot be read. In Excel use “Save as” and choose "
            "“CSV UTF-8 (Comma delimited)”. An Excel workbook (.xlsx) must be saved as CSV first.")
NOT_TEXT = ("This line has a character that is not text (a NUL byte), so the file cannot be read. "
            "Is it really a CSV file? Save it from Excel as “CSV UTF-8 (Comma delimited)”.")
NOT_CSV = "This line cannot be read as CSV: {reason}. Check for a stray quotation mark."


@dataclass(frozen=True)
class RowProblem:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


class CsvRefused(ValueError):
    def __init__(self, problems: list[RowProblem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def too_many_rows(count: int) -> str:
    return (f"The file has {count} responses; at most {MAX_ROWS} can be added at a time. "
            "Split it into smaller files, each with the header row.")


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


def _header(cells: list[str], questionnaire: Questionnaire) -> tuple[list[str], list[RowProblem]]:
    columns = [cell.strip() for cell in cells]
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for number, column in enumerate(columns, start=1):
        if not column:
            continue
        if not questionnaire.has_question(column):
            problems.append(RowProblem(1, (
                f"column {number}, “{column}”, is not a question in this questionnaire. "
                "Use the question ids from the template's header row."
            )))
        elif column in seen:
            problems.append(RowProblem(1, f"the column “{column}” appears twice. Keep one of them."))
        seen.add(column)
    if not seen:
        problems.append(RowProblem(1, "the first row must be the template's header row of question ids."))
    return columns, problems


def _written(columns: list[str], cells: list[str], questionnaire: Questionnaire) -> dict[str, list[str]]:
    written: dict[str, list[str]] = {}
    for column, cell in zip(columns, cells, strict=False):
        if not column:
            continue
        question = questionnaire.question(column)
        written[column] = [cell] if question.is_text else cell.split(SEPARATOR)
    return written


def read_responses(data: bytes, questionnaire: Questionnaire) -> list[Answers]:
    """Every response in the file, or CsvRefused listing every problem with its line number."""
    if len(data) > MAX_BYTES:
        raise CsvRefused([RowProblem(None, too_big())])
    text = decode(data)
    if not text.strip():
        raise CsvRefused([RowProblem(None, EMPTY)])
    rows = read_rows(text)
    columns, problems = _header(rows[0][1], questionnaire)
    if problems:
        raise CsvRefused(problems)
    body = [(line, cells) for line, cells in rows[1:] if any(cell.strip() for cell in cells)]
    if not body:
        raise CsvRefused([RowProblem(None, NO_ROWS)])
    if len(body) > MAX_ROWS:
        raise CsvRefused([RowProblem(None, too_many_rows(len(body)))])
    responses: list[Answers] = []
    for line, cells in body:
        extra = [number for number, cell in enumerate(cells, start=1)
                 if cell.strip() and (number > len(columns) or not columns[number - 1])]
        if extra:
            problems.append(RowProblem(line, (
                f"there is a value in column {extra[0]}, which has no question id in the header row."
            )))
            continue
        try:
            responses.append(check_response(questionnaire, _written(columns, cells, questionnaire), by_id=True))
        except PaperRefused as refused:
            for problem in refused.each:
                where = f"{problem.question_id}: " if problem.question_id else ""
                problems.append(RowProblem(line, where + problem.message))
    if problems:
        raise CsvRefused(problems)
    return responses


def import_responses(survey_round: SurveyRound, questionnaire: Questionnaire, data: bytes,
                     actor: str) -> tuple[int, int]:
    """Store every response in the file as paper, or none (CsvRefused); returns (responses added, of them
    flagged for the safeguarding lead). Flushes; the view commits."""
    responses = read_responses(data, questionnaire)
    for answers in responses:
        store_response(survey_round, questionnaire, answers, channel=Channel.PAPER, flush=False)
    db.session.flush()
    audit(actor, "paper responses uploaded", f"{len(responses)} for round {survey_round.slug}")
    return len(responses), sum(1 for answers in responses if flagged(questionnaire, answers))
