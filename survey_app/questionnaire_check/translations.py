"""The translation files beside a questionnaire (translations/<id>.<lang>.po), as `questionnaires check`
reports them: strings with no translation (at the questionnaire file's line of that question), stale ones
whose English changed since they were translated and ones the questionnaire no longer has (at the
translation file's line). A translation that is not complete only means the survey is not offered in that
language yet (questionnaire/translations.py), so these are warnings, failing the check only with --strict;
a file that cannot be read, or is for another questionnaire, is a problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..languages import language
from ..questionnaire.loader import Problem, QuestionnaireInvalid
from ..questionnaire.schema import Questionnaire
from ..questionnaire.translations import FILE_NAME, parse, status, translations_dir


@dataclass
class TranslationReport:
    problems: list[Problem] = field(default_factory=list)  # fail the check
    warnings: list[Problem] = field(default_factory=list)  # fail it only with --strict
    summaries: list[str] = field(default_factory=list)  # one line per file


def files_beside(questionnaire: Questionnaire, path: Path) -> list[Path]:
    return sorted(found for found in translations_dir(path.parent).glob(f"{questionnaire.id}.*.po")
                  if (named := FILE_NAME.match(found.name)) and named["key"] == questionnaire.id)


def check_translations(questionnaire: Questionnaire, path: Path, files: list[Path] | None = None) -> TranslationReport:
    report = TranslationReport()
    for po in files_beside(questionnaire, path) if files is None else files:
        try:
            parsed = parse(po.read_text(encoding="utf-8"), str(po))
        except QuestionnaireInvalid as error:
            report.problems.extend(error.problems)
            continue
        except (OSError, UnicodeDecodeError) as error:
            report.problems.append(Problem(str(po), 0, None, f"cannot be read: {error}"))
            continue
        if parsed.questionnaire != questionnaire.id:
            report.problems.append(Problem(str(po), 0, None, f"the file is for '{parsed.questionnaire}', "
                                                             f"not '{questionnaire.id}'"))
            continue
        name = language(parsed.language).english_name
        found = status(questionnaire, parsed)
        for source in found.missing:
            report.warnings.append(Problem(str(path), source.line, source.question_id,
                                           f"'{source.context}' has no {name} translation in {po.name}"))
        for source, entry in found.stale:
            report.warnings.append(Problem(str(po), entry.line, source.question_id,
                                           f"the English changed since this was translated: “{entry.english}” "
                                           f"is now “{source.english}” ('{source.context}')"))
        for context, entry in found.unused:
            report.warnings.append(Problem(str(po), entry.line, None,
                                           f"'{context}' is not a string of {questionnaire.id} "
                                           f"v{questionnaire.version}: nothing uses this translation"))
        state = "complete" if found.complete else "not offered until complete"
        report.summaries.append(f"{po}: {name} ({parsed.language}) {state}: {len(found.missing)} missing, "
                                f"{len(found.stale)} stale, {len(found.unused)} unused")
    return report
