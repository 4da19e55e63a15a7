"""A questionnaire's words for a translator and back: export as a PO file, a CSV file or an Excel workbook
(columns context, English, translation, note), and import any of the three into the PO text we keep
(translations.py, format in questionnaires/README.md "Translations").

Exports start from the stored translation, if any. A string whose English changed since it was translated
(stale) goes out for a fresh look: in a PO file as a fuzzy message with the old English as its previous
msgid (what Poedit and other PO editors show), in a spreadsheet with an empty translation and the old words
in the note. A fuzzy message imported from a PO file counts as not translated.

Spreadsheet cells that could run as a formula get an apostrophe in front (cells.guard_formula) and lose
it again on import, so export → import changes nothing. An import is refused as a whole, every problem
naming its line (PO, CSV) or row (XLSX): a file that is not UTF-8 or is too big, wrong columns, a context
the questionnaire doesn't have, a string given twice, a file for another questionnaire or language."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import openpyxl
import xlsxwriter
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from ..audit import audit
from ..cells import guard_formula, unguard_formula
from ..characters import first_unusable
from ..csv_table import CsvRefused, read_rows
from ..languages import DEFAULT, LANGUAGES
from ..models import QuestionnaireTranslation
from . import translations
from .loader import QuestionnaireInvalid
from .schema import Questionnaire
from .strings import Source, sources

FORMATS = ("po", "csv", "xlsx")
COLUMNS = ("context", "English", "translation", "note")
MAX_BYTES = translations.MAX_BYTES
MAX_UNPACKED = 20 * MAX_BYTES  # an XLSX is a zip: what it may hold once unpacked
MAX_ROWS = 5000
CHECK_NOTE = "# Needs checking by a fluent speaker before use with children."
MEDIA_TYPES = {
    "po": "text/x-gettext-translation; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExchangeRefused(ValueError):
    """An import that can't be taken: every problem, each naming its line or row where it has one."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    """One string as a translator sees it."""

    context: str
    english: str
    translation: str
    note: str = ""
    previous_english: str = ""  # the English a stale translation was made from ("" when it is current)


def _what(source: Source) -> str:
    parts = source.context.split(".")
    if source.context == "title":
        return "The questionnaire's title."
    if source.context == "intro":
        return "The introduction on the first page."
    if parts[0] == "section":
        return f"Section {parts[1]}: " + ("its title." if parts[-1] == "title" else "words above its first question.")
    kind = parts[2]
    what = {
        "text": "the question.",
        "hint": "the hint under the question.",
        "option": "an answer to choose.",
        "children_say": "words that follow “Most of you” on the children's page "
                        f"({'the good end' if parts[-1] == 'positive' else 'the other end'}).",
    }.get(kind, "")
    return f"Question {source.question_id}: {what}"


def rows(questionnaire: Questionnaire, parsed: translations.ParsedTranslation | None) -> list[Row]:
    """Every string of the questionnaire, in order, with its stored translation (if current) or its stale
    one's old words."""
    found = []
    for source in sources(questionnaire):
        entry = parsed.entries.get(source.context) if parsed else None
        note, translation, previous = _what(source), "", ""
        if entry is not None and entry.translation.strip():
            if entry.english == source.english:
                translation = entry.translation
            else:
                translation, previous = entry.translation, entry.english
                note += (f" The English changed: before, “{entry.english}” was translated as "
                         f"“{entry.translation}”. Please translate the new English.")
        found.append(Row(source.context, source.english, translation, note, previous))
    return found


# -- PO -------------------------------------------------------------------------------------------------

def _header(questionnaire: Questionnaire, language: str) -> str:
    return (f"# {questionnaire.title} ({questionnaire.id}) in {LANGUAGES[language].english_name}.\n{CHECK_NOTE}\n#\n"
            'msgid ""\nmsgstr ""\n'
            f'"Language: {language}\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Content-Transfer-Encoding: 8bit\\n"\n'
            f'"X-Questionnaire: {questionnaire.id}\\n"\n'
            '"X-Checked-By: \\n"\n')


def po_text(questionnaire: Questionnaire, language: str, entries: Iterable[Row], *, for_translator: bool) -> str:
    """A PO file of these rows, in the questionnaire's order. Stored form (`for_translator` False): each
    msgid is the English the row was translated from. For a translator: a stale row is a fuzzy message
    with the current English and the old English as its previous msgid."""
    catalog = Catalog(locale=None, fuzzy=False, charset="utf-8")
    for row in entries:
        stale = for_translator and bool(row.previous_english)
        english = row.english if for_translator or not row.previous_english else row.previous_english
        catalog.add(english, row.translation, context=row.context, auto_comments=[row.note] if row.note else [],
                    flags=("fuzzy",) if stale else (), previous_id=row.previous_english if stale else ())
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=True, include_previous=True)
    return _header(questionnaire, language) + "\n" + out.getvalue().decode("utf-8")


# -- export -----------------------------------------------------------------------------------------------

def export(questionnaire: Questionnaire, language: str, parsed: translations.ParsedTranslation | None,
           fmt: str) -> bytes:
    """The file for a translator, as bytes: po, csv (UTF-8 with a BOM so Excel reads Arabic) or xlsx."""
    found = rows(questionnaire, parsed)
    if fmt == "po":
        return po_text(questionnaire, language, found, for_translator=True).encode("utf-8")
    table = [list(COLUMNS)] + [[row.context, row.english, "" if row.previous_english else row.translation, row.note]
                               for row in found]
    table = [[guard_formula(cell) for cell in line] for line in table]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(table)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(table, LANGUAGES[language].rtl)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def _xlsx(table: list[list[str]], right_to_left: bool) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    sheet = book.add_worksheet("translation")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    bold = book.add_format({"bold": True})
    translated = book.add_format({"text_wrap": True, "valign": "top", "reading_order": 2 if right_to_left else 1})
    for column, width in enumerate((34, 50, 50, 40)):
        sheet.set_column(column, column, width, translated if column == 2 else wrap)
    for number, line in enumerate(table):
        for column, cell in enumerate(line):
            if number == 0:
                sheet.write_string(number, column, cell, bold)
            elif cell:
                sheet.write_string(number, column, cell, translated if column == 2 else wrap)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def filename(key: str, language: str, fmt: str) -> str:
    return f"{key}.{language}.{fmt}"


# -- import -----------------------------------------------------------------------------------------------

def format_of(name: str) -> str | None:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return suffix if suffix in FORMATS else None


def import_file(questionnaire: Questionnaire, language: str, data: bytes, name: str,
                fmt: str | None = None) -> str:
    """The PO text to keep (translations.save) from an uploaded PO, CSV or XLSX file, or ExchangeRefused."""
    fmt = fmt or format_of(name)
    if fmt not in FORMATS:
        raise ExchangeRefused(["Choose a .po, .csv or .xlsx file: this one's name doesn't say which it is."])
    if language not in LANGUAGES or language == DEFAULT:
        raise ExchangeRefused([f"There is no language '{language}' to translate into."])
    if len(data) > MAX_BYTES:
        raise ExchangeRefused([f"The file is larger than {MAX_BYTES // 1000:,} KB: a questionnaire's "
                               "translation is much smaller. Is it the right file?"])
    if not data.strip():
        raise ExchangeRefused(["The file is empty."])
    if fmt == "po":
        found = _read_po(questionnaire, language, data, name)
    elif fmt == "csv":
        found = _read_table(questionnaire, _csv_lines(data), "Line")
    else:
        found = _read_table(questionnaire, _xlsx_lines(data), "Row")
    return po_text(questionnaire, language, _in_order(questionnaire, found), for_translator=False)


def _in_order(questionnaire: Questionnaire, found: Mapping[str, tuple[str, str]]) -> list[Row]:
    """The imported (English, translation) by context as rows in the questionnaire's order; a string the
    file leaves out is there untranslated."""
    result = []
    for source in sources(questionnaire):
        english, translation = found.get(source.context, (source.english, ""))
        result.append(Row(source.context, source.english, translation, _what(source),
                          english if english != source.english else ""))
    return result


def _decode(data: bytes, where: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ExchangeRefused([f"{where} {line}: the file is not saved as UTF-8 text, so some letters can't be "
                               "read. Save it as UTF-8 (in Excel: “CSV UTF-8 (Comma delimited)”)."]) from error
    unusable = first_unusable(text.replace("\r", ""))
    if unusable is not None:
        line = text[:text.index(unusable)].count("\n") + 1
        raise ExchangeRefused([f"{where} {line}: a character that is not text (U+{ord(unusable):04X}). "
                               "Is it really a text file?"])
    return text.replace("\r\n", "\n")


def _read_po(questionnaire: Questionnaire, language: str, data: bytes, name: str) -> dict[str, tuple[str, str]]:
    text = _decode(data, "Line")
    try:
        parsed = translations.parse(text, name)
    except QuestionnaireInvalid as invalid:
        raise ExchangeRefused([f"Line {problem.line}: {problem.message}" if problem.line else problem.message
                               for problem in invalid.problems]) from None
    problems = []
    if parsed.questionnaire != questionnaire.id:
        problems.append(f"The file is for the questionnaire '{parsed.questionnaire}', not '{questionnaire.id}' "
                        "(its header's X-Questionnaire).")
    if parsed.language != language:
        problems.append(f"The file is in '{parsed.language}', not '{language}' (its header's Language).")
    known = {source.context for source in sources(questionnaire)}
    for context, entry in parsed.entries.items():
        if context not in known:
            problems.append(f"Line {entry.line}: '{context}' is not a string of this questionnaire "
                            "(its msgctxt must be one the export gave).")
    if problems:
        raise ExchangeRefused(problems)
    fuzzy = {message.context for message in read_po(io.StringIO(text)) if message.id and message.fuzzy}
    return {context: (entry.english, "" if context in fuzzy else entry.translation)
            for context, entry in parsed.entries.items()}


def _csv_lines(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        return read_rows(_decode(data, "Line"), strict=True)
    except CsvRefused as refused:
        error = refused.__cause__
        raise ExchangeRefused([f"Line {refused.problems[0].line}: this line can't be read as CSV ({error}). "
                               "Check for a stray quotation mark."]) from error


def _xlsx_lines(data: bytes) -> list[tuple[int, list[str]]]:
    refused = ExchangeRefused(["The file is not an Excel workbook (.xlsx) that can be read. Save it from Excel "
                               "as “Excel Workbook (.xlsx)”, or as CSV UTF-8."])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as packed:
            if sum(item.file_size for item in packed.infolist()) > MAX_UNPACKED:
                raise ExchangeRefused([f"The workbook holds more than {MAX_UNPACKED // 1_000_000} MB once "
                                       "unpacked: a questionnaire's translation is much smaller."])
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ExchangeRefused:
        raise
    except Exception:  # noqa: BLE001 -- openpyxl raises many kinds for a broken file; all mean the same here
        raise refused from None
    try:
        sheet = book.worksheets[0]
        lines = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                raise ExchangeRefused([f"The workbook has more than {MAX_ROWS:,} rows."])
            lines.append((number, [_cell_text(value) for value in values]))
        return lines
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_table(questionnaire: Questionnaire, lines: list[tuple[int, list[str]]],
                where: str) -> dict[str, tuple[str, str]]:
    """(English, translation) by context from the rows under a header row of COLUMNS."""
    lines = [(number, cells) for number, cells in lines if any(cell.strip() for cell in cells)]
    if not lines:
        raise ExchangeRefused(["The file has no rows."])
    if len(lines) > MAX_ROWS + 1:
        raise ExchangeRefused([f"The file has more than {MAX_ROWS:,} rows."])
    header_line, header = lines[0]
    names = [cell.strip().lower() for cell in header]
    while names and not names[-1]:
        names.pop()
    wanted = [name.lower() for name in COLUMNS]
    if names not in (wanted, wanted[:3]):
        raise ExchangeRefused([f"{where} {header_line}: the first row must name the columns {', '.join(COLUMNS)}; "
                               f"this one has {', '.join(cell.strip() for cell in header if cell.strip()) or 'none'}."
                               " Keep the columns as the export made them."])
    english = {source.context: source.english for source in sources(questionnaire)}
    found: dict[str, tuple[str, str]] = {}
    problems = []
    for number, raw in lines[1:]:
        cells = [unguard_formula(cell) for cell in raw]
        extra = [column for column, cell in enumerate(cells, start=1) if column > len(names) and cell.strip()]
        if extra:
            problems.append(f"{where} {number}: there is something in column {extra[0]}, which has no name in the "
                            "first row.")
            continue
        context, source, translation = (cells + ["", "", ""])[:3]
        context = context.strip()
        if not context:
            problems.append(f"{where} {number}: the context is empty (keep the first column as the export made it).")
        elif context not in english:
            problems.append(f"{where} {number}: '{context}' is not a string of this questionnaire (keep the first "
                            "column as the export made it).")
        elif context in found:
            problems.append(f"{where} {number}: '{context}' is given twice.")
        elif not source.strip():
            problems.append(f"{where} {number}: the English is empty (keep the English column as it was).")
        else:
            found[context] = (source.replace("\r\n", "\n"), translation.replace("\r\n", "\n"))
    if problems:
        raise ExchangeRefused(problems)
    return found


# -- kept -------------------------------------------------------------------------------------------------

def replace_translation(questionnaire: Questionnaire, language: str, data: bytes, name: str,
                        actor: str) -> tuple[QuestionnaireTranslation, bool]:
    """Import a translator's file as the questionnaire's translation into `language` (the old one is
    replaced; a changed text needs a fluent speaker's check again). Returns (row, changed); audited."""
    text = import_file(questionnaire, language, data, name)
    row, changed = translations.save(questionnaire.id, text, f"{name[:120]}, from {actor[:150]}", language)
    if changed:
        audit(actor, "questionnaire translation imported", f"{questionnaire.id} {language} from {name[:120]}")
    return row, changed


def mark_checked(row: QuestionnaireTranslation, actor: str) -> None:
    """A fluent speaker (the signed-in worker) has read this translation: recorded and audited."""
    translations.mark_checked(row, actor)
    audit(actor, "questionnaire translation checked", f"{row.key} {row.language}")


def audit_export(actor: str, key: str, language: str, fmt: str) -> None:
    audit(actor, "questionnaire translation exported", f"{key} {language} as {fmt}")
