"""`flask --app survey_app report ROUND --format html|json|csv|xlsx|pdf [--what tallies|responses]
[--output FILE] [--staff]`: a round's report or exports, audited with actor "cli"."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..reporting.build import build
from ..reporting.exports import WHATS, ExportNotAllowed, audit_export, export_csv, export_json, export_xlsx
from ..reporting.pdf import board_pdf
from ..reporting.render import render_board_html
from ..rounds.operations import round_by_slug

FORMATS = ("html", "json", "csv", "xlsx", "pdf")
BINARY = ("xlsx", "pdf")


def _rendered(fmt: str, round_id: int, for_staff: bool) -> bytes:
    """The board page (html) or PDF, as the report pages make them."""
    report = build(round_id, for_staff=for_staff)
    return render_board_html(report).encode("utf-8") if fmt == "html" else board_pdf(report)


@click.command("report")
@click.argument("round_slug", metavar="ROUND")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="html or pdf: the board report; json: the report data; csv or xlsx: an export (--what).")
@click.option("--what", type=click.Choice(WHATS), default="tallies", show_default=True,
              help="For csv/xlsx: tallies (per question and answer) or anonymised responses (--staff only).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file (default: standard output; xlsx and pdf need --output).")
@click.option("--staff", is_flag=True, help="Exact figures for staff, not the board's suppressed ones.")
@with_appcontext
def report_command(round_slug: str, fmt: str, what: str, output: Path | None, staff: bool) -> None:
    """Print or save a round's report (ROUND is the round's slug, as in `rounds list`)."""
    survey_round = round_by_slug(round_slug)
    if survey_round is None:
        raise click.ClickException(f"no survey round '{round_slug}' (see `flask --app survey_app rounds list`)")
    if fmt in BINARY and output is None:
        raise click.ClickException(f"--format {fmt} is a binary file: give --output FILE")
    try:
        if fmt == "json":
            body, _ = export_json(survey_round.id, for_staff=staff)
        elif fmt == "csv":
            body, _ = export_csv(survey_round.id, what, for_staff=staff)
        elif fmt == "xlsx":
            body, _ = export_xlsx(survey_round.id, what, for_staff=staff)
        else:
            body = _rendered(fmt, survey_round.id, staff)
    except ExportNotAllowed as refused:
        raise click.ClickException(f"{refused}: add --staff") from None
    described = what if fmt in ("csv", "xlsx") else "report"
    audit_export("cli", survey_round.id, described, fmt, for_staff=staff)
    db.session.commit()
    if output is None:
        click.echo(body, nl=False)
        return
    output.write_bytes(body)
    click.echo(f"Wrote {output} ({len(body):,} bytes)", err=True)
