"""The board report as a PDF: the same HTML as the page, laid out by WeasyPrint with the print stylesheet
(A4: the summary on page 1, then the priorities one after another). WeasyPrint needs the Pango library
(Debian: libpango-1.0-0)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..audit import audit
from ..jobs import queue
from ..models import Job, SurveyRound
from . import stored
from .render import render_board_html

if TYPE_CHECKING:
    from .report import Report

PDF_JOB = "board_pdf"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs can't be loaded."""


def _weasyprint():
    try:
        import weasyprint
    except ImportError as error:
        raise PdfUnavailable("WeasyPrint is not installed: pip install weasyprint") from error
    except OSError as error:  # the Python package is there but libpango/libgobject are not
        raise PdfUnavailable(
            f"WeasyPrint can't load its system libraries ({error}). On Debian or Ubuntu: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
        ) from error
    return weasyprint


def board_pdf(report: Report) -> bytes:
    """The board report (built for_staff=False) as PDF bytes. Needs an app context."""
    weasyprint = _weasyprint()
    html = render_board_html(report, for_pdf=True)
    # base_url=None and no url_fetcher use: the document has no links to load (CSS is inlined, charts are SVG).
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).write_pdf(
        presentational_hints=True,
    )


def _refuse_fetch(url: str, *args, **kwargs):
    # Nothing in the report should be fetched; a stray link must not make the server call out.
    raise ValueError(f"the report PDF loads nothing from outside ({url})")


def request_board_pdf(survey_round: SurveyRound, actor: str) -> Job:
    """Ask for the board report as a PDF, as a job (recorded in the audit log now). Commits."""
    audit(actor, "report_export", f"{survey_round.slug} report pdf")
    return queue.start(PDF_JOB, round_id=survey_round.id, requested_by=actor)


@queue.register(PDF_JOB)
def _pdf_job(job: Job, progress: queue.Progress) -> queue.Result:
    assert job.round_id is not None
    report = stored.latest(job.round_id, for_staff=False, progress=lambda percent, stage: progress(percent // 2, stage))
    progress(60, "Laying out the pages")
    return queue.Result(board_pdf(report), f"board-report-{report.round.slug}.pdf", "application/pdf")
