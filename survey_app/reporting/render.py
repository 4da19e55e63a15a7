"""The board report as one standalone HTML file (styles inlined, no links out): for the CLI
(`report --format html`), for e-mailing, and as the input of the PDF. Needs an app context."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, render_template

if TYPE_CHECKING:
    from .report import Report

STYLESHEETS = ("app.css", "reports.css")


def stylesheet_text() -> str:
    folder = Path(current_app.static_folder or "")
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in STYLESHEETS)


def render_board_html(report: Report, *, for_pdf: bool = False) -> str:
    """The board report (built for_staff=False) as a complete HTML document with its CSS inside."""
    return render_template("reports/standalone.html", report=report, css=stylesheet_text(), staff_view=False,
                           for_pdf=for_pdf)
