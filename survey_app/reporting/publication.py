"""Publishing a round's report: the worker's words (board summary, children's points), the preview of the
pages as they will be published, and the published flag. Changes flush; views commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from ..audit import audit
from ..extensions import db
from ..models import RoundReport, SurveyRound
from .report import Report

MAX_SUMMARY = 5000
MAX_POINT = 200
MAX_POINTS = 12
# A hidden small number ("c") means nothing to a child; a point with one in it is refused.
LONE_C = re.compile(r"(?<![\w’'])c(?![\w’'])")

FIELD_NAMES = {"board_summary": "The summary for the board", "children_good": "“What’s good”",
               "children_change": "“What needs to change”"}


@dataclass
class ReportTexts:
    board_summary: str
    children_good: list[str]
    children_change: list[str]


def points(text: str | None) -> list[str]:
    """One point per line; blank lines and bullets people paste in are dropped."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("•*-–").strip()
        if line:
            lines.append(line)
    return lines


def has_hidden_number(text: str) -> bool:
    return bool(LONE_C.search(text))


def problems_with(texts: ReportTexts) -> dict[str, str]:
    problems = {}
    if len(texts.board_summary) > MAX_SUMMARY:
        problems["board_summary"] = f"Make the summary for the board shorter: at most {MAX_SUMMARY} characters"
    for field in ("children_good", "children_change"):
        lines = getattr(texts, field)
        name = FIELD_NAMES[field]
        problem = points_problem(lines, name)
        if problem:
            problems[field] = problem
    return problems


def points_problem(lines: list[str] | tuple[str, ...], name: str) -> str | None:
    """What is wrong with the children's points in one box (`name` says which, in words), or None."""
    if len(lines) > MAX_POINTS:
        return f"Give at most {MAX_POINTS} points for {name}, one on each line"
    if any(len(line) > MAX_POINT for line in lines):
        return f"Each point for {name} must be {MAX_POINT} characters or fewer. Split a long point into two lines"
    if any(has_hidden_number(line) for line in lines):
        return (f"A point for {name} has a “c” in it. Children don’t know what it means: "
                "write the point without the number")
    return None


def report_row(survey_round: SurveyRound) -> RoundReport:
    row = db.session.get(RoundReport, survey_round.id)
    if row is None:
        row = RoundReport(round_id=survey_round.id, published=False, published_by="", board_summary="",
                          children_good="", children_change="")
        db.session.add(row)
    return row


def save_texts(survey_round: SurveyRound, texts: ReportTexts, generated: dict[str, list[str]],
               actor: str) -> RoundReport:
    """Keep the worker's words. Points left exactly as generated are not stored, so they keep following the
    answers (a late paper form changes them); an emptied box goes back to the generated points."""
    row = report_row(survey_round)
    row.board_summary = texts.board_summary.strip()
    for field, key in (("children_good", "good"), ("children_change", "change")):
        lines = getattr(texts, field)
        unchanged = not getattr(row, field) and lines == generated.get(key, [])
        setattr(row, field, "" if unchanged else "\n".join(lines))
    db.session.flush()
    audit(actor, "report texts saved", survey_round.title)
    return row


def use_generated(survey_round: SurveyRound, field: str, actor: str) -> RoundReport:
    """Forget the worker's points for one box (``children_good`` or ``children_change``): the page goes back to
    the points made from the answers."""
    if field not in ("children_good", "children_change"):
        raise ValueError(field)
    row = report_row(survey_round)
    setattr(row, field, "")
    db.session.flush()
    audit(actor, "report texts saved", survey_round.title)
    return row


def as_published(report: Report, today: dt.date | None = None) -> Report:
    """The report as it will read once published today (a preview shows exactly that): only the
    publication line differs from the unpublished one."""
    if report.publication.published:
        return report
    published_on = (today or dt.date.today()).isoformat()
    return dataclasses.replace(
        report, publication=dataclasses.replace(report.publication, published=True, published_on=published_on))


def publish(survey_round: SurveyRound, actor: str, today: dt.date | None = None) -> RoundReport:
    row = report_row(survey_round)
    row.published = True
    row.published_on = today or dt.date.today()
    row.published_by = actor
    db.session.flush()
    audit(actor, "report published", survey_round.title)
    return row


def unpublish(survey_round: SurveyRound, actor: str) -> RoundReport:
    row = report_row(survey_round)
    row.published = False
    db.session.flush()
    audit(actor, "report unpublished", survey_round.title)
    return row


def report_state(row: RoundReport | None) -> str:
    if row is None:
        return "Not started"
    if row.published:
        return f"Published on {row.published_on:%-d %B %Y}" if row.published_on else "Published"
    return "Not published"


def publication_of(survey_round: SurveyRound) -> RoundReport | None:
    return db.session.get(RoundReport, survey_round.id)


def is_published(survey_round: SurveyRound) -> bool:
    publication = publication_of(survey_round)
    return bool(publication and publication.published)


def published_rounds() -> list[SurveyRound]:
    """Rounds whose report is published, newest publication first."""
    query = (select(SurveyRound).join(RoundReport, RoundReport.round_id == SurveyRound.id)
             .where(RoundReport.published.is_(True))
             .order_by(RoundReport.published_on.desc(), SurveyRound.id.desc()))
    return list(db.session.scalars(query))
