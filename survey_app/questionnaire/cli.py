from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db
from ..languages import DEFAULT, LANGUAGES
from . import exchange, translations
from .loader import QuestionnaireInvalid, read_file
from .store import definition, shipped_files, store
from .translations import shipped_translation_files, store_shipped
from .versions import latest_version

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


# -- translations (issue 12) ------------------------------------------------------------------------------
translations_cli = AppGroup("translations", help="A questionnaire's words in other languages (PO, CSV, XLSX).")
questionnaires_cli.add_command(translations_cli)


def _questionnaire_and_row(key: str, language: str):
    if language not in LANGUAGES or language == DEFAULT:
        raise click.UsageError(f"LANG must be one of {', '.join(code for code in LANGUAGES if code != DEFAULT)}")
    stored = latest_version(key)
    if stored is None:
        raise click.UsageError(f"there is no questionnaire '{key}' (load it first)")
    return definition(stored), translations.row_for(key, language)


@translations_cli.command("export")
@click.argument("key")
@click.argument("language", metavar="LANG")
@click.option("--format", "fmt", type=click.Choice(["po", "csv", "xlsx"]), default="po", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="The file to write.")
def translations_export(key: str, language: str, fmt: str, output: str) -> None:
    """Write questionnaire KEY's words (its newest version) with their LANG translation so far, for a
    translator: a PO file, or a CSV / XLSX sheet with the columns context, English, translation, note."""
    questionnaire, row = _questionnaire_and_row(key, language)
    parsed = translations.parsed_row(row) if row is not None else None
    Path(output).write_bytes(exchange.export(questionnaire, language, parsed, fmt))
    exchange.audit_export("command line", key, language, fmt)
    db.session.commit()
    click.echo(f"{output}: {len(exchange.rows(questionnaire, parsed))} strings of {key} for {language}")


@translations_cli.command("import")
@click.argument("key")
@click.argument("language", metavar="LANG")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def translations_import(key: str, language: str, path: str) -> None:
    """Replace questionnaire KEY's LANG translation with a translated PO, CSV or XLSX file. The new text
    needs a fluent speaker's check again (mark it in the builder's Languages page)."""
    questionnaire, _row = _questionnaire_and_row(key, language)
    name = Path(path).name
    try:
        row, changed = exchange.replace_translation(questionnaire, language, Path(path).read_bytes(), name,
                                                    "command line")
    except exchange.ExchangeRefused as refused:
        db.session.rollback()
        for problem in refused.problems:
            click.echo(f"{name}: {problem}", err=True)
        click.echo("Nothing was imported.", err=True)
        raise SystemExit(1) from None
    db.session.commit()
    status = translations.status(questionnaire, translations.parsed_row(row))
    state = "complete" if status.complete else f"{len(status.missing)} missing, {len(status.stale)} stale"
    if changed:
        click.echo(f"{key} in {language}: imported ({state}); it needs a check by a fluent speaker")
    else:
        click.echo(f"{key} in {language}: unchanged ({state})")
