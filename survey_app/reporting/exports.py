"""Exports of a round: tallies and anonymised responses as CSV and XLSX, the report as JSON.

Each ``export_*`` returns ``(bytes, filename)``; whoever calls it (the CLI, the staff download
routes) records it in the audit log with ``audit_export``.

- **Tallies** (``what="tallies"``): one row per question × answer, made from ``build_report`` so the
  numbers are exactly the report's. ``for_staff=False`` (boards, other councils): hidden as "c" as in
  the report; ``for_staff=True``: exact figures. Free-text questions have one row (answered/skipped).
- **Anonymised responses** (``what="responses"``, staff only): one row per response, one column per
  choice question (answer values; several ticks joined with "; "; "[skipped]" when skipped; empty
  when the question was not shown), plus the channel. Decisions:
  * not for boards: row-level data can single a young person out however small numbers are hidden
    elsewhere, so ``for_staff=False`` raises ``ExportNotAllowed``;
  * no response id and no week: rows are numbered 1… in random-id order (which says nothing about
    when they came in), and ``week_of`` is left out — it is coarse, but a week can still match a
    group session or a paper batch, and no analysis here needs it;
  * free-text columns are included only as **redacted** text (analysis.redaction: names, phone
    numbers, emails, postcodes, addresses, schools, social media → placeholders), never raw. Redaction
    misses some names (README: measured recall), so the file stays on staff machines.
- **Report** (``export_json``): ``build_report`` as JSON (UTF-8, keys in contract order)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator

import pandas as pd
import xlsxwriter
from sqlalchemy import select

from analysis import extract
from analysis.redaction import redact, rules_fingerprint

from ..audit import audit
from ..cells import spreadsheet_text
from ..extensions import db
from ..jobs import queue
from ..models import Answer, Job, SurveyResponse, SurveyRound
from . import stored

WHATS = ("tallies", "responses")
TALLY_COLUMNS = ["priority", "question_id", "question", "type", "choice", "label", "count", "percent",
                 "answered", "skipped"]
SKIPPED = "[skipped]"


class ExportNotAllowed(PermissionError):
    pass


def _round(round_id: int) -> SurveyRound:
    survey_round = db.session.get(SurveyRound, round_id)
    if survey_round is None:
        raise LookupError(f"no survey round with id {round_id}")
    return survey_round


def _filename(survey_round: SurveyRound, what: str, for_staff: bool, extension: str) -> str:
    return f"{survey_round.slug}-{what}{'-staff' if for_staff else ''}.{extension}"


def build_report(round_id: int, *, for_staff: bool) -> dict:
    return stored.latest(round_id, for_staff=for_staff).to_json()


def tallies_frame(report: dict) -> pd.DataFrame:
    """One row per question × answer from a built report (numbers as the report shows them)."""
    rows = []
    for priority in report["priorities"]:
        for question in priority["questions"]:
            base = dict(priority=priority["code"], question_id=question["id"], question=question["text"],
                        type=question["type"], answered=question["answered"], skipped=question["skipped"])
            if not question["distribution"]:
                rows.append({**base, "choice": "", "label": "", "count": "", "percent": ""})
            for answer in question["distribution"]:
                rows.append({**base, "choice": answer["choice"], "label": answer["label"], "count": answer["count"],
                             "percent": "" if answer["percent"] is None else answer["percent"]})
    return pd.DataFrame(rows, columns=TALLY_COLUMNS)


def response_rows(round_id: int, *, for_staff: bool) -> Iterator[list]:
    """Anonymised responses, one row per response (module docstring), header first. Staff only.
    Streamed from the database in response order, so 100,000 responses never sit in memory at once."""
    if not for_staff:
        raise ExportNotAllowed("anonymised responses are for staff only")
    connection = db.session.connection()
    questionnaire = extract.questionnaire_of_round(connection, round_id)
    choice_ids = [question.id for question in questionnaire.questions if question.is_choice]
    text_ids = [question.id for question in questionnaire.questions if question.is_text]
    column_of = {question_id: number for number, question_id in enumerate([*choice_ids, *text_ids], start=2)}
    written = set(text_ids)
    yield ["row", "channel", *choice_ids, *text_ids]
    answers, responses = Answer.__table__, SurveyResponse.__table__
    statement = (
        select(answers.c.response_id, responses.c.channel, answers.c.question_id, answers.c.choice,
               answers.c.text, answers.c.skipped, answers.c.redacted, answers.c.redaction_key)
        .join(responses, responses.c.id == answers.c.response_id)
        .where(responses.c.round_id == round_id)
        .order_by(answers.c.response_id, answers.c.question_id, answers.c.position)
    )
    # Responses with no answer row at all still get their (empty) row, in the same order.
    every_response = connection.execute(
        select(responses.c.id, responses.c.channel).where(responses.c.round_id == round_id)
        .order_by(responses.c.id)).all()
    number = 0
    current: list | None = None
    current_id = None
    pending = iter(every_response)
    rules = rules_fingerprint()
    rows = _plain_rows(connection, statement)
    for response_id, channel, question_id, choice, text, skipped, redacted, redaction_key in rows:
        if response_id != current_id:
            if current is not None:
                yield current
            for missing_id, missing_channel in pending:  # responses without answers come first in order
                number += 1
                if missing_id == response_id:
                    break
                yield [number, missing_channel, *[""] * len(column_of)]
            current_id = response_id
            current = [number, channel, *[""] * len(column_of)]
        column = column_of.get(question_id)
        if column is None or current is None:
            continue
        if skipped:
            current[column] = current[column] or SKIPPED
        elif question_id in written:
            if text is not None:  # redacted when stored; again here if the word lists have changed since
                current[column] = redacted if redaction_key == rules and redacted is not None \
                    else redact(str(text)).text
        elif choice:
            value = current[column]
            current[column] = choice if value in ("", SKIPPED) else f"{value}; {choice}"
    if current is not None:
        yield current
    for _missing_id, missing_channel in pending:
        number += 1
        yield [number, missing_channel, *[""] * len(column_of)]


def _plain_rows(connection, statement) -> Iterator[tuple]:
    """The statement's rows as the driver gives them, in batches, on the session's own connection (its
    transaction): SQLAlchemy's Row objects cost more than the rest of the export (2.7 million of them for
    100,000 responses). On PostgreSQL a server-side cursor, so they are never all in memory. The statement's
    only values are integers, written into the SQL."""
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    driver = connection.connection.driver_connection
    cursor = driver.cursor(name="vic_export_rows") if connection.dialect.name == "postgresql" else driver.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(20_000):
            yield from batch
    finally:
        cursor.close()


def _rows(round_id: int, what: str, for_staff: bool) -> Iterator[list]:
    if what == "tallies":
        frame = tallies_frame(build_report(round_id, for_staff=for_staff))
        return iter([list(frame.columns), *frame.itertuples(index=False, name=None)])
    if what == "responses":
        return response_rows(round_id, for_staff=for_staff)
    raise ValueError(f"unknown export {what!r}: choose one of {', '.join(WHATS)}")


def _safe(row) -> list:
    return [spreadsheet_text(cell) if isinstance(cell, str) else "" if cell is None else cell for cell in row]


def export_csv(round_id: int, what: str, *, for_staff: bool) -> tuple[bytes, str]:
    """Tallies or anonymised responses as CSV (UTF-8 with a byte order mark, so Excel reads it)."""
    survey_round = _round(round_id)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    for row in _rows(round_id, what, for_staff):
        writer.writerow(_safe(row))
    return text.getvalue().encode("utf-8-sig"), _filename(survey_round, what, for_staff, "csv")


def export_xlsx(round_id: int, what: str, *, for_staff: bool) -> tuple[bytes, str]:
    """Tallies or anonymised responses as an Excel workbook (one sheet; a second with the footnote).
    Written row by row with XlsxWriter in constant memory, told never to make a formula or a link of text."""
    survey_round = _round(round_id)
    notes = [f"Round: {survey_round.title} ({survey_round.slug})",
             "Exact figures for staff." if for_staff else
             "c = fewer than 5 young people, or hidden so that a small number can’t be worked out."]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False, "in_memory": True})
    _write_sheet(book, what, _rows(round_id, what, for_staff))
    _write_sheet(book, "notes", [["notes"], *[[note] for note in notes]])
    book.close()
    return buffer.getvalue(), _filename(survey_round, what, for_staff, "xlsx")


def _write_sheet(book: xlsxwriter.Workbook, name: str, rows: Iterable) -> None:
    sheet = book.add_worksheet(name)
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, ["" if isinstance(cell, float) and math.isnan(cell) else cell
                                    for cell in _safe(row)])


def export_json(round_id: int, what: str = "report", *, for_staff: bool) -> tuple[bytes, str]:
    """The report (``build_report``) as JSON."""
    if what != "report":
        raise ValueError("the JSON export is the report")
    survey_round = _round(round_id)
    report = build_report(round_id, for_staff=for_staff)
    body = json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")
    return body, _filename(survey_round, "report", for_staff, "json")


def audit_export(actor: str, round_id: int, what: str, fmt: str, *, for_staff: bool) -> None:
    """One audit line per export: who, which round, what and in which form (no young person's data)."""
    slug = db.session.scalar(select(SurveyRound.slug).where(SurveyRound.id == round_id)) or str(round_id)
    audit(actor, "report_export", f"{slug} {what} {fmt}{' staff' if for_staff else ''}")


class Download:
    """One file on a round's report page: exports.export_<fmt>(round_id, what, for_staff=...)."""

    def __init__(self, fmt: str, what: str, for_staff: bool, title: str):
        self.fmt, self.what, self.for_staff, self.title = fmt, what, for_staff, title


# URL name -> what it is. Anonymised responses are for staff only (exports.py refuses them for boards).
DOWNLOADS = {
    "tallies.csv": Download("csv", "tallies", True, "Tallies with exact figures (CSV)"),
    "tallies.xlsx": Download("xlsx", "tallies", True, "Tallies with exact figures (Excel)"),
    "tallies-board.csv": Download("csv", "tallies", False,
                                  "Tallies as the board sees them, small numbers as “c” (CSV)"),
    "responses.csv": Download("csv", "responses", True,
                              "Anonymised answers, one row each, written answers redacted (CSV)"),
    "responses.xlsx": Download("xlsx", "responses", True,
                               "Anonymised answers, one row each, written answers redacted (Excel)"),
    "report.json": Download("json", "report", False, "The report as JSON, as the board sees it"),
}


MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
DOWNLOAD_JOB = "download"


def exporter(fmt: str) -> Callable[..., tuple[bytes, str]]:
    """export_csv / export_xlsx / export_json: (round id, what, for_staff=) -> (bytes, file name)."""
    return {"csv": export_csv, "xlsx": export_xlsx, "json": export_json}[fmt]


def request_download(survey_round: SurveyRound, name: str, actor: str) -> Job:
    """Ask for one of DOWNLOADS as a job (recorded in the audit log now). Commits."""
    wanted = DOWNLOADS[name]
    audit_export(actor, survey_round.id, wanted.what, wanted.fmt, for_staff=wanted.for_staff)
    return queue.start(DOWNLOAD_JOB, round_id=survey_round.id, params={"name": name}, requested_by=actor)


@queue.register(DOWNLOAD_JOB)
def _download_job(job: Job, progress: queue.Progress) -> queue.Result:
    assert job.round_id is not None
    wanted = DOWNLOADS[json.loads(job.params)["name"]]
    progress(10, "Reading the answers")
    data, filename = exporter(wanted.fmt)(job.round_id, wanted.what, for_staff=wanted.for_staff)
    return queue.Result(data, filename, MIMETYPES[wanted.fmt])
