"""Read a questionnaire YAML file, check everything, and report every problem with file and line.

The loader never stops at the first problem: a participation worker fixing a file wants the whole list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import looks, question_types
from ..characters import first_unusable, without_unusable
from ..question_types import MAX_TEXT_LIMIT
from .estimate import estimated_minutes
from .identifying import identifying_reason
from .priorities import council_priority_codes
from .schema import (
    AGE_BANDS,
    GROUPS,
    RATHER_NOT_SAY,
    RATHER_NOT_SAY_LABEL,
    Audience,
    ChildrenSay,
    Condition,
    MeantFor,
    Option,
    Question,
    Questionnaire,
    Section,
)

QUESTIONNAIRE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
OPTION_VALUE = re.compile(r"^[a-z0-9][a-z0-9_]{0,62}$")
AGE_BAND = re.compile(r"^(\d{1,2})-(\d{1,2})$")
LOWER_WORDS = "lowercase letters, digits and underscores"

TOP_KEYS = {"id", "version", "title", "audience", "minutes", "intro", "sections"}
SECTION_KEYS = {"id", "title", "intro", "theme", "show_if", "questions", "for"}
QUESTION_KEYS = {
    "id", "type", "text", "hint", "priority", "options", "show_if", "help_if", "required",
    "max_length", "labels", "for", "children_say",
}
CHILDREN_SAY_KEYS = {"positive", "negative"}
CHILDREN_SAY_ANSWER_KEYS = {"positive_answers", "negative_answers", "not_counted"}  # one-choice questions only
MAX_CHILDREN_SAY = 150
CONDITION_KINDS = ("is", "is_not", "answered", "all", "any")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    question_id: str | None
    message: str
    section_id: str | None = None  # the section a problem is in when it is about no one question

    def __str__(self) -> str:
        where = f"[{self.question_id}] " if self.question_id else ""
        line = f":{self.line}" if self.line else ""
        return f"{self.file}{line}: {where}{self.message}"


class QuestionnaireInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class _Map(dict):
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _List(list):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str, _Map]] = []
        self.bad_characters: list[tuple[int, str]] = []

    def construct_checked_str(self, node: yaml.ScalarNode) -> str:
        # The raw file is checked before parsing, but a quoted "\0" or "\ud800" only becomes that
        # character here.
        value = self.construct_yaml_str(node)
        character = first_unusable(value)
        if character is not None:
            self.bad_characters.append((node.start_mark.line + 1, character))
            value = without_unusable(value)
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Map:
        mapping = _Map()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key = str(key)
            if key in mapping:
                self.duplicate_keys.append((key_node.start_mark.line + 1, key, mapping))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> _List:
        items = _List(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        return items


# YAML 1.1 reads yes/no/on/off as booleans, which would turn `help_if: [no]` into False.
# Questionnaire authors write answer values, so only true/false are booleans here.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _LineLoader.construct_checked_str)


# A questionnaire of 200 questions is about 60 KB; anything far bigger is not a questionnaire.
MAX_FILE_BYTES = 1_000_000
# Versions are stored as a 32-bit integer; nobody needs more than this many versions of one questionnaire.
MAX_VERSION = 1_000_000
# The shipped files nest 6 deep (sections, questions, options, conditions); 30 leaves room for any real
# one while refusing "[[[[…" files that would exhaust the parser's recursion.
MAX_NESTING = 30
# Control characters other than tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def read_file(path: str | Path) -> str:
    """A questionnaire file's text, or QuestionnaireInvalid saying plainly why it can't be read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise QuestionnaireInvalid([Problem(str(path), 0, None, "there is no such file")]) from None
    except OSError as error:
        raise QuestionnaireInvalid([Problem(str(path), 0, None, f"cannot read the file: {error.strerror}")]) from None
    return decode_file(raw, str(path))


def decode_file(raw: bytes, filename: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise QuestionnaireInvalid([Problem(filename, 0, None, f"the file is {len(raw):,} bytes; a questionnaire "
                                                               f"file can be at most {MAX_FILE_BYTES:,}")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise QuestionnaireInvalid([Problem(filename, line, None, "the file is not plain text (UTF-8): save it as "
                                                                  "a UTF-8 .yaml text file")]) from None


def load_file(path: str | Path, priorities: set[str] | None = None) -> Questionnaire:
    return load_text(read_file(path), str(Path(path)), priorities)


def _unsafe_structure(text: str, filename: str) -> Problem | None:
    """Refuse what the YAML parser can't be trusted with, before building anything: control characters,
    nesting deeper than MAX_NESTING, and anchors or aliases (`&a`/`*a`, which questionnaires never need and
    which can make a small file expand into millions of items)."""
    control = _CONTROL.search(text)
    if control is not None:
        line = text[:control.start()].count("\n") + 1
        return Problem(filename, line, None, f"the file holds a control character (code {ord(control.group())}): "
                                             "save it again as plain text")
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Problem(filename, event.start_mark.line + 1, None,
                               "anchors and aliases (& and *) can't be used in a questionnaire file")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return Problem(filename, event.start_mark.line + 1, None,
                                   f"lists and sections are nested more than {MAX_NESTING} deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # reported with its line by the loader below
    return None


class AnyPriority:
    """Accepts every priority code: for a version stored earlier, which was checked against the council's
    list of its day and must stay readable when a priority is later renamed or retired."""

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and bool(code)

    def __iter__(self):
        return iter(())


ANY_PRIORITY = AnyPriority()


def load_text(text: str, filename: str = "<text>",
              priorities: set[str] | AnyPriority | None = None) -> Questionnaire:
    """Parse and validate; raise QuestionnaireInvalid listing every problem. A question's priority must be
    one of `priorities`, by default the council's (the database inside the app, the YAML file without one)."""
    unsafe = _unsafe_structure(text, filename)
    if unsafe is not None:
        raise QuestionnaireInvalid([unsafe])
    checker = _Checker(filename, priorities if priorities is not None else council_priority_codes())
    loader: _LineLoader | None = None
    try:
        loader = _LineLoader(text)
        document = loader.get_single_data()
    except yaml.reader.ReaderError as error:
        line = text[:error.position].count("\n") + 1
        raise QuestionnaireInvalid([Problem(filename, line, None, f"the file holds a character that can't be used "
                                                                  f"(code {error.character}): save it again as plain "
                                                                  "text")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        context_mark = getattr(error, "context_mark", None)
        if context_mark is not None and "end of stream" in reason:
            # An unclosed quote or bracket: the line where it was opened, not the end of the file.
            mark = context_mark
            reason = "a quote or bracket opened on this line is never closed"
        line = mark.line + 1 if mark else 0
        problem = Problem(filename, line, None, f"this is not valid YAML: {reason}")
        raise QuestionnaireInvalid([problem]) from error
    finally:
        if loader is not None:
            loader.dispose()
    questionnaire = checker.questionnaire(document)
    for line, character in loader.bad_characters:
        checker.problem(line, None, f"this text holds a character that can't be used (code {ord(character)}): "
                                    "type it again without it")
    for line, key, mapping in loader.duplicate_keys:
        checker.problem(line, checker.question_of.get(id(mapping)), f"'{key}' is given twice")
    if checker.problems:
        raise QuestionnaireInvalid(checker.problems)
    assert questionnaire is not None
    return questionnaire


def bands_within(ages: str) -> list[str]:
    """The age bands (AGE_BANDS) that overlap an audience's "N-M"; all of them when it can't be read."""
    match = AGE_BAND.match(ages)
    if not match:
        return list(AGE_BANDS)
    youngest, oldest = int(match.group(1)), int(match.group(2))
    overlapping = []
    for band in AGE_BANDS:
        low, high = (int(part) for part in band.split("-"))
        if low <= oldest and youngest <= high:
            overlapping.append(band)
    return overlapping


class _Checker:
    def __init__(self, filename: str, priorities: set[str] | AnyPriority):
        self.filename = filename
        self.priorities = priorities
        self.problems: list[Problem] = []
        self.seen: dict[str, Question] = {}
        self.depended_on: set[str] = set()
        self.question_of: dict[int, str] = {}  # id() of a question's mapping -> its question id
        self.audience_of_file = Audience(ages="8-25", groups=GROUPS)
        self.section_id: str | None = None  # the section being checked

    def problem(self, line: int, question_id: str | None, message: str) -> None:
        self.problems.append(Problem(self.filename, line, question_id, message, self.section_id))

    # -- helpers ---------------------------------------------------------------------------
    def _line(self, mapping: Any, key: str | None = None) -> int:
        if isinstance(mapping, _Map):
            if key is not None and key in mapping.key_lines:
                return mapping.key_lines[key]
            return mapping.line
        return getattr(mapping, "line", 0)

    def _unknown_keys(self, mapping: _Map, allowed: set[str], qid: str | None, what: str) -> None:
        for key in mapping:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(self._line(mapping, key), qid, f"unknown {what} field '{key}' (known: {known})")

    def _text(self, mapping: _Map, key: str, qid: str | None, required: bool = True) -> str:
        value = mapping.get(key)
        if value is None:
            if required:
                self.problem(self._line(mapping), qid, f"'{key}' is missing")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(self._line(mapping, key), qid, f"'{key}' must be some words")
            return ""
        return value.strip()

    # -- the document --------------------------------------------------------------------------
    def questionnaire(self, document: Any) -> Questionnaire | None:
        if not isinstance(document, _Map):
            self.problem(self._line(document), None, "the file must be a mapping with id, version, title and sections")
            return None
        self._unknown_keys(document, TOP_KEYS, None, "questionnaire")
        qid = document.get("id")
        if not isinstance(qid, str) or not QUESTIONNAIRE_ID.match(qid):
            self.problem(self._line(document, "id"), None, "'id' must be lowercase letters, digits and hyphens")
            qid = ""
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem(self._line(document, "version"), None, "'version' must be a whole number, 1 or more")
            version = 0
        elif version > MAX_VERSION:
            self.problem(self._line(document, "version"), None, f"'version' must be at most {MAX_VERSION:,}")
            version = 0
        title = self._text(document, "title", None)
        intro = self._text(document, "intro", None, required=False)
        minutes = document.get("minutes")
        if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)
                                    or not 1 <= minutes <= 60):
            self.problem(self._line(document, "minutes"), None, "'minutes' must be a whole number from 1 to 60")
            minutes = None
        audience = self.audience(document.get("audience"), self._line(document, "audience"))
        self.audience_of_file = audience
        sections_data = document.get("sections")
        sections: list[Section] = []
        questions: list[Question] = []
        if not isinstance(sections_data, list) or not sections_data:
            self.problem(self._line(document, "sections"), None, "'sections' must be a list with at least one section")
        else:
            section_ids: set[str] = set()
            for data in sections_data:
                section, section_questions = self.section(data, section_ids)
                if section is not None:
                    sections.append(section)
                    questions.extend(section_questions)
        for question in questions:
            if question.required and question.id not in self.depended_on:
                self.problem(
                    question.line, question.id,
                    "'required: true' is only allowed when a later show_if depends on this question",
                )
        return Questionnaire(
            id=qid, version=version, title=title, audience=audience,
            minutes=minutes if isinstance(minutes, int) else estimated_minutes(questions), intro=intro,
            sections=tuple(sections), questions=tuple(questions), minutes_given=isinstance(minutes, int),
        )

    def audience(self, data: Any, line: int) -> Audience:
        if data is None:
            return Audience(ages="8-25", groups=GROUPS)
        if not isinstance(data, _Map):
            self.problem(line, None, "'audience' must have 'ages' and 'groups'")
            return Audience(ages="8-25", groups=GROUPS)
        self._unknown_keys(data, {"ages", "groups"}, None, "audience")
        ages = str(data.get("ages", "8-25"))
        match = AGE_BAND.match(ages)
        if not match or int(match.group(1)) > int(match.group(2)):
            self.problem(self._line(data, "ages"), None, "audience 'ages' must look like \"8-11\"")
        groups = data.get("groups", list(GROUPS))
        if not isinstance(groups, list) or not groups or any(group not in GROUPS for group in groups):
            self.problem(self._line(data, "groups"), None, "audience 'groups' must list in_care and/or care_leaver")
            groups = list(GROUPS)
        return Audience(ages=ages, groups=tuple(groups))

    def section(self, data: Any, section_ids: set[str]) -> tuple[Section | None, list[Question]]:
        if not isinstance(data, _Map):
            self.problem(self._line(data), None, "each section must be a mapping with id, title and questions")
            return None, []
        self._unknown_keys(data, SECTION_KEYS, None, "section")
        sid = data.get("id")
        if not isinstance(sid, str) or not QUESTION_ID.match(sid):
            self.problem(self._line(data, "id"), None, f"section 'id' must be {LOWER_WORDS}")
            sid = ""
        elif sid in section_ids:
            self.problem(self._line(data, "id"), None, f"section id '{sid}' is used twice")
        section_ids.add(sid)
        self.section_id = sid or None
        title = self._text(data, "title", None)
        intro = self._text(data, "intro", None, required=False)
        given_theme = self.theme(data)
        show_if = self.condition(data.get("show_if"), self._line(data, "show_if"), None) if "show_if" in data else None
        meant_for = self.meant_for(data, None, None)
        questions_data = data.get("questions")
        questions: list[Question] = []
        if not isinstance(questions_data, list) or not questions_data:
            self.problem(self._line(data, "questions"), None, f"section '{sid}' needs a list of questions")
        else:
            for question_data in questions_data:
                question = self.question(question_data, sid, meant_for)
                if question is not None:
                    questions.append(question)
                    self.seen[question.id] = question
        section = Section(
            id=sid, title=title, intro=intro, show_if=show_if,
            question_ids=tuple(question.id for question in questions), meant_for=meant_for,
            given_theme=given_theme,
            theme=looks.section_theme(given_theme, (question.priority for question in questions)),
        )
        self.section_id = None
        return section, questions

    def theme(self, data: _Map) -> str:
        if "theme" not in data:
            return ""
        value = data["theme"]
        if value not in looks.THEMES:
            self.problem(self._line(data, "theme"), None,
                         f"section 'theme' must be one of: {', '.join(looks.THEMES)} (got {value!r})")
            return ""
        return str(value)

    def question(self, data: Any, section_id: str, section_for: MeantFor | None = None) -> Question | None:
        if not isinstance(data, _Map):
            self.problem(self._line(data), None, "each question must be a mapping with id, type, text and priority")
            return None
        line = data.line
        qid = data.get("id")
        if not isinstance(qid, str) or not QUESTION_ID.match(qid):
            self.problem(self._line(data, "id"), None, f"question 'id' must be {LOWER_WORDS}")
            qid = f"<question at line {line}>"
        elif qid in self.seen:
            self.problem(self._line(data, "id"), qid, f"question id '{qid}' is used twice")
        self.question_of[id(data)] = qid
        self._unknown_keys(data, QUESTION_KEYS, qid, "question")
        qtype = data.get("type")
        text = self._text(data, "text", qid)
        hint = self._text(data, "hint", qid, required=False)

        reason = identifying_reason(qid, str(qtype or ""), f"{text} {hint}")
        if reason:
            self.problem(line, qid, f"this asks for {reason}; surveys are anonymous, so we never ask for it")
        if not question_types.known(qtype):
            if not reason:
                self.problem(
                    self._line(data, "type"), qid,
                    f"unknown question type '{qtype}' (use one of: {', '.join(question_types.names())})",
                )
            qtype = question_types.written_names()[0]

        priority = data.get("priority")
        if priority not in self.priorities:
            self.problem(
                self._line(data, "priority"), qid,
                f"'priority' must be one of: {', '.join(sorted(self.priorities))} (got {priority!r})",
            )
            priority = ""

        options = self.options(data, qtype, qid)
        show_if = self.condition(data.get("show_if"), self._line(data, "show_if"), qid) if "show_if" in data else None
        help_if = self.help_if(data, qtype, qid, options)
        required = data.get("required", False)
        if not isinstance(required, bool):
            self.problem(self._line(data, "required"), qid, "'required' must be true or false")
            required = False
        if required and question_types.get(qtype).written:
            self.problem(self._line(data, "required"), qid, "a text question cannot be required")
            required = False
        max_length = self.max_length(data, qtype, qid)
        meant_for = self.meant_for(data, qid, section_for)
        return Question(
            id=qid, type=qtype, text=text, priority=priority, section_id=section_id, hint=hint,
            options=options, show_if=show_if, help_if=help_if, required=required,
            max_length=max_length, line=line, meant_for=meant_for,
            children_say=self.children_say(data, qtype, qid, options),
        )

    def children_say(self, data: _Map, qtype: str, qid: str, options: tuple[Option, ...]) -> ChildrenSay | None:
        """`children_say`: the words after "Most of you" on the children's page; for a one-choice question
        also which answers are its good and other end (and which are not counted at all)."""
        if "children_say" not in data:
            return None
        given, line = data["children_say"], self._line(data, "children_say")
        kind = question_types.get(qtype)
        one_choice = kind.author_options and not kind.many  # one choice from the author's own answers
        if not kind.positive and not one_choice:
            self.problem(line, qid, "'children_say' is for yes/no, face and one-choice questions "
                                    "(the others have no good or bad end)")
            return None
        keys = CHILDREN_SAY_KEYS | (CHILDREN_SAY_ANSWER_KEYS if one_choice else set())
        needed = keys - {"not_counted"}
        if not isinstance(given, dict) or not needed <= set(given) <= keys:
            self.problem(line, qid, f"'children_say' needs {', '.join(sorted(needed))}"
                                    + (" (and may have not_counted)" if one_choice else ""))
            return None
        words = {key: given[key] for key in CHILDREN_SAY_KEYS}
        if not all(isinstance(value, str) and 0 < len(value.strip()) <= MAX_CHILDREN_SAY for value in words.values()):
            self.problem(line, qid, f"'children_say' words must be text of 1 to {MAX_CHILDREN_SAY} characters")
            return None
        answers: dict[str, tuple[str, ...]] = {}
        values = {option.value for option in options if option.value != RATHER_NOT_SAY}
        for key in sorted(CHILDREN_SAY_ANSWER_KEYS & set(given)):
            listed = given[key]
            if not isinstance(listed, list) or not all(isinstance(value, str) and value in values for value in listed):
                self.problem(line, qid, f"'children_say' {key} must be a list of this question's answer values")
                return None
            answers[key] = tuple(listed)
        chosen = [value for listed in answers.values() for value in listed]
        if len(chosen) != len(set(chosen)) or (one_choice and not (answers["positive_answers"]
                                                                   and answers["negative_answers"])):
            self.problem(line, qid, "'children_say' answer lists must not be empty (not_counted may be) "
                                    "and must not share an answer")
            return None
        return ChildrenSay(positive=words["positive"].strip(), negative=words["negative"].strip(), **answers)

    def meant_for(self, data: _Map, qid: str | None, within: MeantFor | None) -> MeantFor | None:
        """`for: {groups: [...], ages: [...]}`: who a section or question is meant for. Each list must fit the
        questionnaire's audience, and a question's must fit its section's."""
        if "for" not in data:
            return None
        given, line = data["for"], self._line(data, "for")
        if not isinstance(given, _Map) or not given or set(given) - {"groups", "ages"}:
            self.problem(line, qid, "'for' must be a mapping with 'groups' and/or 'ages', such as "
                                    "{groups: [care_leaver], ages: [\"18-25\"]}")
            return None
        audience = self.audience_of_file
        audience_bands = set(bands_within(audience.ages))
        lists: dict[str, tuple[str, ...]] = {}
        for key, known, allowed in (("groups", GROUPS, set(audience.groups)),
                                    ("ages", tuple(AGE_BANDS), audience_bands)):
            if key not in given:
                continue
            values = given[key]
            if not isinstance(values, list) or not values or any(str(value) not in known for value in values):
                self.problem(line, qid, f"'for' {key} must be a list of: {', '.join(known)}")
                return None
            values = [str(value) for value in values]
            outside = [value for value in values if value not in allowed]
            if outside:
                self.problem(line, qid, f"'for' {key} names {', '.join(outside)}, which the questionnaire's "
                                        "audience does not include")
                return None
            wider = [value for value in values if within and getattr(within, key) and value not in getattr(within, key)]
            if wider:
                self.problem(line, qid, f"'for' {key} names {', '.join(wider)}, which its section is not for")
                return None
            lists[key] = tuple(values)
        return MeantFor(groups=lists.get("groups", ()), ages=lists.get("ages", ()))

    def options(self, data: _Map, qtype: str, qid: str) -> tuple[Option, ...]:
        rather_not_say = Option(RATHER_NOT_SAY, RATHER_NOT_SAY_LABEL)
        kind = question_types.get(qtype)
        if kind.written:
            for key in ("options", "labels"):
                if key in data:
                    self.problem(self._line(data, key), qid, f"a {qtype} question has no '{key}'")
            return ()
        if kind.fixed_options:
            if "options" in data:
                message = f"a {qtype} question has its own options; remove 'options'"
                self.problem(self._line(data, "options"), qid, message)
            built_in = kind.options
            labels = [label for _, label in built_in]
            if "labels" in data:
                given = data["labels"]
                if not kind.relabel:
                    message = f"a {qtype} question has fixed words; remove 'labels'"
                    self.problem(self._line(data, "labels"), qid, message)
                elif not isinstance(given, list) or len(given) != len(built_in) or not all(
                    isinstance(label, str) and label.strip() for label in given
                ):
                    self.problem(self._line(data, "labels"), qid, f"'labels' must be a list of {len(built_in)} words")
                else:
                    labels = [label.strip() for label in given]
            values = [value for value, _ in built_in]
            return tuple(Option(value, label) for value, label in zip(values, labels, strict=True)) + (rather_not_say,)
        if "labels" in data:
            self.problem(self._line(data, "labels"), qid, f"a {qtype} question uses 'options', not 'labels'")
        given = data.get("options")
        if not isinstance(given, list) or len(given) < 2:
            self.problem(self._line(data, "options"), qid, f"a {qtype} question needs 'options': at least two")
            return (rather_not_say,)
        options: list[Option] = []
        for item in given:
            item_line = self._line(item) or self._line(data, "options")
            if not isinstance(item, _Map) or set(item) != {"value", "label"}:
                self.problem(item_line, qid, "each option needs exactly 'value' and 'label'")
                continue
            value, label = str(item["value"]), item["label"]
            if not OPTION_VALUE.match(value) or value == RATHER_NOT_SAY:
                self.problem(item_line, qid, f"option value '{value}' must be {LOWER_WORDS}")
                continue
            if any(option.value == value for option in options):
                self.problem(item_line, qid, f"option value '{value}' is used twice")
                continue
            if not isinstance(label, str) or not label.strip():
                self.problem(item_line, qid, f"option '{value}' needs a label in words")
                continue
            options.append(Option(value, label.strip()))
        return tuple(options) + (rather_not_say,)

    def help_if(self, data: _Map, qtype: str, qid: str, options: tuple[Option, ...]) -> tuple[str, ...]:
        if "help_if" not in data:
            return ()
        given = data["help_if"]
        line = self._line(data, "help_if")
        if not question_types.get(qtype).choice:
            self.problem(line, qid, "'help_if' is for choice questions; free text is checked for worrying words anyway")
            return ()
        if not isinstance(given, list) or not given:
            self.problem(line, qid, "'help_if' must be a list of answer values")
            return ()
        values = {option.value for option in options}
        good = []
        for value in given:
            if str(value) not in values:
                self.problem(line, qid, f"'help_if' names '{value}', which is not an answer to this question")
            else:
                good.append(str(value))
        return tuple(good)

    def max_length(self, data: _Map, qtype: str, qid: str) -> int:
        default = question_types.get(qtype).max_length
        if not question_types.get(qtype).written:
            if "max_length" in data:
                self.problem(self._line(data, "max_length"), qid, "'max_length' is only for text questions")
            return 0
        value = data.get("max_length", default)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_TEXT_LIMIT:
            message = f"'max_length' must be a whole number from 1 to {MAX_TEXT_LIMIT}"
            self.problem(self._line(data, "max_length"), qid, message)
            return default
        return value

    def condition(self, data: Any, line: int, qid: str | None) -> Condition | None:
        if not isinstance(data, _Map) or len(data) == 0:
            self.problem(line, qid, "'show_if' must be a mapping such as {question: living_with, is: [foster_family]}")
            return None
        line = data.line
        if "all" in data or "any" in data:
            kind = "all" if "all" in data else "any"
            if len(data) != 1 or not isinstance(data[kind], list) or not data[kind]:
                self.problem(line, qid, f"'{kind}' must be the only key and hold a list of conditions")
                return None
            parts = [self.condition(part, line, qid) for part in data[kind]]
            if any(part is None for part in parts):
                return None
            return Condition(kind=kind, parts=tuple(parts))  # type: ignore[arg-type]
        kinds = [key for key in data if key in ("is", "is_not", "answered")]
        extra = set(data) - {"question", "is", "is_not", "answered"}
        if "question" not in data or len(kinds) != 1 or extra:
            self.problem(line, qid, "a condition needs 'question' and one of 'is', 'is_not' or 'answered'")
            return None
        target_id = data["question"]
        target = self.seen.get(target_id) if isinstance(target_id, str) else None
        if target is None:
            where = "a question earlier in the file" if not isinstance(target_id, str) else f"'{target_id}'"
            if isinstance(target_id, str) and target_id == qid:
                self.problem(line, qid, "a question cannot depend on its own answer")
            else:
                self.problem(
                    line, qid,
                    f"show_if refers to {where}, which is not a question earlier in the file",
                )
            return None
        if target.is_text and kinds[0] != "answered":
            self.problem(line, qid, f"'{target_id}' is a text question: only 'answered: true' can test it")
            return None
        self.depended_on.add(target.id)
        kind = kinds[0]
        if kind == "answered":
            if data["answered"] is not True:
                self.problem(line, qid, "'answered' must be true")
                return None
            return Condition(kind="answered", question_id=target.id)
        values = data[kind]
        if not isinstance(values, list) or not values:
            self.problem(line, qid, f"'{kind}' must be a list of answer values")
            return None
        known = target.option_values()
        for value in values:
            if str(value) not in known:
                self.problem(line, qid, f"show_if: '{target_id}' has no answer '{value}'")
                return None
        return Condition(kind=kind, question_id=target.id, values=tuple(str(value) for value in values))
