"""What a loaded questionnaire is: plain, immutable data that the journey and analysis read."""

from __future__ import annotations

from dataclasses import dataclass, field

RATHER_NOT_SAY = "rather_not_say"
RATHER_NOT_SAY_LABEL = "I'd rather not say"

CHOICE_TYPES = ("yes_no", "smiley3", "smiley5", "single", "multiple")
TEXT_TYPES = ("short_text", "long_text")
QUESTION_TYPES = CHOICE_TYPES + TEXT_TYPES
DEFAULT_MAX_LENGTH = {"short_text": 200, "long_text": 2000}
MAX_TEXT_LIMIT = 5000

BUILT_IN_OPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "yes_no": (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")),
    "smiley3": (("1", "Not good"), ("2", "OK"), ("3", "Good")),
    "smiley5": (
        ("1", "Very unhappy"),
        ("2", "Unhappy"),
        ("3", "OK"),
        ("4", "Happy"),
        ("5", "Very happy"),
    ),
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Condition:
    """One `show_if` test. `kind` is is / is_not / answered / all / any."""

    kind: str
    question_id: str | None = None
    values: tuple[str, ...] = ()
    parts: tuple[Condition, ...] = ()

    def question_ids(self) -> set[str]:
        ids = {self.question_id} if self.question_id else set()
        for part in self.parts:
            ids |= part.question_ids()
        return ids


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    priority: str
    section_id: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    show_if: Condition | None = None
    help_if: tuple[str, ...] = ()
    required: bool = False
    max_length: int = 0
    line: int = 0

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    @property
    def is_text(self) -> bool:
        return self.type in TEXT_TYPES

    @property
    def is_smiley(self) -> bool:
        return self.type in ("smiley3", "smiley5")

    @property
    def allows_many(self) -> bool:
        return self.type == "multiple"

    def option_values(self) -> set[str]:
        return {option.value for option in self.options}

    def label_for(self, value: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return value


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str = ""
    show_if: Condition | None = None
    question_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Audience:
    ages: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    title: str
    audience: Audience
    minutes: int
    intro: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({question.id: question for question in self.questions})

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._by_id

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)


@dataclass(frozen=True)
class Priority:
    code: str
    title: str
    description: str = ""
    source: str = ""
