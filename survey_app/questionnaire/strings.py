"""A questionnaire's words, each under a stable name (its *context*), and the same questionnaire with
those words in another language. Ids, option values and routing never change with the language, so
answers are the same codes whichever language they were given in.

Contexts (the `msgctxt` of a translation file, see questionnaires/README.md):
    title, intro
    section.<section id>.title, section.<section id>.intro
    question.<question id>.text, question.<question id>.hint
    question.<question id>.option.<value>          (only labels the file writes: `options:` or `labels:`)
    question.<question id>.children_say.positive, question.<question id>.children_say.negative

Words the questionnaire takes from the question types (a yes/no question's "Yes" and "No", "I'd rather
not say") are the interface's, translated by its gettext catalogue: `builtin` below."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from .. import question_types
from .schema import RATHER_NOT_SAY, ChildrenSay, Option, Question, Questionnaire, Section


@dataclass(frozen=True)
class Source:
    """One English string of a questionnaire: where it is (`line` in the questionnaire file, 0 when the
    loader keeps no line for it) and what it says."""

    context: str
    english: str
    line: int = 0
    question_id: str | None = None


def _builtin_labels(question: Question) -> dict[str, str]:
    kind = question_types.get(question.type)
    return dict(kind.options) if kind.fixed_options else {}


def sources(questionnaire: Questionnaire) -> list[Source]:
    """Every translatable string of the questionnaire, in the order a young person meets them."""
    found = [Source("title", questionnaire.title), Source("intro", questionnaire.intro)]
    for section in questionnaire.sections:
        found.append(Source(f"section.{section.id}.title", section.title))
        found.append(Source(f"section.{section.id}.intro", section.intro))
        for question_id in section.question_ids:
            question = questionnaire.question(question_id)
            found.extend(_question_sources(question))
    return [source for source in found if source.english.strip()]


def _question_sources(question: Question) -> list[Source]:
    name, line, qid = f"question.{question.id}", question.line, question.id
    found = [Source(f"{name}.text", question.text, line, qid), Source(f"{name}.hint", question.hint, line, qid)]
    builtin = _builtin_labels(question)
    for option in question.options:
        if option.value == RATHER_NOT_SAY or builtin.get(option.value) == option.label:
            continue
        found.append(Source(f"{name}.option.{option.value}", option.label, line, qid))
    if question.children_say is not None:
        found.append(Source(f"{name}.children_say.positive", question.children_say.positive, line, qid))
        found.append(Source(f"{name}.children_say.negative", question.children_say.negative, line, qid))
    return found


def current(questionnaire: Questionnaire, entries: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """The usable translations: `entries` maps a context to (the English it was translated from, the
    translation); one whose English has changed since (stale) or that is empty is left out."""
    english = {source.context: source.english for source in sources(questionnaire)}
    return {
        context: translation
        for context, (translated_from, translation) in entries.items()
        if translation.strip() and english.get(context) == translated_from
    }


def translate(questionnaire: Questionnaire, texts: Mapping[str, str],
              builtin: Callable[[str], str] = lambda words: words) -> Questionnaire:
    """The questionnaire with `texts` (context -> translation, see `current`) in place of its English.
    A string with no translation stays English, except the question types' own words, which `builtin`
    (the interface's gettext) translates."""

    def words(context: str, english: str) -> str:
        return texts.get(context) or english

    questions = tuple(_translated_question(question, words, builtin) for question in questionnaire.questions)
    sections = tuple(_translated_section(section, words) for section in questionnaire.sections)
    return replace(questionnaire, title=words("title", questionnaire.title), intro=words("intro", questionnaire.intro),
                   sections=sections, questions=questions, _by_id={})


def _translated_section(section: Section, words: Callable[[str, str], str]) -> Section:
    name = f"section.{section.id}"
    return replace(section, title=words(f"{name}.title", section.title), intro=words(f"{name}.intro", section.intro))


def _translated_question(question: Question, words: Callable[[str, str], str],
                         builtin: Callable[[str], str]) -> Question:
    name = f"question.{question.id}"
    defaults = _builtin_labels(question)

    def label(option: Option) -> str:
        if option.value == RATHER_NOT_SAY or defaults.get(option.value) == option.label:
            return builtin(option.label)
        return words(f"{name}.option.{option.value}", option.label)

    children_say = question.children_say
    if children_say is not None:
        children_say = replace(children_say,
                               positive=words(f"{name}.children_say.positive", children_say.positive),
                               negative=words(f"{name}.children_say.negative", children_say.negative))
    return replace(
        question, text=words(f"{name}.text", question.text), hint=words(f"{name}.hint", question.hint),
        options=tuple(replace(option, label=label(option)) for option in question.options),
        children_say=children_say,
    )


__all__ = ["ChildrenSay", "Source", "current", "sources", "translate"]
