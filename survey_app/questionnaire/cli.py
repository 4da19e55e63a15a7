from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db
from .loader import QuestionnaireInvalid, read_file
from .store import shipped_files, store

questionnaires_cli = AppGroup("questionnaires", help="Check and load questionnaire files.")


def files(paths: tuple[str, ...]) -> list[Path]:
    return [Path(path) for path in paths] if paths else shipped_files()


@questionnaires_cli.command("load")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
def load(paths: tuple[str, ...]) -> None:
    """Validate and store questionnaire files (default: the shipped ones). All or nothing."""
    problems = []
    for path in files(paths):
        try:
            stored, added = store(read_file(path), str(path))
        except QuestionnaireInvalid as error:
            problems.extend(error.problems)
        else:
            click.echo(f"{path}: {'loaded' if added else 'already loaded'} ({stored.key} v{stored.version})")
    if problems:
        db.session.rollback()
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("Nothing was loaded.", err=True)
        raise SystemExit(1)
    db.session.commit()
