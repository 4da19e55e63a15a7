"""What a loaded questionnaire is: plain, immutable data that the journey and analysis read."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import question_types
from ..question_types import N_, QuestionType

RATHER_NOT_SAY = "rather_not_say"
RATHER_NOT_SAY_LABEL = N_("I'd rather not say")

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


# The age bands a questionnaire can route by, in order: the `for: {ages: [...]}` words and the values of
# the `age_band` question's options that stand for them.
AGE_BANDS: dict[str, str] = {"8-11": "age_8_11", "12-15": "age_12_15", "16-17": "age_16_17", "18-25": "age_18_25"}
GROUPS = ("in_care", "care_leaver")
# The questions whose answers say which group a young person is in (routing, and report breakdowns).
CARE_STATUS_QUESTION = "care_status"
AGE_BAND_QUESTION = "age_band"


@dataclass(frozen=True)
class MeantFor:
    """Who a question or section is meant for (its `for:`): empty means everyone the questionnaire is for."""

    groups: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChildrenSay:
    """A question's own words for the children's "You said, we did" page (its `children_say:`): what
    follows "Most of you" for the good end (`positive`: yes, or the happy faces) and for the other end.
    A one-choice question also names which answers are each end, and which are left out of the count."""

    positive: str
    negative: str
    positive_answers: tuple[str, ...] = ()
    negative_answers: tuple[str, ...] = ()
    not_counted: tuple[str, ...] = ()


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
    meant_for: MeantFor | None = None
    children_say: ChildrenSay | None = None

    @property
    def kind(self) -> QuestionType:
        """What the registry (survey_app/question_types.py) knows about this question's type."""
        return question_types.get(self.type)

    @property
    def is_choice(self) -> bool:
        return self.kind.choice

    @property
    def is_text(self) -> bool:
        return self.kind.written

    @property
    def is_smiley(self) -> bool:
        return self.kind.scale

    @property
    def allows_many(self) -> bool:
        return self.kind.many

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
    meant_for: MeantFor | None = None
    # The picture and colour of the section (survey_app/looks.py): `given_theme` as written in the file
    # ("" when absent), `theme` what is shown, worked out from the questions' priorities without one.
    given_theme: str = ""
    theme: str = "neutral"


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
    # False when the file gives no `minutes`: `minutes` is then estimated from the questions (estimate.py)
    minutes_given: bool = True
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
