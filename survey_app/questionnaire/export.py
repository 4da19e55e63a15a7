"""Write a questionnaire as YAML in the documented format (questionnaires/README.md), and read YAML
back into a plain dict for editing.

`to_document` turns a loaded Questionnaire into a plain dict that leaves out anything that is the
default; `dump` writes any such dict in one fixed order and style, so that load -> export -> load gives
an equal questionnaire and exporting it again gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import yaml

from .loader import _LineLoader
from .schema import RATHER_NOT_SAY, Condition, MeantFor, Question, Questionnaire

TOP_ORDER = ("id", "version", "title", "audience", "minutes", "intro", "sections")
AUDIENCE_ORDER = ("ages", "groups")
SECTION_ORDER = ("id", "title", "intro", "theme", "for", "show_if", "questions")
QUESTION_ORDER = (
    "id", "type", "text", "hint", "priority", "required", "for", "show_if", "labels", "options", "max_length",
    "help_if", "children_say",
)
CONDITION_ORDER = ("question", "is", "is_not", "answered", "all", "any")
OPTION_ORDER = ("value", "label")

# Words that some YAML readers take as true/false/null: always quoted, so any reader gets a string.
_SPECIAL_WORDS = {
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "", "nan", ".nan", ".inf", "-.inf",
}
_PLAIN_START = re.compile(r"^[A-Za-z0-9(\u00a0-\uffff]")
_UNSAFE_BLOCK = re.compile(r": |:$| #|^[-?:,\[\]{}#&*!|>'\"%@`]")
_UNSAFE_FLOW = re.compile(r"[,:\[\]{}]")
_PRINTABLE = re.compile(r"^[\t\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$")


# -- reading ------------------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def parse_document(text: str) -> dict[str, Any]:
    """YAML text -> plain dict, read the same way as the loader (only true/false are booleans).

    Raises yaml.YAMLError for text that is not YAML; the caller shows the loader's problems."""
    loader = _LineLoader(text)
    try:
        document = loader.get_single_data()
    finally:
        loader.dispose()
    document = _plain(document)
    return document if isinstance(document, dict) else {}


# -- from a loaded questionnaire ----------------------------------------------------------------------
def condition_document(condition: Condition) -> dict[str, Any]:
    if condition.kind in ("all", "any"):
        return {condition.kind: [condition_document(part) for part in condition.parts]}
    if condition.kind == "answered":
        return {"question": condition.question_id, "answered": True}
    return {"question": condition.question_id, condition.kind: list(condition.values)}


def meant_for_document(meant_for: MeantFor) -> dict[str, Any]:
    return {key: list(values) for key, values in (("groups", meant_for.groups), ("ages", meant_for.ages)) if values}


def question_document(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "type": question.type, "text": question.text}
    if question.hint:
        data["hint"] = question.hint
    data["priority"] = question.priority
    if question.required:
        data["required"] = True
    if question.meant_for is not None:
        data["for"] = meant_for_document(question.meant_for)
    if question.show_if is not None:
        data["show_if"] = condition_document(question.show_if)
    answers = [option for option in question.options if option.value != RATHER_NOT_SAY]
    if question.kind.fixed_options:
        labels = [option.label for option in answers]
        if labels != [label for _, label in question.kind.options]:
            data["labels"] = labels
    elif question.is_choice:
        data["options"] = [{"value": option.value, "label": option.label} for option in answers]
    if question.is_text and question.max_length != question.kind.max_length:
        data["max_length"] = question.max_length
    if question.help_if:
        data["help_if"] = list(question.help_if)
    if question.children_say is not None:
        say = question.children_say
        data["children_say"] = {"positive": say.positive, "negative": say.negative}
        for key in ("positive_answers", "negative_answers", "not_counted"):
            if getattr(say, key):
                data["children_say"][key] = list(getattr(say, key))
    return data


def to_document(questionnaire: Questionnaire) -> dict[str, Any]:
    sections = []
    for section in questionnaire.sections:
        data: dict[str, Any] = {"id": section.id, "title": section.title}
        if section.intro:
            data["intro"] = section.intro
        if section.given_theme:
            data["theme"] = section.given_theme
        if section.meant_for is not None:
            data["for"] = meant_for_document(section.meant_for)
        if section.show_if is not None:
            data["show_if"] = condition_document(section.show_if)
        data["questions"] = [question_document(questionnaire.question(qid)) for qid in section.question_ids]
        sections.append(data)
    document: dict[str, Any] = {
        "id": questionnaire.id,
        "version": questionnaire.version,
        "title": questionnaire.title,
        "audience": {"ages": questionnaire.audience.ages, "groups": list(questionnaire.audience.groups)},
    }
    if questionnaire.minutes_given:
        document["minutes"] = questionnaire.minutes
    if questionnaire.intro:
        document["intro"] = questionnaire.intro
    document["sections"] = sections
    return document


def export_questionnaire(questionnaire: Questionnaire) -> str:
    return dump(to_document(questionnaire))


# -- writing ------------------------------------------------------------------------------------------
def _ordered(mapping: dict[str, Any], order: tuple[str, ...]) -> list[tuple[str, Any]]:
    known = [(key, mapping[key]) for key in order if key in mapping]
    return known + [(key, value) for key, value in mapping.items() if key not in order]


def _quoted(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else json.dumps(char)[1:-1])
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _is_plain(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if text.lower() in _SPECIAL_WORDS or not _PLAIN_START.match(text) or _UNSAFE_BLOCK.search(text):
        return False
    if flow and _UNSAFE_FLOW.search(text):
        return False
    if not _PRINTABLE.match(text):
        return False
    try:
        # Anything a YAML reader would take as a number, date, boolean or null is quoted.
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False


def scalar(value: Any, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return text if _is_plain(text, flow) else _quoted(text)


def _flow(value: Any, order: tuple[str, ...] = CONDITION_ORDER) -> str:
    if isinstance(value, dict):
        inner_order = OPTION_ORDER if set(value) <= {"value", "label"} else order
        pairs = _ordered(value, inner_order)
        return "{" + ", ".join(f"{scalar(key, True)}: {_flow(item)}" for key, item in pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return scalar(value, flow=True)


def _block_text(key: str, text: str, indent: str) -> list[str] | None:
    """A multi-line string as a `|` block, when that reads back exactly as the stripped text."""
    if "\n" not in text or text != text.strip() or not _PRINTABLE.match(text) or "\t" in text:
        return None
    lines = text.split("\n")
    if any(line != line.rstrip() for line in lines) or lines[0].startswith(" "):
        return None
    body = [f"{indent}  {line}" if line else "" for line in lines]
    return [f"{indent}{key}: |", *body]


def _key_value(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, str):
        block = _block_text(key, value, indent)
        if block is not None:
            return block
    if isinstance(value, dict | list):
        return [f"{indent}{scalar(key)}: {_flow(value)}"]
    return [f"{indent}{scalar(key)}: {scalar(value)}"]


def _list_item_lines(item: Any, indent: str, order: Sequence[str], list_key: str,
                     child_lines: Callable[[Any, str], list[str]]) -> list[str]:
    """One item of a YAML list (a section, a question): its keys in `order`, its `list_key` list written
    one child a line (with child_lines), everything else as key: value."""
    if not isinstance(item, dict):
        return [f"{indent}- {_flow(item)}"]
    lines: list[str] = []
    for key, value in _ordered(item, order):
        if key == list_key and isinstance(value, list) and value:
            lines.append(f"{indent}  {list_key}:")
            for child in value:
                lines.extend(child_lines(child, indent + "    "))
        else:
            lines.extend(_key_value(key, value, indent + "  "))
    if not lines:
        return [f"{indent}- {{}}"]
    lines[0] = f"{indent}- " + lines[0][len(indent) + 2:]
    return lines


def _option_lines(option: Any, indent: str) -> list[str]:
    return [f"{indent}- {_flow(option)}"]


def _question_lines(question: Any, indent: str) -> list[str]:
    return _list_item_lines(question, indent, QUESTION_ORDER, "options", _option_lines)


def _section_lines(section: Any, indent: str) -> list[str]:
    return _list_item_lines(section, indent, SECTION_ORDER, "questions", _question_lines)


def dump(document: dict[str, Any]) -> str:
    """A questionnaire dict as YAML in the documented layout."""
    lines: list[str] = []
    for key, value in _ordered(document, TOP_ORDER):
        if key == "audience" and isinstance(value, dict):
            lines.append("audience:")
            for inner_key, inner in _ordered(value, AUDIENCE_ORDER):
                lines.extend(_key_value(inner_key, inner, "  "))
        elif key == "sections" and isinstance(value, list) and value:
            lines.append("sections:")
            for number, section in enumerate(value):
                if number:
                    lines.append("")
                lines.extend(_section_lines(section, "  "))
        else:
            lines.extend(_key_value(key, value, ""))
    return "\n".join(lines) + "\n"
