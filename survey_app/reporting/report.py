"""The round report as typed data: what build.py makes and the pages, the PDF, the exports and the
children's page read. `Report.to_json()` is the published JSON ("Report JSON" in the README, schema
voices-in-care/round-report/1) and `Report.from_json()` reads it back, refusing a key too many or too
few, so a hand-made report (a test's, a stored one) cannot drift from what the builder makes.

A count a board or a child sees is `Shown`: a number, or "c" when it is hidden (analysis.suppression)."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, Union

Shown = int | str  # "c" when hidden
SCHEMA = "voices-in-care/round-report/1"

T = TypeVar("T", bound="Part")


class ReportFormatError(ValueError):
    """A report's JSON does not have the shape of the schema."""


@dataclass(frozen=True)
class Part:
    """A piece of the report. JSON keys are the field names, in field order."""

    # Keys left out of the JSON while their value is None (only some questions have them).
    omitted_when_none: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> dict[str, Any]:
        return {item.name: _dump(getattr(self, item.name)) for item in dataclasses.fields(self)
                if not (item.name in self.omitted_when_none and getattr(self, item.name) is None)}

    @classmethod
    def from_json(cls: type[T], data: Any, where: str = "report") -> T:
        if not isinstance(data, dict):
            raise ReportFormatError(f"{where}: expected an object, got {type(data).__name__}")
        hints = typing.get_type_hints(cls)
        names = [item.name for item in dataclasses.fields(cls)]
        unknown = set(data) - set(names)
        missing = [name for name in names if name not in data and name not in cls.omitted_when_none]
        if unknown or missing:
            raise ReportFormatError(f"{where}: unknown keys {sorted(unknown)}, missing keys {missing}")
        return cls(**{name: _load(hints[name], data.get(name), f"{where}.{name}") for name in names})


def _dump(value: Any) -> Any:
    if isinstance(value, Part):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_dump(item) for item in value]
    return value


def _load(kind: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        parts = [part for part in typing.get_args(kind) if part is not type(None)]
        if value is None:
            return None
        if len(parts) == 1:
            return _load(parts[0], value, where)
        return value  # a plain value of one of several plain types (a number or "c")
    if origin is tuple:
        if not isinstance(value, list):
            raise ReportFormatError(f"{where}: expected a list")
        return tuple(_load(typing.get_args(kind)[0], item, f"{where}[{n}]") for n, item in enumerate(value))
    if isinstance(kind, type) and issubclass(kind, Part):
        return kind.from_json(value, where)
    return value


@dataclass(frozen=True)
class QuestionnaireInfo(Part):
    key: str
    title: str
    version: int


@dataclass(frozen=True)
class RoundInfo(Part):
    id: int
    slug: str
    title: str
    audience: str
    opens_on: str | None
    closes_on: str | None
    status: str
    questionnaire: QuestionnaireInfo


@dataclass(frozen=True)
class Publication(Part):
    published: bool
    published_on: str | None
    board_summary: str


@dataclass(frozen=True)
class ThresholdInfo(Part):
    min_cell: int
    min_base: int
    min_text_answers: int


@dataclass(frozen=True)
class ChannelCount(Part):
    channel: str
    responses: Shown


@dataclass(frozen=True)
class LanguageCount(Part):
    """How many answered in one language (`language`: its code, en/cy/ar); hidden ("c") like the channels."""

    language: str
    responses: Shown


@dataclass(frozen=True)
class Responses(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("by_language",)

    total: Shown
    by_channel: tuple[ChannelCount, ...]
    # Reports stored before issue 12 have none.
    by_language: tuple[LanguageCount, ...] | None = None


@dataclass(frozen=True)
class ResponseRate(Part):
    """`cohort` None: no cohort sizes were entered; `responses` None: the answers can't be counted for the
    group. `reason` says, in words for the board, why there is no rate (survey_app/rounds/response_rate.py)."""

    omitted_when_none: ClassVar[tuple[str, ...]] = ("reason",)

    group: str
    cohort: int | None
    responses: Shown | None
    rate: float | str | None
    not_heard: bool | None
    reason: str | None = None


@dataclass(frozen=True)
class PreviousRound(Part):
    slug: str
    title: str


@dataclass(frozen=True)
class Headline(Part):
    question_id: str
    priority: str
    text: str
    count: Shown
    base: Shown
    percent: float | None
    suppressed: bool


@dataclass(frozen=True)
class DistributionRow(Part):
    choice: str
    label: str
    count: Shown
    percent: float | None


@dataclass(frozen=True)
class BreakdownRow(Part):
    group: str
    cells: tuple[Shown, ...]


@dataclass(frozen=True)
class Breakdown(Part):
    by: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[BreakdownRow, ...]
    note: str


@dataclass(frozen=True)
class Trend(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("change_low", "change_high", "could_be_chance")

    previous_round: str
    previous_round_slug: str
    previous_percent: float | None
    current_percent: float | None
    change_points: float | None
    previous_base: Shown
    current_base: Shown
    note: str
    # the 95% interval of the change in points (analysis.trends.change_interval); only with a change
    change_low: float | None = None
    change_high: float | None = None
    could_be_chance: bool | None = None  # the interval includes 0


@dataclass(frozen=True)
class Sentiment(Part):
    answers: int
    mean_polarity: float
    label: str


@dataclass(frozen=True)
class QuestionReport(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("rather_not_say", "breakdowns_note")

    id: str
    text: str
    type: str
    answered: Shown
    skipped: Shown
    rather_not_say: Shown | None = None  # choice questions only
    distribution: tuple[DistributionRow, ...] = ()
    mean: float | None = None
    breakdowns: tuple[Breakdown, ...] = ()
    breakdowns_note: str | None = None  # when breakdowns are withheld, why
    trend: Trend | None = None
    sentiment: Sentiment | None = None  # staff only


@dataclass(frozen=True)
class PriorityTheme(Part):
    code: str
    title: str
    answers: Shown


@dataclass(frozen=True)
class PriorityQuote(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("theme_title",)

    id: int
    question_id: str
    text: str
    theme: str  # the theme's code
    theme_title: str | None = None  # the theme's title, what a reader sees


@dataclass(frozen=True)
class PriorityReport(Part):
    code: str
    title: str
    description: str
    source: str
    headlines: tuple[Headline, ...]
    questions: tuple[QuestionReport, ...]
    themes: tuple[PriorityTheme, ...]
    quotes: tuple[PriorityQuote, ...]
    actions: tuple[str, ...]  # references into Report.actions


@dataclass(frozen=True)
class ThemeCount(Part):
    code: str
    title: str
    priority: str
    answers: Shown


@dataclass(frozen=True)
class QuoteItem(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("theme_title",)

    id: int
    question_id: str
    text: str
    theme: str  # the theme's code
    priority: str
    theme_title: str | None = None  # the theme's title, what a reader sees


@dataclass(frozen=True)
class ActionUpdateItem(Part):
    written_on: str | None
    text: str


@dataclass(frozen=True)
class FindingItem(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("source",)

    kind: str
    ref: str
    label: str
    source: str | None = None  # a meeting, visit or group session: which group, and when ("… March 2026")


@dataclass(frozen=True)
class ActionItem(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("earlier_round",)

    reference: str
    title: str
    priority: str
    owner: str
    due_on: str | None
    status: str
    status_label: str
    not_doing_reason: str
    updates: tuple[ActionUpdateItem, ...]
    findings: tuple[FindingItem, ...]
    # An action of the previous round, shown again so its questions' change since then is beside it.
    earlier_round: str | None = None


@dataclass(frozen=True)
class WeWillDo(Part):
    reference: str
    title: str
    owner: str
    due_on: str | None
    status_label: str


@dataclass(frozen=True)
class GeneratedPoint(Part):
    """A point made from the answers (reporting/children.py), kept as its parts so the children's page can say
    it in another language: `share` is the share's key ("most"), `positive` which end of the question."""

    question_id: str
    kind: str  # "good" or "change"
    share: str
    positive: bool
    text: str  # the English sentence


@dataclass(frozen=True)
class ActionWords(Part):
    """An action's words children read, as a worker wrote them in one language ("" where not written)."""

    reference: str
    title: str
    owner: str
    not_doing_reason: str


@dataclass(frozen=True)
class ChildrenLanguage(Part):
    """The worker's version of the children's texts in one language (reporting/children_texts.py)."""

    language: str
    good: tuple[str, ...]
    change: tuple[str, ...]
    actions: tuple[ActionWords, ...]


@dataclass(frozen=True)
class ChildrenPart(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("generated", "languages")

    good: tuple[str, ...]
    change: tuple[str, ...]
    good_written_by_worker: bool
    change_written_by_worker: bool
    we_will_do: tuple[WeWillDo, ...]
    # The generated points as their parts (None in reports stored before issue 12, and when there are none).
    generated: tuple[GeneratedPoint, ...] | None = None
    # Each other language's version written by a worker (None when none is).
    languages: tuple[ChildrenLanguage, ...] | None = None


@dataclass(frozen=True)
class DueAction(Part):
    reference: str
    title: str
    priority: str
    owner: str
    due_on: str
    status_label: str


@dataclass(frozen=True)
class BoardSummary(Part):
    """The first page of the board report: the strongest and weakest headlines across priorities
    (analysis.ranking) and the action register's open actions that are overdue or due soon."""

    strongest: tuple[Headline, ...]
    weakest: tuple[Headline, ...]
    due_within_days: int
    actions_overdue: tuple[DueAction, ...]
    actions_due: tuple[DueAction, ...]


@dataclass(frozen=True)
class ChallengeItem(Part):
    """A board member's question on an action or a finding, and the answer (empty while open). No names."""

    about: str
    question: str
    asked_on: str
    answer: str
    answered_on: str | None


@dataclass(frozen=True)
class Report(Part):
    omitted_when_none: ClassVar[tuple[str, ...]] = ("summary", "challenges")

    schema: str
    council: str
    generated_on: str
    for_staff: bool
    round: RoundInfo
    publication: Publication
    thresholds: ThresholdInfo
    footnote: str
    responses: Responses
    response_rates: tuple[ResponseRate, ...]
    previous_round: PreviousRound | None
    priorities: tuple[PriorityReport, ...]
    themes: tuple[ThemeCount, ...]
    quotes: tuple[QuoteItem, ...]
    actions: tuple[ActionItem, ...]
    children: ChildrenPart
    summary: BoardSummary | None = None  # reports stored before it was added have none
    # The board's challenges since the previous round (actions/challenges.for_round); open ones first.
    challenges: tuple[ChallengeItem, ...] | None = None

    def action(self, reference: str) -> ActionItem | None:
        return next((action for action in self.actions if action.reference == reference), None)
