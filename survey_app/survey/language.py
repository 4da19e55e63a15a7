"""The language of a young person's survey pages, and the questionnaire in it: every survey page gets its
questionnaire from `survey_questionnaire` here.

The young person's choice (languages.chosen(): `?lang=`, the session, the browser's Accept-Language) is
narrowed to the languages the round's questionnaire version is ready in (translations.ready_languages: every
string translated and current). A survey in progress keeps its language in the draft (Draft.language), so it
stays the same on every page, and on another device after a carry-on code, until `?lang=` changes it. A
language the survey is not ready in gives the English survey with the interface in English too, and the
start page says so in the language asked for (`not_ready_note`).

Costs: a question page of an English draft reads nothing more; any other page reads one small row list
(translations.versions_of: ids and checksums, no text). Parsed and translated questionnaires are kept per
process (translations.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from flask import g, request
from flask_babel import force_locale
from flask_babel import gettext as _

from .. import languages
from ..models import Draft, SurveyRound
from ..questionnaire import translations
from ..questionnaire.schema import Questionnaire
from ..responses.drafts import keep_language


@dataclass(frozen=True)
class SurveyLanguage:
    code: str  # the language the survey's pages are in
    asked: str  # the language the young person asked for (may be one the survey is not ready in)
    ready: tuple[str, ...] | None  # the languages the questionnaire is ready in (None: not read this page)

    @property
    def not_ready(self) -> bool:
        return self.asked != self.code


def asked_now() -> str | None:
    """The language this request's `?lang=` asks for (None when it asks for none we have: `?lang=zz`)."""
    return languages.known(request.args.get("lang"))


def survey_language(survey_round: SurveyRound, draft: Draft | None = None, *,
                    with_choices: bool = False) -> SurveyLanguage:
    """This page's language (worked out once per request), the interface switched to it. A draft's own
    language wins over the session and the browser; `?lang=` changes the draft's. `with_choices`: read
    the ready languages even when an English draft would not need them (the start page's picker)."""
    if "survey_language" in g and (g.survey_language.ready is not None or not with_choices):
        return g.survey_language
    stored = survey_round.questionnaire_version
    choice = languages.chosen()  # first, so a `?lang=` is kept in the session
    changing = asked_now()
    asked = changing or (languages.known(draft.language) if draft is not None else None) or choice
    versions = None
    if asked != languages.DEFAULT or with_choices:
        versions = translations.versions_of(stored.key)
        ready = tuple(translations.ready_languages(stored, versions))
    else:
        ready = None
    code = asked if ready is None or asked in ready else languages.DEFAULT
    if draft is not None and changing and draft.language != code:
        keep_language(draft, code)
    languages.use(code)
    g.survey_language = SurveyLanguage(code, asked, ready)
    g.survey_versions = versions
    return g.survey_language


def survey_questionnaire(survey_round: SurveyRound, draft: Draft | None = None) -> Questionnaire:
    """The round's questionnaire in this page's language (survey_language)."""
    chosen = survey_language(survey_round, draft)
    return translations.in_language(survey_round.questionnaire_version, chosen.code, g.get("survey_versions") or {})


def in_language_of(survey_round: SurveyRound, code: str) -> Questionnaire:
    """The round's questionnaire in `code`, whatever this page's language (a response's answers read back)."""
    return translations.in_language(survey_round.questionnaire_version, code)


def choices(survey_round: SurveyRound, draft: Draft | None = None) -> list[languages.Language]:
    """The languages a young person can pick for this survey: those its questionnaire is ready in."""
    ready = survey_language(survey_round, draft, with_choices=True).ready or ()
    return [languages.language(code) for code in ready]


class Note(NamedTuple):
    text: str
    language: languages.Language  # the language `text` is in


def not_ready_note(chosen: SurveyLanguage) -> Note | None:
    """In the language asked for, that this survey isn't ready in it (None when it is)."""
    if not chosen.not_ready:
        return None
    with force_locale(chosen.asked):
        text = _("Sorry, this survey isn’t ready in your language yet, so it is in English.")
    return Note(text, languages.language(chosen.asked))


def round_title(survey_round: SurveyRound, questionnaire: Questionnaire) -> str:
    """The round's title as this page shows it: a round named after its questionnaire (the usual case: the
    title is copied when the round opens) takes the questionnaire's title in this page's language; a title
    a worker wrote for the round stays as written."""
    english = translations.definition(survey_round.questionnaire_version)
    return questionnaire.title if survey_round.title == english.title else survey_round.title
