"""The children's "You said, we did" texts in each language (issue 12, item 8).

A worker writes each language's version of what children read: a round's "What's good" and "What needs to
change" points (RoundReportLanguage) and each action's title, owner and reason for not doing it
(ActionLanguage). English stays where it was (RoundReport, Action). The report keeps every version
(ChildrenPart.languages, built by build.py), and the children's page picks the reader's language
(`in_language`): a part with no version in that language is shown in English and marked so, and the page
says that language's version isn't ready. Never a machine guess: the only other words are the interface's
gettext sentences and, for the points made from the answers, the questionnaire's own translated
``children_say`` words (children.point_in).

Changes flush; views commit."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from ..actions.rules import MAX_OWNER, MAX_REASON, MAX_TITLE, one_line
from ..audit import audit
from ..extensions import db
from ..languages import DEFAULT, LANGUAGES
from ..models import Action, ActionLanguage, RoundReportLanguage, SurveyRound
from .publication import has_hidden_number, points, points_problem
from .report import ActionWords, ChildrenLanguage, GeneratedPoint, Report

# The languages a worker writes a version in: every interface language but English.
OTHER_LANGUAGES = tuple(code for code in LANGUAGES if code != DEFAULT)
ACTION_WORDS = ("title", "owner", "not_doing_reason")


def field_name(name: str, language: str) -> str:
    """The form field of one language's version: ``children_good_cy``, ``title_ar``."""
    return f"{name}_{language}"


# -- a round's points ----------------------------------------------------------------------------------------

def round_versions(survey_round: SurveyRound) -> dict[str, RoundReportLanguage]:
    rows = db.session.scalars(select(RoundReportLanguage).where(RoundReportLanguage.round_id == survey_round.id))
    return {row.language: row for row in rows}


def round_values(survey_round: SurveyRound) -> dict[str, str]:
    """The publish page's boxes for every other language, as last saved."""
    found = round_versions(survey_round)
    values = {}
    for language in OTHER_LANGUAGES:
        row = found.get(language)
        values[field_name("children_good", language)] = row.children_good if row else ""
        values[field_name("children_change", language)] = row.children_change if row else ""
    return values


def point_problems(form: Mapping[str, str]) -> dict[str, str]:
    """The same rules as the English points (publication.problems_with), for each language's boxes."""
    problems = {}
    for language in OTHER_LANGUAGES:
        name_of = LANGUAGES[language].english_name
        for box, title in (("children_good", "“What’s good”"), ("children_change", "“What needs to change”")):
            name = field_name(box, language)
            problem = points_problem(points(form.get(name)), f"{title} in {name_of}")
            if problem:
                problems[name] = problem
    return problems


def save_round_versions(survey_round: SurveyRound, form: Mapping[str, str], actor: str) -> None:
    """Keep each language's points as typed (one per line); emptied boxes mean "not written yet"."""
    found = round_versions(survey_round)
    changed = []
    for language in OTHER_LANGUAGES:
        good = "\n".join(points(form.get(field_name("children_good", language))))
        change = "\n".join(points(form.get(field_name("children_change", language))))
        row = found.get(language)
        if row is None:
            if not good and not change:
                continue
            row = RoundReportLanguage(round_id=survey_round.id, language=language)
            db.session.add(row)
        if (row.children_good or "", row.children_change or "") != (good, change):
            row.children_good, row.children_change = good, change
            changed.append(LANGUAGES[language].english_name)
    db.session.flush()
    if changed:
        audit(actor, "report texts saved", f"{survey_round.title} ({', '.join(changed)})")


# -- an action's words ---------------------------------------------------------------------------------------

def action_values(action: Action | None) -> dict[str, str]:
    """The action form's boxes for every other language."""
    found = {}
    if action is not None and action.id is not None:
        found = {row.language: row for row in
                 db.session.scalars(select(ActionLanguage).where(ActionLanguage.action_id == action.id))}
    return {field_name(name, language): getattr(found[language], name) if language in found else ""
            for language in OTHER_LANGUAGES for name in ACTION_WORDS}


ACTION_LIMITS = {"title": MAX_TITLE, "owner": MAX_OWNER, "not_doing_reason": MAX_REASON}
ACTION_LABELS = {"title": "What will the council do?", "owner": "Who is responsible?",
                 "not_doing_reason": "Why not"}


def action_problems(form: Mapping[str, str]) -> dict[str, str]:
    problems = {}
    for language in OTHER_LANGUAGES:
        for name in ACTION_WORDS:
            typed = (form.get(field_name(name, language)) or "").strip()
            if len(typed) > ACTION_LIMITS[name]:
                problems[field_name(name, language)] = (
                    f"“{ACTION_LABELS[name]}” in {LANGUAGES[language].english_name} must be "
                    f"{ACTION_LIMITS[name]} characters or fewer")
    return problems


def save_action_versions(action: Action, form: Mapping[str, str], actor: str) -> None:
    found = {row.language: row for row in
             db.session.scalars(select(ActionLanguage).where(ActionLanguage.action_id == action.id))}
    changed = []
    for language in OTHER_LANGUAGES:
        typed = {name: one_line(form.get(field_name(name, language))) if name != "not_doing_reason"
                 else (form.get(field_name(name, language)) or "").strip() for name in ACTION_WORDS}
        row = found.get(language)
        if row is None:
            if not any(typed.values()):
                continue
            row = ActionLanguage(action_id=action.id, language=language)
            db.session.add(row)
        if any((getattr(row, name) or "") != typed[name] for name in ACTION_WORDS):
            for name in ACTION_WORDS:
                setattr(row, name, typed[name])
            changed.append(LANGUAGES[language].english_name)
    db.session.flush()
    if changed:
        audit(actor, "action words saved", f"{action.reference} ({', '.join(changed)})")


# -- into the report (build.py) ------------------------------------------------------------------------------

def for_report(round_id: int, references: Iterable[str]) -> tuple[ChildrenLanguage, ...] | None:
    """Every other language's version of the round's children's texts, for the stored report (None when no
    worker has written any)."""
    rounds = {row.language: row for row in
              db.session.scalars(select(RoundReportLanguage).where(RoundReportLanguage.round_id == round_id))}
    wanted = list(references)
    words = db.session.execute(
        select(Action.reference, ActionLanguage)
        .join(ActionLanguage, ActionLanguage.action_id == Action.id)
        .where(Action.reference.in_(wanted))).all() if wanted else []
    by_language: dict[str, list[ActionWords]] = {}
    for reference, row in sorted(words, key=lambda found: wanted.index(found[0])):
        if row.title or row.owner or row.not_doing_reason:
            by_language.setdefault(row.language, []).append(
                ActionWords(reference=reference, title=row.title, owner=row.owner,
                            not_doing_reason=row.not_doing_reason))
    result = []
    for language in OTHER_LANGUAGES:
        row = rounds.get(language)
        good = tuple(points(row.children_good)) if row else ()
        change = tuple(points(row.children_change)) if row else ()
        actions = tuple(by_language.get(language, ()))
        if good or change or actions:
            result.append(ChildrenLanguage(language=language, good=good, change=change, actions=actions))
    return tuple(result) or None


# -- on the page ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """Words on the children's page and the language they are in (a part not ready is in English)."""

    text: str
    language: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ActionText:
    title: Line
    owner: Line
    reason: Line


@dataclass
class ChildrenTexts:
    """The children's texts in the reader's language, part by part. `missing`: some part is in English
    because its version in `language` isn't written yet (the page says so)."""

    language: str
    good: list[Line]
    change: list[Line]
    actions: dict[str, ActionText] = field(default_factory=dict)
    missing: bool = False

    def action(self, reference: str, title: str, owner: str, reason: str) -> ActionText:
        """An action's words (from the report's English ones when it has no entry)."""
        return self.actions.get(reference) or ActionText(Line(title, DEFAULT), Line(owner, DEFAULT),
                                                          Line(reason, DEFAULT))


# A generated point in another language (children.point_in, bound to the round's questionnaires), or None.
SayPoint = Callable[[GeneratedPoint], "str | None"]


def in_language(report: Report, language: str, say_point: SayPoint | None = None) -> ChildrenTexts:
    """The children's page's texts in `language` (module docstring). Points with a hidden number ("c") in
    them are left out, as in English (present.children_points)."""
    children = report.children
    english_good = [line for line in children.good if _shown(line)]
    english_change = [line for line in children.change if _shown(line)]
    if language == DEFAULT or language not in LANGUAGES:
        texts = ChildrenTexts(DEFAULT, [Line(text, DEFAULT) for text in english_good],
                              [Line(text, DEFAULT) for text in english_change])
        for action in report.actions:
            texts.actions[action.reference] = ActionText(Line(action.title, DEFAULT), Line(action.owner, DEFAULT),
                                                         Line(action.not_doing_reason, DEFAULT))
        return texts
    version = next((item for item in children.languages or () if item.language == language), None)
    missing = False

    def points_of(kind: str, english: list[str], written: tuple[str, ...], by_worker: bool) -> list[Line]:
        nonlocal missing
        own = [text for text in written if _shown(text)]
        if own:
            return [Line(text, language) for text in own]
        if not english:
            return []
        if by_worker or children.generated is None or say_point is None:
            missing = True
            return [Line(text, DEFAULT) for text in english]
        lines = []
        generated = [point for point in children.generated if point.kind == kind]
        for point in generated:
            said = say_point(point)
            missing = missing or said is None
            lines.append(Line(said, language) if said else Line(point.text, DEFAULT))
        return [line for line in lines if _shown(line.text)]

    good = points_of("good", english_good, version.good if version else (), children.good_written_by_worker)
    change = points_of("change", english_change, version.change if version else (),
                       children.change_written_by_worker)
    texts = ChildrenTexts(language, good, change)
    words = {item.reference: item for item in (version.actions if version else ())}
    for action in report.actions:
        own = words.get(action.reference)

        def pick(english: str, written: str) -> Line:
            return Line(written, language) if written else Line(english, DEFAULT)

        title = pick(action.title, own.title if own else "")
        owner = pick(action.owner, own.owner if own else "")
        reason = pick(action.not_doing_reason, own.not_doing_reason if own else "")
        texts.actions[action.reference] = ActionText(title, owner, reason)
    texts.missing = missing
    return texts


def readiness(texts: ChildrenTexts, references: Iterable[str], not_doing: Iterable[str] = ()) -> str:
    """Whether what the page shows is in the reader's language: "" (all of it, or the page is in English),
    "some" (some parts are in English for want of a version) or "none" (no part is written in it yet).
    `references`: the actions the page shows; `not_doing`: those whose reason is shown."""
    if texts.language == DEFAULT:
        return ""
    reasons = set(not_doing)
    parts = [*texts.good, *texts.change]
    for reference in references:
        action = texts.actions.get(reference)
        if action is not None:
            parts += [action.title, action.owner] + ([action.reason] if reference in reasons else [])
    parts = [part for part in parts if part.text]
    english = [part for part in parts if part.language != texts.language]
    if not english and not texts.missing:
        return ""
    return "none" if len(english) == len(parts) else "some"


def _shown(text: str) -> bool:
    return bool(isinstance(text, str) and text.strip() and not has_hidden_number(text))
