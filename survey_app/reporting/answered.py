""""Because you said, we did": each action of a round report beside the findings it answers, in the words a
board or a child may read, and, for an action of the previous round, the change in each of its questions
since then. Reads only the typed report (reporting/report.py), which already hides small numbers, so the
board report, its PDF and the children's page show the same pairs. No database, no Flask."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.statuses import ActionStatus, FindingKind
from .present import CHILDREN_STATUS, by_month
from .report import ActionItem, ActionUpdateItem, FindingItem, Headline, QuestionReport, Report

HIDDEN = "c"
# build.QUOTE_NOT_PUBLISHED and build.MEETING_GONE: never shown beside an action
NOT_SHOWN = ("A young person’s words (not published)", "A meeting no longer recorded")


@dataclass(frozen=True)
class Said:
    """One finding an action answers. `words`: the question's headline (or its text while it has none), the
    theme's title, the approved quote, or what a meeting heard. `count`: how many wrote about a theme (None
    when hidden or not a theme). `source`: for a meeting, which group and when."""

    kind: str
    words: str
    count: int | None = None
    hidden: bool = False
    source: str = ""
    label: str = ""  # the question's own text (a child reads it when the headline's figures are withheld)


@dataclass(frozen=True)
class Change:
    """A question asked again: its figure in the earlier round and now ("–" when hidden or not worked out)."""

    question: str
    earlier_round: str
    then: str
    now: str
    note: str


@dataclass(frozen=True)
class Pairing:
    action: ActionItem
    said: tuple[Said, ...]
    changes: tuple[Change, ...]
    latest_update: ActionUpdateItem | None

    @property
    def when(self) -> str:
        """"by March 2027" (children read a month)."""
        return by_month(self.action.due_on)

    @property
    def status_words(self) -> str:
        """The status as a 9-year-old reads it (the children's page)."""
        known = self.action.status in tuple(ActionStatus)
        return CHILDREN_STATUS[ActionStatus(self.action.status)] if known else self.action.status_label

    @property
    def anchor(self) -> str:
        return "action-" + self.action.reference.replace(".", "-").replace("/", "-")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def _headlines(report: Report) -> dict[str, Headline]:
    return {headline.question_id: headline for priority in report.priorities for headline in priority.headlines}


def _questions(report: Report) -> dict[str, QuestionReport]:
    return {question.id: question for priority in report.priorities for question in priority.questions}


def _said(finding: FindingItem, report: Report, headlines: dict[str, Headline]) -> Said | None:
    if finding.kind == FindingKind.QUESTION:
        headline = headlines.get(finding.ref)
        has_figures = headline is not None and headline.base not in (0, None)
        return Said(finding.kind, headline.text if headline is not None and has_figures else finding.label,
                    hidden=not has_figures or bool(headline and headline.suppressed), label=finding.label)
    if finding.kind == FindingKind.THEME:
        theme = next((theme for theme in report.themes if theme.code == finding.ref), None)
        answers = theme.answers if theme is not None else None
        return Said(finding.kind, finding.label, count=answers if isinstance(answers, int) and answers else None,
                    hidden=answers == HIDDEN)
    if finding.kind == FindingKind.QUOTE:
        return None if finding.label in NOT_SHOWN else Said(finding.kind, finding.label)
    if finding.kind == FindingKind.MEETING and finding.label not in NOT_SHOWN:
        return Said(finding.kind, finding.label, source=finding.source or "")
    return None


def _changes(action: ActionItem, questions: dict[str, QuestionReport]) -> tuple[Change, ...]:
    if action.earlier_round is None:
        return ()
    changes = []
    for finding in action.findings:
        question = questions.get(finding.ref) if finding.kind == FindingKind.QUESTION else None
        if question is None or question.trend is None:
            continue
        trend = question.trend
        changes.append(Change(question=question.text, earlier_round=trend.previous_round,
                              then=_percent(trend.previous_percent), now=_percent(trend.current_percent),
                              note=trend.note))
    return tuple(changes)


def pairings(report: Report) -> list[Pairing]:
    """Every action of the report (in its order) with what it answers; for the board."""
    headlines, questions = _headlines(report), _questions(report)
    result = []
    for action in report.actions:
        said = tuple(item for item in (_said(finding, report, headlines) for finding in action.findings) if item)
        updates = sorted((update for update in action.updates if update.text), key=lambda u: u.written_on or "")
        result.append(Pairing(action, said, _changes(action, questions), updates[-1] if updates else None))
    return result


def for_children(report: Report) -> list[Pairing]:
    """The pairs for the children's page: actions the council is doing (not the ones it can't do, which the
    page's "What we will do" explains), and only those answering something young people said."""
    return [pairing for pairing in pairings(report)
            if pairing.action.status != ActionStatus.NOT_DOING and pairing.said]


FILTERS = {"report_pairings": pairings, "report_children_pairings": for_children}
