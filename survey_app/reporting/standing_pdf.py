"""The standing action report as a PDF, made the way the board report's PDF is (pdf.py: a job, WeasyPrint,
the same stylesheets inlined). The date on it is the day it is made; issuing it is recorded separately
(actions/standing.issue), so a board member may download it without moving "since" on."""

from __future__ import annotations

from flask import render_template

from ..actions.standing import standing_report
from ..audit import audit
from ..jobs import queue
from ..models import Job
from .pdf import _refuse_fetch, _weasyprint
from .render import stylesheet_text

STANDING_PDF_JOB = "standing_pdf"


def standing_html() -> str:
    """The standing report as one HTML document with its CSS inside (no links out)."""
    return render_template("reports/standing_standalone.html", report=standing_report(), css=stylesheet_text(),
                           for_pdf=True)


def standing_pdf() -> bytes:
    weasyprint = _weasyprint()
    return weasyprint.HTML(string=standing_html(), base_url=None, url_fetcher=_refuse_fetch).write_pdf(
        presentational_hints=True)


def request_standing_pdf(actor: str) -> Job:
    """Ask for the standing report as a PDF, as a job (recorded in the audit log now). Commits."""
    audit(actor, "report_export", "standing action report pdf")
    return queue.start(STANDING_PDF_JOB, requested_by=actor)


@queue.register(STANDING_PDF_JOB)
def _standing_pdf_job(job: Job, progress: queue.Progress) -> queue.Result:
    progress(30, "Laying out the pages")
    report = standing_report()
    return queue.Result(standing_pdf(), f"standing-action-report-{report.made_on:%Y-%m-%d}.pdf", "application/pdf")
