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

import io
import json
from collections.abc import Callable

import pandas as pd
import xlsxwriter
from sqlalchemy import select

from analysis import extract
from analysis.redaction import redact

from ..audit import audit
from ..cells import guard_frame
from ..extensions import db
from ..jobs import queue
from ..models import Job, SurveyRound
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


def responses_frame(round_id: int, *, for_staff: bool) -> pd.DataFrame:
    """Anonymised responses, one row per response (module docstring). Staff only."""
    if not for_staff:
        raise ExportNotAllowed("anonymised responses are for staff only")
    conn = db.session.connection()
    questionnaire = extract.questionnaire_of_round(conn, round_id)
    answers = extract.answers_frame(conn, round_id)
    responses = extract.responses_frame(conn, round_id)
    choice_ids = [question.id for question in questionnaire.questions if question.is_choice]
    text_ids = [question.id for question in questionnaire.questions if question.is_text]
    chosen = (
        answers.loc[answers["question_id"].isin(choice_ids) & ~answers["skipped"]]
        .groupby(["response_id", "question_id"])["choice"].agg(lambda values: "; ".join(v for v in values if v))
    )
    written = (
        answers.loc[answers["question_id"].isin(text_ids) & ~answers["skipped"] & answers["text"].notna()]
        .set_index(["response_id", "question_id"])["text"].map(lambda text: redact(str(text)).text)
    )
    skipped = answers.loc[answers["skipped"]].drop_duplicates(["response_id", "question_id"]) \
        .set_index(["response_id", "question_id"]).assign(value=SKIPPED)["value"]
    cells = pd.concat([chosen, written, skipped[~skipped.index.isin(chosen.index.union(written.index))]])
    wide = (
        cells.unstack("question_id") if not cells.empty else pd.DataFrame(index=pd.Index([], name="response_id"))
    ).reindex(index=responses["response_id"], columns=choice_ids + text_ids).astype(object).fillna("")
    return (
        wide.reset_index(drop=True)
        .assign(channel=responses["channel"].tolist())
        .pipe(lambda frame: frame[["channel", *choice_ids, *text_ids]])
        .rename_axis(None, axis=1)
        .pipe(lambda frame: frame.set_axis(range(1, len(frame) + 1)).rename_axis("row").reset_index())
    )


def _frame(round_id: int, what: str, for_staff: bool) -> pd.DataFrame:
    if what == "tallies":
        return tallies_frame(build_report(round_id, for_staff=for_staff))
    if what == "responses":
        return responses_frame(round_id, for_staff=for_staff)
    raise ValueError(f"unknown export {what!r}: choose one of {', '.join(WHATS)}")


def export_csv(round_id: int, what: str, *, for_staff: bool) -> tuple[bytes, str]:
    """Tallies or anonymised responses as CSV (UTF-8 with a byte order mark, so Excel reads it)."""
    survey_round = _round(round_id)
    frame = guard_frame(_frame(round_id, what, for_staff))
    return frame.to_csv(index=False).encode("utf-8-sig"), _filename(survey_round, what, for_staff, "csv")


def export_xlsx(round_id: int, what: str, *, for_staff: bool) -> tuple[bytes, str]:
    """Tallies or anonymised responses as an Excel workbook (one sheet; a second with the footnote).
    Written row by row with XlsxWriter in constant memory, told never to make a formula or a link of text."""
    survey_round = _round(round_id)
    frame = guard_frame(_frame(round_id, what, for_staff))
    notes = [f"Round: {survey_round.title} ({survey_round.slug})",
             "Exact figures for staff." if for_staff else
             "c = fewer than 5 young people, or hidden so that a small number can’t be worked out."]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False, "in_memory": True})
    _write_sheet(book, what, frame)
    _write_sheet(book, "notes", guard_frame(pd.DataFrame({"notes": notes})))
    book.close()
    return buffer.getvalue(), _filename(survey_round, what, for_staff, "xlsx")


def _write_sheet(book: xlsxwriter.Workbook, name: str, frame: pd.DataFrame) -> None:
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, [str(column) for column in frame.columns])
    for number, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        sheet.write_row(number, 0, ["" if pd.isna(value) else value for value in row])


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
