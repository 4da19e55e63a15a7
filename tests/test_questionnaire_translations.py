"""Questionnaire translations: PO files naming each string, stale when the English changed, a version
offered in a language only when every string has a current translation."""

from __future__ import annotations

import pytest

from survey_app.extensions import db
from survey_app.questionnaire import translations
from survey_app.questionnaire.loader import QuestionnaireInvalid, load_file
from survey_app.questionnaire.store import latest
from survey_app.questionnaire.strings import sources

YOUNGER = "questionnaires/younger-children.yaml"


def _everything_in_welsh(questionnaire) -> dict[str, str]:
    return {source.context: f"CY {source.english}" for source in sources(questionnaire)}


def test_a_complete_translation_has_nothing_missing_or_stale():
    questionnaire = load_file(YOUNGER)
    parsed = translations.parse(translations.po_text(questionnaire, "cy", _everything_in_welsh(questionnaire)), "f.po")
    assert translations.status(questionnaire, parsed).complete


def test_a_string_changed_in_english_since_it_was_translated_is_stale_at_its_line():
    questionnaire = load_file(YOUNGER)
    text = translations.po_text(questionnaire, "cy", _everything_in_welsh(questionnaire))
    text = text.replace('msgid "How do you feel about school?"', 'msgid "How do you feel about your school?"')
    status = translations.status(questionnaire, translations.parse(text, "f.po"))
    assert [source.context for source, _entry in status.stale] == ["question.feel_about_school.text"]
    (_source, entry), = status.stale
    assert text.splitlines()[entry.line - 1] == 'msgid "How do you feel about your school?"'
    assert not status.complete


def test_an_untranslated_string_is_missing():
    questionnaire = load_file(YOUNGER)
    texts = _everything_in_welsh(questionnaire)
    del texts["question.feel_about_school.text"]
    parsed = translations.parse(translations.po_text(questionnaire, "cy", texts), "f.po")
    status = translations.status(questionnaire, parsed)
    assert [source.context for source in status.missing] == ["question.feel_about_school.text"]


def test_a_broken_translation_file_is_refused_naming_the_file_and_line():
    with pytest.raises(QuestionnaireInvalid) as refused:
        translations.parse('msgid ""\nmsgstr ""\n"Language: cy\\n"\n"X-Questionnaire: q\\n"\n\nmsgid "a"\nmsgstr "b"\n'
                           'msgctxt "c"\nmsgid "d"\nmsgstr\n', "broken.cy.po")
    assert str(refused.value).startswith("broken.cy.po:")


def test_a_file_in_a_language_we_do_not_have_is_refused():
    questionnaire = load_file(YOUNGER)
    with pytest.raises(QuestionnaireInvalid, match="'Language: fr'"):
        translations.parse(translations.po_text(questionnaire, "fr", {}), "x.fr.po")


def test_a_version_is_offered_in_a_language_only_when_every_string_is_translated(app, shipped_questionnaires_only):
    with app.app_context():
        stored = latest("younger-children")
        questionnaire = load_file(YOUNGER)
        texts = _everything_in_welsh(questionnaire)
        missing_one = dict(texts)
        missing_one.pop("title")
        translations.save("younger-children", translations.po_text(questionnaire, "cy", missing_one), "test")
        assert "cy" not in translations.ready_languages(stored)
        row, changed = translations.save("younger-children", translations.po_text(questionnaire, "cy", texts), "test")
        assert changed and "cy" in translations.ready_languages(stored)
        welsh = translations.in_language(stored, "cy")
        assert welsh.question("feel_about_school").text == "CY How do you feel about school?"
        assert [option.value for option in welsh.question("feel_safe_home").options] == \
            [option.value for option in questionnaire.question("feel_safe_home").options]
        db.session.rollback()


def test_new_words_need_a_fluent_speakers_check_again(app, shipped_questionnaires_only):
    with app.app_context():
        questionnaire = load_file(YOUNGER)
        row, _ = translations.save("younger-children", translations.po_text(questionnaire, "cy", {}), "test")
        translations.mark_checked(row, "worker@example.org")
        assert row.checked_by == "worker@example.org"
        translations.save("younger-children", translations.po_text(questionnaire, "cy", {"title": "Dy fywyd"}), "t")
        assert row.checked_by == "" and row.checked_on is None
        db.session.rollback()
