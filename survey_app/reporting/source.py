"""Where the report pages get their data: the report dict from build.py, the exporters from exports.py, and
the round's publication (RoundReport). Views call these through the module so tests can stand in for them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from ..extensions import db
from ..models import RoundReport, SurveyRound

FORMATS = ("csv", "xlsx", "json")


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


class ReportUnavailable(RuntimeError):
    """The report builder or an exporter is not installed (survey_app/reports/build.py, exports.py)."""


def report_for(survey_round: SurveyRound, *, for_staff: bool = False) -> dict:
    """The round's report as in REPORT_CONTRACT.md: suppressed unless for_staff."""
    try:
        from .build import build_report
    except ImportError as error:
        raise ReportUnavailable("survey_app/reports/build.py (build_report) is missing") from error
    return build_report(survey_round.id, for_staff=for_staff)


def exporter(fmt: str) -> Callable[..., tuple[bytes, str]]:
    """export_csv / export_xlsx / export_json from exports.py: (round id, what, for_staff=) -> (bytes, file name)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    try:
        from . import exports
    except ImportError as error:
        raise ReportUnavailable("survey_app/reports/exports.py is missing") from error
    return getattr(exports, f"export_{fmt}")


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
