"""Reading a CSV file of paper responses: every row checked like an online answer, every problem
reported with its line, and nothing stored unless the whole file is clean."""

from __future__ import annotations

from ..audit import audit
from ..csv_table import MAX_BYTES, CsvRefused, Row, RowProblem, RowRefused, TableWords, read_table, too_big
from ..extensions import db
from ..models import SurveyRound
from ..models.statuses import Channel
from ..questionnaire.schema import Questionnaire
from ..responses.drafts import store_response
from ..responses.journey import Answers
from ..text_scores import current_coder
from .csv_template import SEPARATOR
from .rules import PaperRefused, check_response, flagged

MAX_ROWS = 2000

EMPTY = ("The file is empty. Download the template, keep its header row of question ids, "
         "and add one row for each paper form.")
NO_ROWS = "There are no responses in the file: add one row for each paper form under the header row."

# The file limit and its refusals live in survey_app/csv_table.py; named here too for older imports.
__all__ = ["MAX_BYTES", "MAX_ROWS", "CsvRefused", "RowProblem", "import_responses", "read_responses", "too_big"]


def too_many_rows(count: int) -> str:
    return (f"The file has {count} responses; at most {MAX_ROWS} can be added at a time. "
            "Split it into smaller files, each with the header row.")


WORDS = TableWords(empty=EMPTY, no_rows=NO_ROWS, too_many=too_many_rows, column_name="question id")


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


def _written(row: Row, questionnaire: Questionnaire) -> dict[str, list[str]]:
    return {column: [cell] if questionnaire.question(column).is_text else cell.split(SEPARATOR)
            for column, cell in row.cells.items()}


def read_responses(data: bytes, questionnaire: Questionnaire) -> list[Answers]:
    """Every response in the file, or CsvRefused listing every problem with its line number."""

    def read_row(row: Row) -> Answers:
        try:
            return check_response(questionnaire, _written(row, questionnaire), by_id=True)
        except PaperRefused as refused:
            raise RowRefused([(f"{problem.question_id}: " if problem.question_id else "") + problem.message
                              for problem in refused.each]) from refused

    return read_table(data, words=WORDS, max_rows=MAX_ROWS, read_row=read_row,
                      header=lambda cells: _header(cells, questionnaire))


def import_responses(survey_round: SurveyRound, questionnaire: Questionnaire, data: bytes,
                     actor: str) -> tuple[int, int]:
    """Store every response in the file as paper, or none (CsvRefused); returns (responses added, of them
    flagged for the safeguarding lead). Flushes; the view commits."""
    responses = read_responses(data, questionnaire)
    coder = current_coder()
    for answers in responses:
        store_response(survey_round, questionnaire, answers, channel=Channel.PAPER, flush=False, coder=coder)
    db.session.flush()
    audit(actor, "paper responses uploaded", f"{len(responses)} for round {survey_round.slug}")
    return len(responses), sum(1 for answers in responses if flagged(questionnaire, answers))
