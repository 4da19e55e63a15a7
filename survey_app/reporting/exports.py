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
from collections.abc import Callable, Iterable, Iterator

import pandas as pd
import xlsxwriter
from sqlalchemy import select, text

from analysis import extract
from analysis.redaction import redact, rules_fingerprint

from ..audit import audit
from ..cells import spreadsheet_text
from ..extensions import db
from ..jobs import queue
from ..models import Job, SurveyRound
from . import stored
from .xlsx_rows import QuickZipBuffer, RowWriter

WHATS = ("tallies", "responses")
TALLY_COLUMNS = ["priority", "question_id", "question", "type", "choice", "label", "count", "percent",
                 "answered", "skipped"]
SKIPPED = "[skipped]"
EXPORT_WORK_MEM = "256MB"  # PostgreSQL memory for the responses export's aggregate (SET LOCAL)


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


def response_rows(round_id: int, *, for_staff: bool, as_they_come: bool = False) -> Iterator[list]:
    """Anonymised responses, one row per response (module docstring), header first, every cell already made
    safe for a spreadsheet (``cells.spreadsheet_text``). Staff only.

    The database turns answer rows into response rows (``_pivot_sql``; on PostgreSQL ``_Packing``, the choice
    answers as numbers in a few bigints per response, quicker), so 100,000 rows reach Python rather than 2.7
    million answer rows, and streams them, so they never sit in memory at once. ``as_they_come``: on
    PostgreSQL the first rows come at once (``_pivot_sql`` with each response aggregated in turn) rather than
    after all of them are (one parallel aggregate, quicker in all): for a caller with its own slow work per row."""
    if not for_staff:
        raise ExportNotAllowed("anonymised responses are for staff only")
    connection = db.session.connection()
    questionnaire = extract.questionnaire_of_round(connection, round_id)
    choices = [question for question in questionnaire.questions if question.is_choice]
    written = [question for question in questionnaire.questions if question.is_text]
    yield ["row", "channel", *[question.id for question in [*choices, *written]]]
    slots = [(question.id, len(question.options) if question.allows_many else 1) for question in choices]
    safe = _SafeCells()  # channels and answer values repeat: each distinct one is made safe once
    first_written = 1 + len(choices)  # the channel, then the choice questions' cells
    if connection.dialect.name == "postgresql" and not as_they_come:
        packing = _Packing(choices, slots)
        yield from packing.rows(_text_rows(connection, packing.sql(connection, round_id, [q.id for q in written])),
                                safe)
        return
    sql = _pivot_sql(connection, round_id, slots, [question.id for question in written],
                     per_response=as_they_come and connection.dialect.name == "postgresql")
    for number, row in enumerate(_text_rows(connection, sql), start=1):
        yield [number, *map(safe.__getitem__, row[:first_written]), *map(_written_cell, row[first_written:])]


class _SafeCells(dict):
    """cell -> spreadsheet_text(cell), worked out the first time each cell is seen."""

    def __missing__(self, cell: str) -> str:
        made = self[cell] = spreadsheet_text(cell)
        return made


def _written_cell(cell: str) -> str:
    """A written answer's cell from _pivot_sql's tagged value."""
    tag, value = cell[:1], cell[1:]
    if tag == "r":  # redacted when stored, under today's word lists
        return spreadsheet_text(value)
    if tag == "t":  # stored before redaction, or under other word lists: redacted again here
        return spreadsheet_text(redact(value).text)
    return SKIPPED if tag == "s" else ""


class _WrittenCells(dict):
    """``_written_cell`` of a tagged cell, kept for "" and "s" (not shown, skipped), the commonest."""

    def __missing__(self, cell: str) -> str:
        made = _written_cell(cell)
        if len(cell) <= 1:
            self[cell] = made
        return made


def _pivot_sql(connection, round_id: int, choices: list[tuple[str, int]], written: list[str], *,
               per_response: bool = False) -> str:
    """One row per response of the round, in response id order: the channel, then one cell per choice question
    (its answer values joined by "; " in the order ticked, or "[skipped]", or "" when the question was not
    shown), then one per written question, tagged: "r" + the text as redacted when stored under today's word
    lists, "t" + the raw text when its redaction is missing or stale (for the caller to redact), "s" when
    skipped, "" when not shown.

    Answers are stored as drafts._answer_rows writes them: a skipped question or a written answer is one row at
    position 0; a choice answer is a row per value at positions 0, 1, … (no more values than the question has
    options). Every (question, position) that can occur has a number (``m.slot``) and an aggregate FILTERed to
    it, so each answer row lands in its cell with one integer comparison per aggregate; on PostgreSQL the
    aggregate runs in parallel workers. The same SQL runs on SQLite and PostgreSQL. ``per_response``
    (PostgreSQL only): the same aggregates in a LATERAL subquery per response (answers read by their primary
    key), so rows stream out from the first one instead of after a hash aggregate of the whole round."""
    slots, cells = _choice_slots(choices)
    for question_id in written:
        cells.append(f"max({WRITTEN_TAGGED}) FILTER (WHERE m.slot = {len(slots)})")
        slots.append((question_id, 0))
    mapping = ", ".join(f"(:q{slot}, {position}, {slot})" for slot, (_, position) in enumerate(slots))
    outer = ["r.channel", *[f"coalesce(p.c{number}, '')" for number in range(len(cells))]]
    inner = ["a.response_id", *[f"{cell} AS c{number}" for number, cell in enumerate(cells)]]
    answers = "FROM answers AS a JOIN m ON m.question_id = a.question_id AND m.position = a.position "
    if per_response:
        inner[0] = "1 AS one"
        joined = f"LEFT JOIN LATERAL (SELECT {', '.join(inner)} {answers} WHERE a.response_id = r.id) AS p ON true"
    else:
        joined = (f"LEFT JOIN (SELECT {', '.join(inner)} {answers} WHERE a.round_id = :round_id "
                  "GROUP BY a.response_id) AS p ON p.response_id = r.id")
    statement = text(
        f"WITH m (question_id, position, slot) AS (VALUES {mapping or '(NULL, -1, -1)'}) "
        f"SELECT {', '.join(outer)} FROM responses AS r {joined} WHERE r.round_id = :round_id ORDER BY r.id"
    ).bindparams(round_id=round_id, skipped=SKIPPED, rules=rules_fingerprint(),
                 **{f"q{slot}": question_id for slot, (question_id, _) in enumerate(slots)})
    return str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))


WORD_BITS = 63  # bits of a bigint used for codes (not the sign bit)
CHOSEN = "CASE WHEN a.skipped AND a.position = 0 THEN :skipped ELSE a.choice END"  # what a choice row shows


class _Packing:
    """The responses export's rows on PostgreSQL, with one aggregate per few questions rather than one per slot.

    Every value a choice question's answer can show at each position (its options, and "[skipped]" at position
    0) has a number, and each (question, position) some bits of a bigint "word": an answer row's number moved to
    its bits (``m.bits``). A response has at most one row per (question, position) (the primary key), so a
    ``bit_or`` per word holds all its choice answers: a couple of by-value aggregates per answer row instead of
    one FILTERed text aggregate per slot (still split between parallel workers, as ``bit_or`` combines). Each
    question's bits come out as a number, which Python turns into the cell, each distinct number once
    (``_CodeCells``). Written answers keep a text aggregate each. A value that is not one of the question's
    options (or any answer to a question with too many options for a word) is counted (``unknown``), and only
    such a response's choice cells are made as ``_pivot_sql`` makes them, in a LATERAL subquery that runs for it
    alone. Rows and cells are ``_pivot_sql``'s (tests/test_response_export_rows.py compares both with a plain
    Python pivot)."""

    def __init__(self, choices: list, slots: list[tuple[str, int]]):
        self.slots = slots
        self.codes: list[tuple[str, int, str, int, int]] = []  # (question, position, value, word, bits)
        # per question: (word, shift, mask, reads) or None when it does not fit in a word; reads: per position,
        # (shift within the question's bits, mask, (None, value with number 1, value 2, ...))
        self.questions: list[tuple[int, int, int, list[tuple[int, int, tuple]]] | None] = []
        word, used = 0, 0
        for question, (question_id, positions) in zip(choices, slots, strict=True):
            values = list(dict.fromkeys(option.value for option in question.options if option.value))
            tables = [tuple(dict.fromkeys([SKIPPED, *values]))] + [tuple(values)] * (positions - 1)
            widths = [len(table).bit_length() for table in tables]
            if sum(widths) > WORD_BITS:
                self.questions.append(None)
                continue
            if used + sum(widths) > WORD_BITS:
                word, used = word + 1, 0
            reads, start = [], used
            for position, (table, width) in enumerate(zip(tables, widths, strict=True)):
                self.codes += [(question_id, position, value, word, number << used)
                               for number, value in enumerate(table, start=1)]
                reads.append((used - start, (1 << width) - 1, (None, *table)))
                used += width
            self.questions.append((word, start, (1 << (used - start)) - 1, reads))
        self.words = word + 1 if self.codes else 0

    def sql(self, connection, round_id: int, written: list[str]) -> str:
        codes = ", ".join(f"(:cq{n}, {position}, :cv{n}, {word}, CAST({bits} AS bigint))"
                          for n, (_, position, _, word, bits) in enumerate(self.codes))
        slots, cells = _choice_slots(self.slots)
        mapping = ", ".join(f"(:sq{slot}, {position}, {slot})" for slot, (_, position) in enumerate(slots))
        known = " OR ".join(f"(a.question_id = :kq{n} AND a.position < {positions})"
                            for n, (_, positions) in enumerate(self.slots)) or "false"
        inner = ["a.response_id", *[f"bit_or(m.bits) FILTER (WHERE m.word = {word}) AS w{word}"
                                    for word in range(self.words)],
                 f"count(*) FILTER (WHERE m.word IS NULL AND ({CHOSEN}) <> '' AND ({known})) AS unknown",
                 *[f"max({WRITTEN_TAGGED}) FILTER (WHERE a.question_id = :wq{n} AND a.position = 0) AS t{n}"
                   for n in range(len(written))]]
        fallback = [f"coalesce({cell}, '') AS c{n}" for n, cell in enumerate(cells)] or ["1 AS one"]
        outer = ["r.channel", "p.unknown",
                 *["0" if question is None else f"(p.w{question[0]} >> {question[1]}) & {question[2]}"
                   for question in self.questions],
                 *[f"coalesce(p.t{n}, '')" for n in range(len(written))],
                 *([f"CASE WHEN p.unknown > 0 THEN ARRAY[{', '.join(f'f.c{n}' for n in range(len(cells)))}] END"]
                   if cells else [])]
        statement = text(
            f"WITH m (question_id, position, value, word, bits) AS (VALUES {codes or '(NULL, -1, NULL, -1, 0)'}), "
            f"s (question_id, position, slot) AS (VALUES {mapping or '(NULL, -1, -1)'}) "
            f"SELECT {', '.join(outer)} FROM responses AS r "
            f"LEFT JOIN (SELECT {', '.join(inner)} FROM answers AS a LEFT JOIN m ON m.question_id = a.question_id "
            f"AND m.position = a.position AND m.value = ({CHOSEN}) WHERE a.round_id = :round_id "
            "GROUP BY a.response_id) AS p ON p.response_id = r.id "
            f"LEFT JOIN LATERAL (SELECT {', '.join(fallback)} FROM answers AS a JOIN s AS m "
            "ON m.question_id = a.question_id AND m.position = a.position "
            "WHERE a.response_id = r.id AND p.unknown > 0) AS f ON true "
            "WHERE r.round_id = :round_id ORDER BY r.id"
        ).bindparams(round_id=round_id, skipped=SKIPPED, rules=rules_fingerprint(),
                     **{f"cq{n}": code[0] for n, code in enumerate(self.codes)},
                     **{f"cv{n}": code[2] for n, code in enumerate(self.codes)},
                     **{f"sq{slot}": question_id for slot, (question_id, _) in enumerate(slots)},
                     **{f"kq{n}": question_id for n, (question_id, _) in enumerate(self.slots)},
                     **{f"wq{n}": question_id for n, question_id in enumerate(written)})
        return str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))

    def rows(self, rows: Iterable[tuple], safe: dict) -> Iterator[list]:
        """``response_rows``'s rows from this SQL's rows (``safe``: cell -> the cell made safe for a spreadsheet)."""
        cells = [_CodeCells(question and question[3], safe) for question in self.questions]
        first_written = 2 + len(cells)
        written_end = -1 if cells else None  # the fallback's cells, in one array, last
        written = _WrittenCells()
        for number, row in enumerate(rows, start=1):
            choice_cells = (map(safe.__getitem__, row[-1]) if row[1]  # an unknown value: the fallback's cells
                            else map(dict.__getitem__, cells, row[2:first_written]))
            yield [number, safe[row[0]], *choice_cells, *map(written.__getitem__, row[first_written:written_end])]


class _CodeCells(dict):
    """A question's number (its bits of a word) -> its safe cell (answer values joined by "; " in position order,
    "" when the first position has none), worked out the first time each number is seen."""

    def __init__(self, reads: list[tuple[int, int, tuple]] | None, safe: dict):
        super().__init__()
        self.reads, self.safe = reads or [], safe

    def __missing__(self, code: int | None) -> str:
        values = [table[((code or 0) >> shift) & mask] for shift, mask, table in self.reads]
        cell = "" if not values or values[0] is None else "; ".join(value for value in values if value is not None)
        made = self[code] = self.safe[cell]
        return made


WRITTEN_TAGGED = ("CASE WHEN a.skipped THEN 's' WHEN a.text IS NULL THEN NULL WHEN a.redaction_key = :rules "
                  "AND a.redacted IS NOT NULL THEN 'r' || a.redacted ELSE 't' || a.text END")


def _choice_slots(choices: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], list[str]]:
    """The (question, position) of each slot of the choice questions, and each question's cell as aggregates
    FILTERed to its slots (``m.slot``)."""
    slots: list[tuple[str, int]] = []
    cells = []
    for question_id, positions in choices:
        first = len(slots)
        slots += [(question_id, position) for position in range(positions)]
        cells.append(" || ".join(
            [f"max(CASE WHEN a.skipped THEN :skipped ELSE NULLIF(a.choice, '') END) FILTER (WHERE m.slot = {first})"]
            + [f"coalesce('; ' || max(NULLIF(a.choice, '')) FILTER (WHERE m.slot = {slot}), '')"
               for slot in range(first + 1, first + positions)]))
    return slots, cells


def _text_rows(connection, sql: str) -> Iterator[tuple]:
    """The rows of a query (whose values are written into its SQL), streamed on the session's own connection
    (its transaction). On PostgreSQL in chunks (libpq 17's chunked rows; one row at a time before it), so they
    are never all in memory, and, unlike a server-side cursor's, the query may use parallel workers."""
    driver = connection.connection.driver_connection
    if connection.dialect.name != "postgresql":
        cursor = driver.cursor()
        try:
            cursor.execute(sql)
            while batch := cursor.fetchmany(5_000):
                yield from batch
        finally:
            cursor.close()
        return
    import psycopg

    with driver.cursor() as cursor:
        # EXPLAIN ANALYZE at 100,000 responses: with the default 4 MB the hash aggregate ran in batches on disk,
        # and JIT compiling cost more than it saved. For this transaction only.
        cursor.execute(f"SET LOCAL work_mem = '{EXPORT_WORK_MEM}'")
        cursor.execute("SET LOCAL jit = off")
        yield from cursor.stream(sql, size=2_000 if psycopg.capabilities.has_stream_chunked() else 1)


def _rows(round_id: int, what: str, for_staff: bool) -> Iterator[list]:
    """The export's rows, every cell safe for a spreadsheet."""
    if what == "tallies":
        frame = tallies_frame(build_report(round_id, for_staff=for_staff))
        return iter([_safe(row) for row in [list(frame.columns), *frame.itertuples(index=False, name=None)]])
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
    writer.writerows(_rows(round_id, what, for_staff))
    return text.getvalue().encode("utf-8-sig"), _filename(survey_round, what, for_staff, "csv")


def export_xlsx(round_id: int, what: str, *, for_staff: bool) -> tuple[bytes, str]:
    """Tallies or anonymised responses as an Excel workbook (one sheet; a second with the footnote).
    Written row by row with XlsxWriter in constant memory (each row goes to a temporary file as it is written:
    100,000 responses' cells never sit in memory; ``in_memory`` would turn that off), told never to make a
    formula or a link of text; rows of text and numbers are written by ``xlsx_rows`` as XlsxWriter writes them."""
    survey_round = _round(round_id)
    notes = [f"Round: {survey_round.title} ({survey_round.slug})",
             "Exact figures for staff." if for_staff else
             "c = fewer than 5 young people, or hidden so that a small number can’t be worked out."]
    buffer = QuickZipBuffer()  # zipped at level 1: quicker, a third bigger
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    if what == "responses":
        # Streamed a response at a time, PostgreSQL makes the next rows in its own process while this one writes
        # them (xlsx_rows), rather than all of them at the end of one grouped aggregate (quicker alone, but then
        # nothing overlaps). At 100,000 responses PostgreSQL's part (about 3.4 s) is now the longer of the two.
        rows: Iterator[list] = response_rows(round_id, for_staff=for_staff, as_they_come=True)
    else:
        rows = _rows(round_id, what, for_staff)
    _write_sheet(book, what, rows)
    _write_sheet(book, "notes", [["notes"], *[[note] for note in notes]])
    book.close()
    return buffer.getvalue(), _filename(survey_round, what, for_staff, "xlsx")


def _write_sheet(book: xlsxwriter.Workbook, name: str, rows: Iterable) -> None:
    """Rows of safe cells (``_rows``) into a new sheet, a row at a time (``xlsx_rows``: XlsxWriter's own XML for
    rows of text and numbers, written without its per-cell work; anything else cell by cell through XlsxWriter).
    Empty text is no cell, as XlsxWriter leaves it out."""
    write_row = RowWriter(book.add_worksheet(name)).write_row
    for number, row in enumerate(rows):
        write_row(number, row)


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
