"""Translation files on the command line: `questionnaires load` keeps them (all or nothing, a changed file
replacing what it gave before, never a worker's uploaded text), and `questionnaires check` reports missing,
stale and unused translations with file:line. The files are written here (translations.po_text), so these
tests hold whether or not shipped translation files exist."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from survey_app.extensions import db
from survey_app.questionnaire import translations
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.store import latest
from survey_app.questionnaire.strings import sources

YOUNGER = Path("questionnaires/younger-children.yaml")
QUESTIONNAIRE = load_file(YOUNGER)
WELSH = {source.context: f"CY {source.english}" for source in sources(QUESTIONNAIRE)}


def write_po(folder: Path, texts: dict[str, str], language: str = "cy", key: str = "younger-children") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.{language}.po"
    path.write_text(translations.po_text(QUESTIONNAIRE, language, texts), encoding="utf-8")
    return path


def stored(app, language: str = "cy"):
    with app.app_context():
        row = translations.row_for("younger-children", language)
        return None if row is None else (row.source, row.origin, row.checked_by)


@pytest.fixture
def beside(tmp_path) -> tuple[Path, Path]:
    """A copy of the 8-11 questionnaire in a folder of its own, with a translations/ folder beside it."""
    path = tmp_path / "younger-children.yaml"
    shutil.copy(YOUNGER, path)
    return path, tmp_path / "translations"


# -- load ------------------------------------------------------------------------------------------------

def test_load_keeps_a_translation_file_under_its_name_and_once(app, runner, tmp_path, shipped_questionnaires_only):
    po = write_po(tmp_path, WELSH)
    result = runner.invoke(args=["questionnaires", "load", str(po)])
    assert result.exit_code == 0, result.output
    assert f"{po}: loaded (younger-children in cy)" in result.output
    assert stored(app) == (po.read_text(encoding="utf-8"), "younger-children.cy.po", "")
    again = runner.invoke(args=["questionnaires", "load", str(po)])
    assert f"{po}: already loaded (younger-children in cy)" in again.output


def test_load_with_no_files_loads_the_shipped_translation_files_too(app, runner, tmp_path, monkeypatch,
                                                                     shipped_questionnaires_only, no_translations):
    write_po(tmp_path / "translations", WELSH)
    monkeypatch.setattr(translations, "questionnaires_dir", lambda: tmp_path)
    result = runner.invoke(args=["questionnaires", "load"])
    assert result.exit_code == 0, result.output
    assert "younger-children.cy.po: loaded (younger-children in cy)" in result.output
    assert "younger-children.yaml: already loaded" in result.output
    with app.app_context():
        assert translations.ready_languages(latest("younger-children")) == ["en", "cy"]


def test_a_changed_shipped_file_replaces_its_text_and_needs_a_check_again(app, runner, tmp_path,
                                                                         shipped_questionnaires_only):
    po = write_po(tmp_path, WELSH)
    runner.invoke(args=["questionnaires", "load", str(po)])
    with app.app_context():
        translations.mark_checked(translations.row_for("younger-children", "cy"), "fluent@council.example")
        db.session.commit()
    assert stored(app)[2] == "fluent@council.example"
    po = write_po(tmp_path, {**WELSH, "title": "CY Eich bywyd"})
    result = runner.invoke(args=["questionnaires", "load", str(po)])
    assert f"{po}: loaded (younger-children in cy)" in result.output
    assert stored(app) == (po.read_text(encoding="utf-8"), "younger-children.cy.po", "")


def test_a_workers_uploaded_text_is_not_replaced_by_a_shipped_file(app, runner, tmp_path,
                                                                  shipped_questionnaires_only):
    uploaded = translations.po_text(QUESTIONNAIRE, "cy", {**WELSH, "title": "Eich bywyd, eich llais"})
    with app.app_context():
        translations.save("younger-children", uploaded, "uploaded by worker@council.example")
        db.session.commit()
    po = write_po(tmp_path, WELSH)
    result = runner.invoke(args=["questionnaires", "load", str(po)])
    assert result.exit_code == 0, result.output
    assert f"{po}: kept the uploaded text (younger-children in cy, uploaded by worker@council.example)" in result.output
    assert stored(app)[:2] == (uploaded, "uploaded by worker@council.example")


def test_load_keeps_nothing_when_a_translation_file_is_broken(app, runner, tmp_path, shipped_questionnaires_only,
                                                              no_translations):
    good = write_po(tmp_path / "good", WELSH)
    broken = write_po(tmp_path / "bad", WELSH, language="ar")
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace('msgctxt "title"\n', ""), encoding="utf-8")
    line = text.split('msgctxt "title"\n')[0].count("\n") + 1
    result = runner.invoke(args=["questionnaires", "load", str(good), str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:{line}: each message needs a msgctxt naming its string" in result.output
    assert "Nothing was loaded." in result.output
    assert stored(app) is None and stored(app, "ar") is None


def test_load_refuses_a_file_named_for_another_questionnaire_or_language(app, runner, tmp_path,
                                                                        shipped_questionnaires_only):
    path = write_po(tmp_path, WELSH)
    misnamed = path.rename(tmp_path / "younger-children.ar.po")
    result = runner.invoke(args=["questionnaires", "load", str(misnamed)])
    assert result.exit_code == 1
    assert f"{misnamed}: the file is in 'cy', not 'ar'" in result.output


# -- check -----------------------------------------------------------------------------------------------

def test_check_flags_a_stale_translation_at_its_line_in_the_translation_file(runner, beside):
    path, folder = beside
    po = write_po(folder, WELSH)
    text = po.read_text(encoding="utf-8").replace('msgid "How do you feel about school?"',
                                                  'msgid "How do you feel about your school?"')
    po.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgid "How do you feel about your school?"') + 1
    result = runner.invoke(args=["questionnaires", "check", str(path)])
    assert result.exit_code == 0, result.output  # a warning: the survey is just not offered in Welsh yet
    assert (f"{po}:{line}: [feel_about_school] the English changed since this was translated: "
            "“How do you feel about your school?” is now “How do you feel about school?” "
            "('question.feel_about_school.text')") in result.output
    assert f"{po}: Welsh (cy) not offered until complete: 0 missing, 1 stale, 0 unused" in result.output
    strict = runner.invoke(args=["questionnaires", "check", "--strict", str(path)])
    assert strict.exit_code == 1 and "1 missing, stale or unused translation (--strict: these fail)." in strict.output


def test_check_flags_a_missing_translation_at_the_questions_line_naming_the_language(runner, beside):
    path, folder = beside
    write_po(folder, {context: words for context, words in WELSH.items() if context != "question.feel_safe_home.text"})
    line = path.read_text(encoding="utf-8").splitlines().index("      - id: feel_safe_home") + 1
    result = runner.invoke(args=["questionnaires", "check", str(path)])
    assert (f"{path}:{line}: [feel_safe_home] 'question.feel_safe_home.text' has no Welsh translation in "
            "younger-children.cy.po") in result.output


def test_check_flags_a_translation_the_questionnaire_no_longer_uses(runner, beside):
    path, folder = beside
    po = write_po(folder, WELSH)
    unused = '\nmsgctxt "question.gone.text"\nmsgid "Gone?"\nmsgstr "Wedi mynd?"\n'
    po.write_text(po.read_text(encoding="utf-8") + unused, encoding="utf-8")
    result = runner.invoke(args=["questionnaires", "check", str(path)])
    assert "'question.gone.text' is not a string of younger-children v1: nothing uses this translation" in result.output
    assert "0 missing, 0 stale, 1 unused" in result.output


def test_check_passes_a_complete_translation_and_fails_a_broken_one(runner, beside):
    path, folder = beside
    po = write_po(folder, WELSH)
    result = runner.invoke(args=["questionnaires", "check", "--strict", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{po}: Welsh (cy) complete: 0 missing, 0 stale, 0 unused" in result.output
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgctxt "title"\nmsgid "x"\nmsgstr\n', encoding="utf-8")
    broken = runner.invoke(args=["questionnaires", "check", str(path)])
    assert broken.exit_code == 1 and f"{po}:" in broken.output
