from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db
from .loader import QuestionnaireInvalid, load_file, read_file
from .priorities import council_priority_codes, database_has_priorities, default_priority_codes, priorities_file
from .store import shipped_files, store

questionnaires_cli = AppGroup("questionnaires", help="Check and load questionnaire files.")


def _files(paths: tuple[str, ...]) -> list[Path]:
    return [Path(path) for path in paths] if paths else shipped_files()


@questionnaires_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
def check(paths: tuple[str, ...]) -> None:
    """Validate questionnaire files (default: the shipped ones); print every problem.

    Priorities are the council's from the database; before `db upgrade` has made it, the defaults in
    PRIORITIES_FILE."""
    failed = False
    if database_has_priorities():
        codes = council_priority_codes()
    else:
        codes = default_priority_codes()
        click.echo(f"The database is not set up yet: checking priorities against {priorities_file()}.", err=True)
    for path in _files(paths):
        try:
            questionnaire = load_file(path, codes)
        except QuestionnaireInvalid as error:
            failed = True
            for problem in error.problems:
                click.echo(str(problem), err=True)
        else:
            click.echo(f"{path}: ok ({questionnaire.id} v{questionnaire.version}, "
                       f"{len(questionnaire.questions)} questions)")
    if failed:
        raise SystemExit(1)


@questionnaires_cli.command("load")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
def load(paths: tuple[str, ...]) -> None:
    """Validate and store questionnaire files (default: the shipped ones). All or nothing."""
    problems = []
    for path in _files(paths):
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
