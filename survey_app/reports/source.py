"""Where the report pages get their data: the report dict from build.py, the exporters from exports.py, and
the round's publication (RoundReport). Views call these through the module so tests can stand in for them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from ..extensions import db
from ..models import RoundReport, SurveyRound

FORMATS = ("csv", "xlsx", "json")


class ReportUnavailable(RuntimeError):
    """The report builder or an exporter is not installed (survey_app/reports/build.py, exports.py)."""


def report_for(survey_round: SurveyRound, *, for_staff: bool = False) -> dict:
    """The round's report as in REPORT_CONTRACT.md: suppressed unless for_staff."""
    try:
        from .build import build_report
    except ImportError as error:
        raise ReportUnavailable("survey_app/reports/build.py (build_report) is missing") from error
    return build_report(survey_round.id, for_staff=for_staff)


def exporter(fmt: str) -> Callable[[int], tuple[bytes, str]]:
    """export_csv / export_xlsx / export_json from exports.py: round id -> (bytes, file name)."""
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
