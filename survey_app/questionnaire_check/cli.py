"""`flask questionnaires check`: load each file (every problem, with its line), then cross-check who each
question is meant for (`for:`) against its routing (`show_if`), report its translation files (missing,
stale and unused translations, questionnaire_check/translations.py), and print the reading age and
unexplained jargon of every question and page of text.

Problems, routing mistakes and unreadable translation files make the command fail. Jargon, reading ages
over target and incomplete translations are warnings: they fail the command only with --strict."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..questionnaire.cli import files, questionnaires_cli
from ..questionnaire.loader import Problem, QuestionnaireInvalid, load_file
from ..questionnaire.priorities import (
    council_priority_codes,
    database_has_priorities,
    default_priority_codes,
    priorities_file,
)
from ..questionnaire.translations import FILE_NAME
from .glossary import GlossaryInvalid, glossary_file, load_glossary
from .routing import misrouted
from .translations import check_translations, files_beside
from .wording import Row, rows, table


@questionnaires_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True,
              help="Also fail when a question or page uses unexplained jargon or reads above its target age, "
                   "or a translation file has missing, stale or unused translations.")
def check(paths: tuple[str, ...], strict: bool) -> None:
    """Validate questionnaire files (default: the shipped ones); print every problem, then the reading age
    and jargon of every question and page.

    Priorities are the council's from the database; before `db upgrade` has made it, the defaults in
    PRIORITIES_FILE."""
    failed = False
    if database_has_priorities():
        codes = council_priority_codes()
    else:
        codes = default_priority_codes()
        click.echo(f"The database is not set up yet: checking priorities against {priorities_file()}.", err=True)
    try:
        terms = load_glossary()
    except (OSError, GlossaryInvalid) as error:
        click.echo(f"{glossary_file()}: {error}", err=True)
        raise SystemExit(1) from None
    wording: list[Row] = []
    translation_warnings = 0
    named_po = [Path(path) for path in paths if path.endswith(".po")]
    for path in files(paths):
        try:
            questionnaire = load_file(path, codes)
        except QuestionnaireInvalid as error:
            failed = True
            for problem in error.problems:
                click.echo(str(problem), err=True)
            continue
        wrong = misrouted(questionnaire)
        for question, why in wrong:
            click.echo(str(Problem(str(path), question.line, question.id, why)), err=True)
        failed = failed or bool(wrong)
        if not wrong:
            click.echo(f"{path}: ok ({questionnaire.id} v{questionnaire.version}, "
                       f"{len(questionnaire.questions)} questions)")
        wording += rows(questionnaire, str(path), terms, current_app.config)
        named_here = [po for po in named_po if (found := FILE_NAME.match(po.name)) and found["key"] == questionnaire.id]
        translated = check_translations(questionnaire, path,
                                        sorted({*files_beside(questionnaire, path), *named_here}))
        for problem in translated.problems:
            click.echo(str(problem), err=True)
        for warning in translated.warnings:
            click.echo(str(warning))
        for summary in translated.summaries:
            click.echo(summary)
        failed = failed or bool(translated.problems)
        translation_warnings += len(translated.warnings)
    if wording:
        click.echo("")
        click.echo(table(wording))
        over = sum(row.over_target for row in wording)
        jargon = sum(bool(row.jargon) for row in wording)
        click.echo(f"\n{over} over their target reading age; {jargon} with unexplained jargon"
                   f"{' (--strict: these fail)' if strict and (over or jargon) else ''}.")
        failed = failed or (strict and bool(over or jargon))
    if translation_warnings:
        plural = "s" if translation_warnings > 1 else ""
        click.echo(f"{translation_warnings} missing, stale or unused translation{plural}"
                   f"{' (--strict: these fail)' if strict else ''}.")
        failed = failed or strict
    if failed:
        raise SystemExit(1)
