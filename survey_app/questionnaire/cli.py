from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db
from .loader import QuestionnaireInvalid, read_file
from .store import shipped_files, store
from .translations import shipped_translation_files, store_shipped

questionnaires_cli = AppGroup("questionnaires", help="Check and load questionnaire files.")


def files(paths: tuple[str, ...]) -> list[Path]:
    """The questionnaire files named (default: the shipped ones); translation files (.po) are not among them."""
    return [Path(path) for path in paths if not path.endswith(".po")] if paths else shipped_files()


def translation_files(paths: tuple[str, ...]) -> list[Path]:
    """The translation files named (default: the shipped ones, questionnaires/translations/*.po)."""
    return [Path(path) for path in paths if path.endswith(".po")] if paths else shipped_translation_files()


@questionnaires_cli.command("load")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
def load(paths: tuple[str, ...]) -> None:
    """Validate and store questionnaire files and their translation files (.po; default: the shipped ones,
    questionnaires/*.yaml and questionnaires/translations/*.po). All or nothing."""
    problems = []
    for path in files(paths):
        try:
            stored, added = store(read_file(path), str(path))
        except QuestionnaireInvalid as error:
            problems.extend(error.problems)
        else:
            click.echo(f"{path}: {'loaded' if added else 'already loaded'} ({stored.key} v{stored.version})")
    for path in translation_files(paths):
        try:
            row, outcome = store_shipped(path)
        except QuestionnaireInvalid as error:
            problems.extend(error.problems)
        else:
            click.echo(f"{path}: {outcome} ({row.key} in {row.language}"
                       f"{', ' + row.origin if outcome.startswith('kept') else ''})")
    if problems:
        db.session.rollback()
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("Nothing was loaded.", err=True)
        raise SystemExit(1)
    db.session.commit()
