"""`flask --app survey_app actions import FILE | export | demo`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..csv_table import CsvRefused
from ..extensions import db
from ..rounds.operations import round_by_slug
from .csv_io import describe_result, export_actions, import_actions
from .demo import add_demo_actions

ACTOR = "command line"

actions_cli = AppGroup("actions", help="The \"You said, we did\" action register: import, export, demo data.")


@actions_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Add or update the actions in a CSV FILE (all of them, or none if any row has a problem)."""
    try:
        result = import_actions(file.read_bytes(), ACTOR, filename=file.name)
    except CsvRefused as refused:
        db.session.rollback()
        for problem in refused.problems:
            click.echo(str(problem), err=True)
        count = len(refused.problems)
        raise click.ClickException(f"nothing imported: {count} problem{'' if count == 1 else 's'} to fix") from None
    db.session.commit()
    click.echo(describe_result(result))


@actions_cli.command("export")
@click.option("--round", "slug", help="Only the actions of this round (its id from the link).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: print the CSV).")
def export_command(slug: str | None, output: Path | None) -> None:
    """Write the action register as CSV."""
    survey_round = None
    if slug:
        survey_round = round_by_slug(slug)
        if survey_round is None:
            raise click.ClickException(f"there is no round '{slug}'")
    text, count = export_actions(ACTOR, survey_round)
    db.session.commit()
    if output:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"{count} action{'' if count == 1 else 's'} written to {output}", err=True)
    else:
        click.echo(text.removeprefix("\ufeff"), nl=False)


@actions_cli.command("demo")
def demo_command() -> None:
    """Add a few actions from the 2018 report (14.9, 15.2, 15.8 …), linked to the demo rounds."""
    added = add_demo_actions()
    db.session.commit()
    click.echo(f"Demo actions added: {', '.join(added)}" if added else "The demo actions are already there.")
