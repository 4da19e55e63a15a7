"""Admins edit the council's strategy priorities (table `strategy_priorities`): list, add, change, delete,
reorder. Rules: a code is lowercase letters, digits, hyphens and underscores, starting with a letter, and
unique. A priority IN USE (named by a question in any stored questionnaire version, by an action or by a
theme) can be renamed (title, description, source) but its code cannot change and it cannot be deleted,
because those questions, actions and themes would lose their priority. Every change is audited.
These functions flush, never commit; the view commits once."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from sqlalchemy import func, select

from .audit import audit
from .extensions import db
from .form_problems import FormInvalid
from .models import Action, StoredQuestionnaire, StrategyPriority, Theme
from .questionnaire.editing import all_questions
from .questionnaire.export import parse_document

CODE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
CODE_RULE = ("The code must be lowercase letters, digits, hyphens or underscores, starting with a letter, "
             "at most 40 characters (for example housing or care-leavers)")


class PriorityRefused(FormInvalid):
    """A change to the priorities that is not allowed: PriorityRefused(message, the form field)."""


@dataclass(frozen=True)
class Use:
    """Where a priority's code is named."""

    questionnaires: tuple[str, ...] = ()  # "key vN"
    actions: int = 0
    themes: int = 0

    def __bool__(self) -> bool:
        return bool(self.questionnaires or self.actions or self.themes)

    def words(self) -> str:
        parts = []
        if self.questionnaires:
            shown = ", ".join(self.questionnaires[:5]) + (" and more" if len(self.questionnaires) > 5 else "")
            parts.append(f"questions in {shown}")
        if self.actions:
            parts.append(f"{self.actions} action{'s' if self.actions != 1 else ''}")
        if self.themes:
            parts.append(f"{self.themes} theme{'s' if self.themes != 1 else ''}")
        return "; ".join(parts)


def all_priorities() -> list[StrategyPriority]:
    return list(db.session.scalars(select(StrategyPriority).order_by(StrategyPriority.position,
                                                                     StrategyPriority.id)))


def find(priority_id: int) -> StrategyPriority | None:
    return db.session.get(StrategyPriority, priority_id)


def _codes_in_questionnaires() -> dict[str, list[str]]:
    """priority code -> the questionnaire versions with a question naming it (drafts included)."""
    found: dict[str, list[str]] = {}
    rows = db.session.execute(select(StoredQuestionnaire.key, StoredQuestionnaire.version, StoredQuestionnaire.source)
                              .order_by(StoredQuestionnaire.key, StoredQuestionnaire.version))
    for key, version, source in rows:
        try:
            document = parse_document(source)
        except yaml.YAMLError:
            continue
        codes = {str(question.get("priority")) for question in all_questions(document)}
        for code in codes:
            found.setdefault(code, []).append(f"{key} v{version}")
    return found


def uses() -> dict[str, Use]:
    """Every priority code in use, and where."""
    in_questionnaires = _codes_in_questionnaires()
    actions = dict(db.session.execute(select(Action.priority_code, func.count()).group_by(Action.priority_code)).all())
    themes = dict(db.session.execute(select(Theme.priority_code, func.count()).group_by(Theme.priority_code)).all())
    codes = set(in_questionnaires) | set(actions) | set(themes)
    return {code: Use(tuple(in_questionnaires.get(code, ())), actions.get(code, 0), themes.get(code, 0))
            for code in codes}


def use_of(code: str) -> Use:
    return uses().get(code, Use())


def _clean(code: str, title: str, description: str, source: str) -> tuple[str, str, str, str]:
    code, title = code.strip(), title.strip()
    if not CODE.match(code):
        raise PriorityRefused(CODE_RULE, "code")
    if not title:
        raise PriorityRefused("Enter the title of the priority, as the strategy words it", "title")
    if len(title) > 200:
        raise PriorityRefused("The title must be 200 characters or fewer", "title")
    source = source.strip()
    if len(source) > 200:
        raise PriorityRefused("The source must be 200 characters or fewer", "source")
    return code, title, description.strip().replace("\r\n", "\n"), source


def _code_taken(code: str, other_than: int | None = None) -> bool:
    row = db.session.scalar(select(StrategyPriority).filter_by(code=code))
    return row is not None and row.id != other_than


def add(actor: str, *, code: str, title: str, description: str = "", source: str = "") -> StrategyPriority:
    code, title, description, source = _clean(code, title, description, source)
    if _code_taken(code):
        raise PriorityRefused(f"There is already a priority with the code '{code}': each needs its own", "code")
    last = db.session.scalar(select(func.max(StrategyPriority.position))) or 0
    priority = StrategyPriority(code=code, title=title, description=description, source=source, position=last + 1)
    db.session.add(priority)
    db.session.flush()
    audit(actor, "priority added", f"{code}: {title}")
    return priority


def update(actor: str, priority: StrategyPriority, *, code: str, title: str, description: str = "",
           source: str = "") -> None:
    code, title, description, source = _clean(code, title, description, source)
    changed = []
    if code != priority.code:
        use = use_of(priority.code)
        if use:
            raise PriorityRefused(
                f"The code '{priority.code}' cannot change: it is used by {use.words()}, which would lose their "
                "priority. You can still change the title, description and source.", "code")
        if _code_taken(code, priority.id):
            raise PriorityRefused(f"There is already a priority with the code '{code}': each needs its own", "code")
        changed.append(f"code {priority.code} → {code}")
        priority.code = code
    for name, value in (("title", title), ("description", description), ("source", source)):
        if getattr(priority, name) != value:
            changed.append(name)
            setattr(priority, name, value)
    db.session.flush()
    if changed:
        audit(actor, "priority edited", f"{priority.code}: {', '.join(changed)}")


def delete(actor: str, priority: StrategyPriority) -> None:
    use = use_of(priority.code)
    if use:
        raise PriorityRefused(f"“{priority.title}” cannot be deleted: it is used by {use.words()}. "
                              "A priority in use can be renamed, not deleted.")
    if len(all_priorities()) == 1:
        raise PriorityRefused("The council needs at least one priority: every question names one.")
    db.session.delete(priority)
    db.session.flush()
    audit(actor, "priority deleted", f"{priority.code}: {priority.title}")


def move(actor: str, priority: StrategyPriority, direction: str) -> None:
    """Up or down one place in the list (the order of the builder's dropdown and of reports)."""
    if direction not in ("up", "down"):
        raise PriorityRefused("Choose to move the priority up or down.")
    items = all_priorities()
    index = next(i for i, item in enumerate(items) if item.id == priority.id)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, 1):
        item.position = position
    db.session.flush()
    audit(actor, "priority moved", f"{priority.code} {direction}")
