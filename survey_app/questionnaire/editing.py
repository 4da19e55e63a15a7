"""Changes a participation worker makes in the builder, as operations on a questionnaire held as a plain
dict (the same shape as the YAML file). Each operation checks what it can and raises EditRefused with
words a worker understands; the loader then checks the whole result (see versions.py).

Operations change the dict in place only when they succeed: anything refused leaves it as it was.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from .. import question_types
from ..form_problems import FormInvalid
from ..question_types import MAX_TEXT_LIMIT
from .identifying import identifying_reason
from .loader import AGE_BAND, GROUPS, OPTION_VALUE, QUESTION_ID, QUESTIONNAIRE_ID
from .schema import (
    RATHER_NOT_SAY,
    RATHER_NOT_SAY_LABEL,
)

Document = dict[str, Any]
CONDITION_KINDS = ("is", "is_not", "answered")
ANONYMOUS_REASON = (
    "Surveys are anonymous: nobody must be able to tell who answered, so a questionnaire may not ask for a "
    "name, date of birth, postcode, address, email address, phone number, school or social media name. "
    "Ask for a broad band instead, for example an age band as a single choice."
)


class EditRefused(FormInvalid):
    """A change the builder will not make: EditRefused(message, the form field it belongs to)."""


@dataclass
class QuestionFields:
    """What the question form sends, already split into Python values."""

    text: str
    type: str
    priority: str
    hint: str = ""
    options: list[tuple[str, str]] | None = None  # (value, label); a blank value is made from the label
    labels: list[str] | None = None  # smiley words
    max_length: int | None = None
    help_if: list[str] | None = None
    required: bool = False


# -- reading the dict ---------------------------------------------------------------------------------
def sections(document: Document) -> list[dict]:
    value = document.get("sections")
    return [section for section in value if isinstance(section, dict)] if isinstance(value, list) else []


def questions_of(section: dict) -> list[dict]:
    value = section.get("questions")
    return [question for question in value if isinstance(question, dict)] if isinstance(value, list) else []


def all_questions(document: Document) -> list[dict]:
    return [question for section in sections(document) for question in questions_of(section)]


def find_section(document: Document, section_id: str) -> dict:
    for section in sections(document):
        if section.get("id") == section_id:
            return section
    raise EditRefused(f"There is no section '{section_id}' in this questionnaire.")


def find_question(document: Document, question_id: str) -> tuple[dict, dict]:
    """(section, question) for a question id."""
    for section in sections(document):
        for question in questions_of(section):
            if question.get("id") == question_id:
                return section, question
    raise EditRefused(f"There is no question '{question_id}' in this questionnaire.")


def answer_values(question: dict) -> list[tuple[str, str]]:
    """(value, words) of every answer a choice question can have, "I'd rather not say" last."""
    qtype = question.get("type")
    if not question_types.known(qtype) or question_types.get(qtype).written:
        return []
    kind = question_types.get(qtype)
    if kind.fixed_options:
        built_in = kind.options
        labels = question.get("labels")
        words = ([str(label) for label in labels] if isinstance(labels, list) and len(labels) == len(built_in)
                 else [label for _, label in built_in])
        pairs = [(value, word) for (value, _), word in zip(built_in, words, strict=True)]
    else:
        options = question.get("options") if isinstance(question.get("options"), list) else []
        pairs = [(str(option.get("value")), str(option.get("label"))) for option in options
                 if isinstance(option, dict)]
    return pairs + [(RATHER_NOT_SAY, RATHER_NOT_SAY_LABEL)]


def _condition_ids(condition: Any) -> set[str]:
    if not isinstance(condition, dict):
        return set()
    ids = {str(condition["question"])} if "question" in condition else set()
    for kind in ("all", "any"):
        for part in condition.get(kind) or []:
            ids |= _condition_ids(part)
    return ids


def depends_on(document: Document, question_id: str) -> list[str]:
    """Titles/ids of the questions and sections whose show_if refers to this question."""
    found = []
    for section in sections(document):
        if question_id in _condition_ids(section.get("show_if")):
            found.append(f"section “{section.get('title')}”")
        for question in questions_of(section):
            if question_id in _condition_ids(question.get("show_if")):
                found.append(f"question '{question.get('id')}'")
    return found


def earlier_questions(document: Document, target: str, target_id: str) -> list[dict]:
    """Questions before a question (target='question') or before a section (target='section')."""
    earlier = []
    for section in sections(document):
        if target == "section" and section.get("id") == target_id:
            return earlier
        for question in questions_of(section):
            if target == "question" and question.get("id") == target_id:
                return earlier
            earlier.append(question)
    return earlier


def describe_condition(document: Document, condition: Any) -> str:
    """A condition in plain words, e.g. “Where do you live?” is “With a foster family”."""
    if not isinstance(condition, dict):
        return "(not a condition)"
    for kind, joiner in (("all", " and "), ("any", " or ")):
        if kind in condition:
            return joiner.join(f"({describe_condition(document, part)})" for part in condition[kind] or [])
    qid = str(condition.get("question"))
    try:
        question = find_question(document, qid)[1]
    except EditRefused:
        return f"question '{qid}' (which is not in this questionnaire)"
    words = dict(answer_values(question))
    asked = f"“{question.get('text')}”"
    if "answered" in condition:
        return f"{asked} is answered"
    for kind, verb in (("is", "is"), ("is_not", "is answered but not")):
        if kind in condition:
            values = condition[kind] if isinstance(condition[kind], list) else [condition[kind]]
            return f"{asked} {verb} " + " or ".join(f"“{words.get(str(value), value)}”" for value in values)
    return f"{asked} (unknown test)"


# -- ids ----------------------------------------------------------------------------------------------
def slug_id(text: str, taken: set[str], limit: int = 40) -> str:
    """A question/section id made from words: lowercase, underscores, unique among `taken`."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    base = ""
    for word in words:
        candidate = f"{base}_{word}" if base else word
        if len(candidate) > limit:
            break
        base = candidate
    base = base or "question"
    if not base[0].isalpha():
        base = f"q_{base}"
    base = base[:limit]
    if identifying_reason(base, "", ""):
        base = "question"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}_{number}"
        number += 1
    return candidate


def _question_ids(document: Document) -> set[str]:
    return {str(question.get("id")) for question in all_questions(document)}


# -- the questionnaire --------------------------------------------------------------------------------
EXAMPLE_QUESTION_ID = "example_question"


def new_document(key: str, title: str, priority: str) -> Document:
    """A new questionnaire that is valid from the start: one section holding one example question (of the
    council's first priority) for the worker to change. No `minutes`: it is estimated from the questions,
    and the publish page asks for the ages and the introduction."""
    check_key(key)
    if not title.strip():
        raise EditRefused("Enter a title young people will see", "title")
    return {
        "id": key, "version": 1, "title": title.strip(),
        "audience": {"ages": "8-25", "groups": list(GROUPS)},
        "sections": [{"id": "section_1", "title": "Section 1", "questions": [
            {"id": EXAMPLE_QUESTION_ID, "type": "yes_no", "priority": priority,
             "text": "Example question: do you like where you live? (Change this question.)"},
        ]}],
    }


def check_key(key: str) -> None:
    if not QUESTIONNAIRE_ID.match(key or ""):
        raise EditRefused("The key must be lowercase letters, digits and hyphens, starting with a letter or digit "
                          "(for example summer-2025)", "key")


def set_details(document: Document, *, title: str, intro: str, ages: str, groups: list[str],
                minutes: int | None) -> None:
    """The title, introduction, audience and time (None: estimated from the questions, see estimate.py)."""
    if not title.strip():
        raise EditRefused("Enter a title young people will see", "title")
    match = AGE_BAND.match(ages.strip())
    if not match or int(match.group(1)) > int(match.group(2)):
        raise EditRefused("Enter the ages as a range, for example 8-11", "ages")
    if not groups or any(group not in GROUPS for group in groups):
        raise EditRefused("Choose who it is for: children in care, care leavers or both", "groups")
    if minutes is not None and not 1 <= minutes <= 60:
        raise EditRefused("Enter roughly how many minutes it takes, from 1 to 60", "minutes")
    document["title"] = title.strip()
    if intro.strip():
        document["intro"] = intro.strip().replace("\r\n", "\n")
    else:
        document.pop("intro", None)
    document["audience"] = {"ages": ages.strip(), "groups": [group for group in GROUPS if group in groups]}
    if minutes is None:
        document.pop("minutes", None)
    else:
        document["minutes"] = minutes


def confirm_for_publishing(document: Document, *, intro: str, ages: str, minutes: int | None) -> None:
    """What the publish page asks before publishing: the introduction (required, it is on the start page
    and the printed card), the ages the worker chose, and the time (None: the estimate)."""
    if not intro.strip():
        raise EditRefused("Write a few words on what it is for: young people read them on the start page and "
                          "the printed card", "intro")
    audience = document.get("audience") if isinstance(document.get("audience"), dict) else {}
    set_details(document, title=str(document.get("title", "")), intro=intro, ages=ages,
                groups=list(audience.get("groups") or GROUPS), minutes=minutes)


# -- sections -----------------------------------------------------------------------------------------
def add_section(document: Document, title: str) -> str:
    if not title.strip():
        raise EditRefused("Enter a title for the new section", "title")
    taken = {str(section.get("id")) for section in sections(document)}
    section_id = slug_id(title, taken, limit=30)
    document.setdefault("sections", []).append({"id": section_id, "title": title.strip(), "questions": []})
    return section_id


def edit_section(document: Document, section_id: str, *, title: str, intro: str) -> None:
    section = find_section(document, section_id)
    if not title.strip():
        raise EditRefused("Enter a title for the section", "title")
    section["title"] = title.strip()
    if intro.strip():
        section["intro"] = intro.strip().replace("\r\n", "\n")
    else:
        section.pop("intro", None)


def _order_problem(document: Document) -> str | None:
    """Why the order breaks a condition (it must refer to an earlier question), or None."""
    seen: set[str] = set()
    for section in sections(document):
        for qid in sorted(_condition_ids(section.get("show_if")) - seen):
            return (f"Section “{section.get('title')}” is only shown depending on '{qid}', "
                    "which would then come after it")
        for question in questions_of(section):
            for qid in sorted(_condition_ids(question.get("show_if")) - seen):
                return (f"Question '{question.get('id')}' is only shown depending on '{qid}', "
                        "which would then come after it")
            seen.add(str(question.get("id")))
    return None


def _apply_reorder(document: Document, changed: Document) -> None:
    problem = _order_problem(changed)
    if problem:
        raise EditRefused(f"{problem}. A condition can only look at earlier questions, so it was not moved.")
    document.clear()
    document.update(changed)


def move_section(document: Document, section_id: str, direction: str) -> None:
    changed = copy.deepcopy(document)
    items = changed.get("sections") or []
    index = next((i for i, s in enumerate(items) if isinstance(s, dict) and s.get("id") == section_id), None)
    if index is None:
        raise EditRefused(f"There is no section '{section_id}' in this questionnaire.")
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if other is None:
        raise EditRefused("Choose to move the section up or down.")
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    _apply_reorder(document, changed)


def delete_section(document: Document, section_id: str) -> None:
    section = find_section(document, section_id)
    if questions_of(section):
        raise EditRefused("Only an empty section can be deleted: move or delete its questions first.")
    if len(sections(document)) == 1:
        raise EditRefused("A questionnaire needs at least one section.")
    document["sections"] = [s for s in document.get("sections") or [] if s is not section]


# -- questions ----------------------------------------------------------------------------------------
def _question_dict(question_id: str, fields: QuestionFields, priorities: set[str], old: dict | None) -> dict:
    text, hint = fields.text.strip(), fields.hint.strip()
    if not text:
        raise EditRefused("Enter the question, in the words a young person will see", "text")
    reason = identifying_reason(question_id, fields.type, f"{text} {hint}")
    if reason:  # first: the most important thing to put right
        raise EditRefused(f"This question would ask for {reason}. {ANONYMOUS_REASON}", "text")
    if not question_types.known(fields.type):
        raise EditRefused("Choose the type of answer", "type")
    kind = question_types.get(fields.type)
    if fields.priority not in priorities:
        raise EditRefused("Choose the strategy priority this question is about", "priority")
    data: dict[str, Any] = {"id": question_id, "type": fields.type, "text": text}
    if hint:
        data["hint"] = hint
    data["priority"] = fields.priority
    if fields.required:
        if kind.written:
            raise EditRefused("A text question cannot be required: young people can always skip it", "required")
        data["required"] = True
    for kept in ("for", "show_if"):  # set in the file; the builder's form does not show them
        if old is not None and kept in old:
            data[kept] = old[kept]
    if old is not None and "children_say" in old and old.get("type") == fields.type:  # its answers stay the same
        data["children_say"] = old["children_say"]
    if kind.relabel and fields.labels:
        labels = [label.strip() for label in fields.labels]
        built_in = [label for _, label in kind.options]
        if len(labels) != len(built_in) or not all(labels):
            raise EditRefused(f"Give words for all {len(built_in)} faces", "labels")
        if labels != built_in:
            data["labels"] = labels
    if kind.author_options:
        data["options"] = _options(fields.options or [])
    if kind.written and fields.max_length is not None:
        if not 1 <= fields.max_length <= MAX_TEXT_LIMIT:
            raise EditRefused(f"The longest answer must be from 1 to {MAX_TEXT_LIMIT} letters", "max_length")
        if fields.max_length != kind.max_length or (old or {}).get("max_length"):
            data["max_length"] = fields.max_length
    if fields.help_if and kind.choice:
        allowed = [value for value, _ in answer_values(data)]
        data_help = [value for value in allowed if value in fields.help_if]
        if data_help:
            data["help_if"] = data_help
    return data


def _options(pairs: list[tuple[str, str]]) -> list[dict]:
    options: list[dict] = []
    for value, label in pairs:
        value, label = value.strip(), label.strip()
        if not label:
            continue
        if not value:
            value = slug_id(label, {option["value"] for option in options} | {RATHER_NOT_SAY}, limit=30)
        elif not OPTION_VALUE.match(value) or value == RATHER_NOT_SAY:
            raise EditRefused(f"The stored value '{value}' must be lowercase letters, digits and underscores",
                              "options")
        if any(option["value"] == value for option in options):
            raise EditRefused(f"Two options have the stored value '{value}': each needs its own", "options")
        options.append({"value": value, "label": label})
    if len(options) < 2:
        raise EditRefused("Give at least two options to choose from", "options")
    return options


def add_question(document: Document, section_id: str, fields: QuestionFields, priorities: set[str],
                 question_id: str = "", avoid: set[str] | None = None) -> str:
    """Add a question at the end of a section; its id is typed or made from its words."""
    section = find_section(document, section_id)
    taken = _question_ids(document)
    question_id = question_id.strip()
    if question_id:
        if not QUESTION_ID.match(question_id):
            raise EditRefused("The question id must be lowercase letters, digits and underscores, "
                              "starting with a letter", "question_id")
        if question_id in taken:
            raise EditRefused(f"The question id '{question_id}' is already used in this questionnaire: "
                              "each question needs its own", "question_id")
    else:
        question_id = slug_id(fields.text, taken | (avoid or set()))
    data = _question_dict(question_id, fields, priorities, None)
    if not isinstance(section.get("questions"), list):
        section["questions"] = []
    section["questions"].append(data)
    return question_id


def edit_question(document: Document, question_id: str, fields: QuestionFields, priorities: set[str]) -> None:
    """Change a question's words, type, priority, answers... Its id stays, so rounds stay comparable."""
    section, old = find_question(document, question_id)
    data = _question_dict(question_id, fields, priorities, old)
    if fields.type != old.get("type") and depends_on(document, question_id):
        values = {value for value, _ in answer_values(data)}
        for condition_values in _values_used(document, question_id):
            if not condition_values <= values:
                raise EditRefused(
                    "Other questions are shown depending on the answers to this one "
                    f"({', '.join(depends_on(document, question_id))}); change their conditions before changing "
                    "the type of answer.", "type")
    index = section["questions"].index(old)
    section["questions"][index] = data


def _values_used(document: Document, question_id: str) -> list[set[str]]:
    found: list[set[str]] = []

    def walk(condition: Any) -> None:
        if not isinstance(condition, dict):
            return
        if condition.get("question") == question_id:
            found.append({str(v) for kind in ("is", "is_not") for v in (condition.get(kind) or [])})
        for kind in ("all", "any"):
            for part in condition.get(kind) or []:
                walk(part)

    for section in sections(document):
        walk(section.get("show_if"))
        for question in questions_of(section):
            walk(question.get("show_if"))
    return found


def move_question(document: Document, question_id: str, direction: str) -> None:
    """Up or down one place; past the top or bottom of a section it moves into the next section."""
    if direction not in ("up", "down"):
        raise EditRefused("Choose to move the question up or down.")
    changed = copy.deepcopy(document)
    all_sections = sections(changed)
    for number, section in enumerate(all_sections):
        items = section.get("questions") if isinstance(section.get("questions"), list) else []
        index = next((i for i, q in enumerate(items) if isinstance(q, dict) and q.get("id") == question_id), None)
        if index is None:
            continue
        question = items[index]
        if direction == "up" and index > 0:
            items[index - 1], items[index] = items[index], items[index - 1]
        elif direction == "down" and index < len(items) - 1:
            items[index + 1], items[index] = items[index], items[index + 1]
        elif direction == "up" and number > 0:
            items.pop(index)
            all_sections[number - 1].setdefault("questions", []).append(question)
        elif direction == "down" and number < len(all_sections) - 1:
            items.pop(index)
            all_sections[number + 1].setdefault("questions", []).insert(0, question)
        else:
            return
        _apply_reorder(document, changed)
        return
    raise EditRefused(f"There is no question '{question_id}' in this questionnaire.")


def delete_question(document: Document, question_id: str) -> None:
    section, question = find_question(document, question_id)
    dependants = depends_on(document, question_id)
    if dependants:
        raise EditRefused(f"Other parts are shown depending on the answer to this question ({', '.join(dependants)}). "
                          "Remove those conditions first.")
    section["questions"].remove(question)


def _renamed_condition(condition: Any, renames: dict[str, str]) -> Any:
    """A show_if with question ids swapped by `renames` (for a copied section's own questions)."""
    if not isinstance(condition, dict):
        return condition
    changed = dict(condition)
    if "question" in changed and str(changed["question"]) in renames:
        changed["question"] = renames[str(changed["question"])]
    for kind in ("all", "any"):
        if isinstance(changed.get(kind), list):
            changed[kind] = [_renamed_condition(part, renames) for part in changed[kind]]
    return changed


def _unnumbered(item_id: str) -> str:
    """An id without the number a copy got ("feel_safe_2" -> "feel_safe"), so copies count up: _2, _3."""
    return re.sub(r"_\d{1,2}$", "", item_id) or item_id


def _copied_question(question: dict, new_id: str) -> dict:
    """A copy of a question under a new id. "Cannot be skipped" is left off: no condition looks at the copy."""
    copied = copy.deepcopy(question)
    copied["id"] = new_id
    copied.pop("required", None)
    return copied


def copy_question(document: Document, question_id: str, avoid: set[str] | None = None) -> str:
    """A copy of a question just after it, with a new id (unique in every version: `avoid`)."""
    section, question = find_question(document, question_id)
    new_id = slug_id(_unnumbered(question_id), _question_ids(document) | (avoid or set()))
    section["questions"].insert(section["questions"].index(question) + 1, _copied_question(question, new_id))
    return new_id


def copy_section(document: Document, section_id: str, avoid: set[str] | None = None) -> str:
    """A copy of a section just after it: "(copy)" after its title, every question with a new id, and a
    condition between its own questions pointing at the copies."""
    section = find_section(document, section_id)
    taken = _question_ids(document) | (avoid or set())
    renames: dict[str, str] = {}
    for question in questions_of(section):
        old_id = str(question.get("id"))
        renames[old_id] = slug_id(_unnumbered(old_id), taken | set(renames.values()))
    copied = copy.deepcopy(section)
    copied["id"] = slug_id(_unnumbered(section_id), {str(s.get("id")) for s in sections(document)}, limit=30)
    copied["title"] = f"{section.get('title', '')} (copy)"
    copied["questions"] = []
    for question in questions_of(section):
        new_question = _copied_question(question, renames[str(question.get("id"))])
        if "show_if" in new_question:
            new_question["show_if"] = _renamed_condition(new_question["show_if"], renames)
        copied["questions"].append(new_question)
    items = document["sections"]
    items.insert(items.index(section) + 1, copied)
    return str(copied["id"])


# -- conditions ---------------------------------------------------------------------------------------
def _target(document: Document, target: str, target_id: str) -> dict:
    if target == "section":
        return find_section(document, target_id)
    return find_question(document, target_id)[1]


JOINS = ("all", "any")


@dataclass
class ConditionPart:
    """One test of a condition as the builder's form holds it: an earlier question, how its answer is tested
    and (for is / is_not) which answers."""

    question: str = ""
    kind: str = ""
    values: list[str] = field(default_factory=list)


def condition_parts(condition: Any) -> tuple[str, list[ConditionPart]] | None:
    """A stored show_if as ("all" or "any", parts) for the form; None when it has groups inside groups
    (the YAML format allows it; the builder shows it in words and can replace it, not edit it part by part)."""
    if not isinstance(condition, dict) or not condition:
        return "all", []
    for join in JOINS:
        if join in condition:
            items = condition[join] if isinstance(condition[join], list) else []
            parts = [_part_of(item) for item in items]
            if not items or any(part is None for part in parts):
                return None
            return join, parts  # type: ignore[return-value]
    part = _part_of(condition)
    return ("all", [part]) if part is not None else None


def _part_of(condition: Any) -> ConditionPart | None:
    if not isinstance(condition, dict) or "question" not in condition:
        return None
    kind = next((k for k in CONDITION_KINDS if k in condition), "")
    values = condition.get(kind) if kind in ("is", "is_not") else []
    return ConditionPart(str(condition["question"]), kind,
                         [str(v) for v in (values if isinstance(values, list) else [values])])


def _checked_part(earlier: dict[str, dict], part: ConditionPart, number: int, many: bool) -> dict:
    """The YAML of one part, or EditRefused naming the part and its form field."""
    prefix = f"Part {number}: " if many else ""
    field_name = f"part-{number}"
    if part.question not in earlier:
        raise EditRefused(f"{prefix}Choose a question that comes earlier: a condition can only look at answers "
                          "already given", f"{field_name}-question")
    question = earlier[part.question]
    if part.kind not in CONDITION_KINDS:
        raise EditRefused(f"{prefix}Choose how the answer is tested", f"{field_name}-kind")
    if question.get("type") in question_types.written_names() and part.kind != "answered":
        raise EditRefused(f"{prefix}A written answer can only be tested for being answered", f"{field_name}-kind")
    if part.kind == "answered":
        return {"question": part.question, "answered": True}
    known = [value for value, _ in answer_values(question)]
    if not part.values:
        raise EditRefused(f"{prefix}Choose at least one answer", f"{field_name}-values")
    unknown = [value for value in part.values if value not in known]
    if unknown:
        raise EditRefused(f"{prefix}'{part.question}' has no answer '{unknown[0]}'", f"{field_name}-values")
    return {"question": part.question, part.kind: [value for value in known if value in part.values]}


def set_condition_parts(document: Document, target: str, target_id: str, join: str,
                        parts: list[ConditionPart]) -> None:
    """Show a question (or section) only when EARLIER answers match: one part, or several joined by
    "all of these" (all) or "any of these" (any). Every part is checked; nothing changes if one is wrong."""
    item = _target(document, target, target_id)
    if not parts:
        raise EditRefused("Add at least one part to the condition", "part-1-question")
    if len(parts) > 1 and join not in JOINS:
        raise EditRefused("Choose whether all of these parts or any of them must be true", "join")
    earlier = {str(q.get("id")): q for q in earlier_questions(document, target, target_id)}
    checked = [_checked_part(earlier, part, number, len(parts) > 1) for number, part in enumerate(parts, 1)]
    item["show_if"] = checked[0] if len(checked) == 1 else {join: checked}


def set_condition(document: Document, target: str, target_id: str, question_id: str, kind: str,
                  values: list[str]) -> None:
    """Show a question (or section) only when ONE earlier question's answer matches."""
    set_condition_parts(document, target, target_id, "all", [ConditionPart(question_id, kind, list(values))])


def remove_condition(document: Document, target: str, target_id: str) -> None:
    _target(document, target, target_id).pop("show_if", None)


def question_fields_of(question: dict) -> QuestionFields:
    """The form's starting values for an existing question."""
    qtype = str(question.get("type", "single"))
    options = question.get("options") if isinstance(question.get("options"), list) else []
    labels = None
    if question_types.known(qtype) and question_types.get(qtype).fixed_options:
        labels = [label for value, label in answer_values(question) if value != RATHER_NOT_SAY]
    return QuestionFields(
        text=str(question.get("text", "")), type=qtype, priority=str(question.get("priority", "")),
        hint=str(question.get("hint", "") or ""),
        options=[(str(o.get("value", "")), str(o.get("label", ""))) for o in options if isinstance(o, dict)],
        labels=labels,
        max_length=question.get("max_length") if qtype in question_types.written_names() else None,
        help_if=[str(value) for value in question.get("help_if") or []],
        required=question.get("required") is True,
    )
