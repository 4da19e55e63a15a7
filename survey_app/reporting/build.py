"""The round report: ``build(round_id, for_staff=False)`` makes the typed Report (report.py) that the
board page, the children's page, the PDF and the exports read; ``build_report`` gives it as the
published JSON ("Report JSON" in the README). Both need an app context. The counting is done by the
database (counts.py, analysis.extract), so a round of 100,000 responses is never loaded row by row;
pandas only shapes the few thousand counts. Free text is read only for free-text questions (themes;
sentiment for staff).

Two views of the same round:

- ``for_staff=False`` — boards, children, the JSON export. Small numbers hidden as "c" with the rules
  of analysis.suppression: a count from 1 to 4 is hidden; a question fewer than 10 young people
  answered shows no figures and no breakdown; secondary suppression so nothing hidden can be worked
  out from a total, a headline count or the other cells (``distribution_mask``); a mean or a
  percentage is never shown when it would give a hidden count back. No free text at all except
  approved quotes, and those only for questions with at least 10 written answers.
- ``for_staff=True`` — the workers' own analysis: exact numbers, sentiment of free-text answers (a
  rough indicator), still no raw free text (only approved quotes).

Definitions used throughout:
    answered   young people who chose an answer other than "I'd rather not say" (or wrote something):
               the base of every percentage and headline;
    skipped    young people who were shown the question and did not answer it (skipped it or chose
               "I'd rather not say"); not a fact about anyone's answer, so shown as a number unless
               ``answered`` is hidden;
    percent    count ÷ answered × 100, one decimal place ("I'd rather not say" has none)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import pandas as pd
from flask import current_app
from sqlalchemy import or_, select

from analysis import extract
from analysis.breakdowns import CHANNELS, NOT_SAID, TOO_FEW, breakdown_from_counts
from analysis.headlines import default_positive, headlines_from_counts
from analysis.ranking import strongest_and_weakest
from analysis.response_rates import TOTAL, rates_from_counts
from analysis.sentiment import label as sentiment_label
from analysis.sentiment import missing_scores, summary_from_sums
from analysis.suppression import FOOTNOTE, HIDDEN, Thresholds, all_hidden, distribution_mask, hidden_mask
from analysis.tallies import RATHER_NOT_SAY
from analysis.themes import count_theme_sets, fingerprint, missing_codes, theme_counts_from
from analysis.trends import change_interval, trends_from_shares

from ..actions.challenges import for_round as challenges_for_round
from ..actions.meetings import meeting_or_none, source_words
from ..actions.rules import OPEN_STATUSES, STATUS_TITLES
from ..extensions import db
from ..models import Action, Quote, RoundReport, StrategyPriority, SurveyRound
from ..models import Theme as ThemeRow
from ..models.statuses import ActionStatus, FindingKind
from ..moderation import coding
from ..moderation.quotes import MIN_ANSWERS, publishable_quotes
from ..questionnaire.schema import CARE_STATUS_QUESTION
from ..rounds.response_rate import RATE_HIDDEN, rate_rows
from . import children, children_texts
from .children import ranked_points
from .counts import GROUPINGS, RoundCounts, by_language
from .publication import points
from .report import (
    SCHEMA,
    ActionItem,
    ActionUpdateItem,
    BoardSummary,
    Breakdown,
    BreakdownRow,
    ChallengeItem,
    ChannelCount,
    ChildrenPart,
    DistributionRow,
    DueAction,
    FindingItem,
    GeneratedPoint,
    Headline,
    LanguageCount,
    PreviousRound,
    PriorityQuote,
    PriorityReport,
    PriorityTheme,
    Publication,
    QuestionnaireInfo,
    QuestionReport,
    QuoteItem,
    Report,
    ResponseRate,
    Responses,
    RoundInfo,
    Sentiment,
    ThemeCount,
    ThresholdInfo,
    Trend,
    WeWillDo,
)

THRESHOLDS = Thresholds()
CHANNEL_TITLE = "Online or on paper"
SMALL = "a small number, not shown"
QUOTE_NOT_PUBLISHED = "A young person’s words (not published)"
# The board summary lists open actions due before the next report (seed 004 reports every two months).
DUE_WITHIN_DAYS = 56
MEETING_GONE = "A meeting no longer recorded"


class RoundNotFound(LookupError):
    pass


# -- small helpers ------------------------------------------------------------------------------------

def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _shown(value: int, for_staff: bool) -> int | str:
    """A count as a board may see it on its own (no total to protect): "c" from 1 to min_cell - 1."""
    value = int(value)
    if for_staff or not 0 < value < THRESHOLDS.min_cell:
        return value
    return HIDDEN


def _percent(count: int, base: int) -> float | None:
    return round(100 * count / base, 1) if base > 0 else None


def _natural(reference: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", reference)]


# -- questions ---------------------------------------------------------------------------------------

def _options_of(question) -> list[tuple[str, str]]:
    """(value, label) in report order: scales highest first; "I'd rather not say" last."""
    pairs = [(option.value, option.label) for option in question.options]
    real = [pair for pair in pairs if pair[0] != RATHER_NOT_SAY]
    rather = [pair for pair in pairs if pair[0] == RATHER_NOT_SAY]
    if question.is_smiley:
        real = sorted(real, key=lambda pair: -int(pair[0]) if pair[0].isdigit() else 0)
    return real + rather


def _headline_values(question, counts: Mapping[str, int]) -> list[str]:
    """The answer(s) the question's headline is about (analysis.headlines rules, default sets)."""
    if question.kind.positive:
        return list(question.kind.positive)
    given = {value: count for value, count in counts.items() if value != RATHER_NOT_SAY and count > 0}
    if not given:
        return []
    order = [option.value for option in question.options]
    return [min(given, key=lambda value: (-given[value], order.index(value) if value in order else len(order)))]


def _distribution(question, counts: Mapping[str, int], answered: int, for_staff: bool) -> list[DistributionRow]:
    pairs = _options_of(question)
    real = [(value, label) for value, label in pairs if value != RATHER_NOT_SAY]
    values = [counts.get(value, 0) for value, _ in real]
    wanted = set(_headline_values(question, counts))
    if for_staff:
        mask = [False] * len(values)
    else:
        mask = distribution_mask(values, [j for j, (value, _) in enumerate(real) if value in wanted], base=answered,
                                 thresholds=THRESHOLDS, additive=not question.allows_many)
    rows = [
        DistributionRow(choice=value, label=label, count=HIDDEN if hide else count,
                        percent=None if hide else _percent(count, answered))
        for (value, label), count, hide in zip(real, values, mask, strict=True)
    ]
    for value, label in pairs:
        if value == RATHER_NOT_SAY:
            rows.append(DistributionRow(choice=value, label=label, count=_shown(counts.get(value, 0), for_staff),
                                        percent=None))
    return rows


def _mean(question, counts: Mapping[str, int], distribution: list[DistributionRow]) -> float | None:
    if not question.is_smiley:
        return None
    points = {value: count for value, count in counts.items() if value.isdigit()}
    people = sum(points.values())
    if people == 0 or any(row.count == HIDDEN for row in distribution):
        return None  # with any point hidden, the mean would give it back
    return round(sum(int(value) * count for value, count in points.items()) / people, 2)


def _breakdowns(question, data: RoundCounts, for_staff: bool) -> tuple[list[Breakdown], str]:
    if not question.is_choice or data.cube.empty:
        return [], ""
    rows = data.cube.loc[data.cube["question_id"] == question.id]
    answered = int(data.answered.get(question.id, 0))
    if not for_staff and answered < THRESHOLDS.min_base:
        return [], TOO_FEW.format(min_base=THRESHOLDS.min_base)
    dimensions = [
        (f"by_{question_id}", question_id, title, mapping)
        for question_id, title, mapping in GROUPINGS if question_id in data.by and question_id != question.id
    ]
    if len(data.channels) > 1:
        dimensions.append(("channel", "channel", CHANNEL_TITLE, CHANNELS))
    columns = [value for value, _ in _options_of(question)]
    labels = [label for _, label in _options_of(question)]
    tables = []
    for column, by, title, mapping in dimensions:
        if data.cube[column].nunique() < 2:
            continue  # everyone is in one group: nothing to break down
        counts = (
            rows.groupby([column, "choice"])["count"].sum().unstack("choice", fill_value=0)
            .reindex(columns=columns, fill_value=0)
        )
        order = [*dict.fromkeys((mapping or {}).values()), NOT_SAID]
        counts = counts.reindex(sorted(counts.index, key=lambda g: (order.index(g) if g in order else len(order), g)))
        if question.allows_many:
            people_rows = data.people.loc[data.people["question_id"] == question.id]
            people = people_rows.groupby(column)["people"].sum()
        else:
            people = counts.sum(axis=1)
        if (counts.sum(axis=1) > 0).sum() < 2:
            continue  # everyone who answered this question is in one group: nothing to compare
        if for_staff:
            table, note = counts.astype(object), ""
        else:
            table, note = breakdown_from_counts(counts, people, answered, THRESHOLDS)
        if all_hidden(table.to_numpy().ravel().tolist()):
            tables.append(Breakdown(by=by, title=title, columns=tuple(labels), rows=(),
                                    note=_left_out_because(by, people)))
            continue
        tables.append(Breakdown(
            by=by, title=title, columns=tuple(labels),
            rows=tuple(BreakdownRow(group=str(group), cells=tuple(value if value == HIDDEN else int(value)
                                                                  for value in cells))
                       for group, cells in zip(table.index, table.to_numpy().tolist(), strict=True)),
            note=note,
        ))
    return tables, ""


def _left_out_because(by: str, people: pd.Series) -> str:
    """The line that stands for a breakdown left out because every figure in it would be "c"."""
    if by == "channel":
        smallest = CHANNELS.get(str(people.idxmin()), str(people.idxmin())) if not people.empty else ""
        where = {"Paper": "on paper", "Online": "online"}.get(smallest, "one way")
        return f"Too few answered {where} to show online and paper apart."
    return "Too few young people in each group to show the answers group by group."


def _trend(question, trend_rows: Mapping[str, Mapping], previous: SurveyRound | None,
           for_staff: bool) -> Trend | None:
    row = trend_rows.get(question.id)
    if row is None or previous is None:
        return None
    def figure(count, base, percent):
        if percent is None or pd.isna(percent):
            return None, False
        if not for_staff and 0 < int(count) < THRESHOLDS.min_cell:
            return None, True  # the percentage would give the small count back
        return float(percent), False
    previous_percent, previous_small = figure(row["earlier_count"], row["earlier_base"], row["earlier_percent"])
    current_percent, current_small = figure(row["later_count"], row["later_base"], row["later_percent"])
    change = row["change_points"]
    change = None if (previous_percent is None or current_percent is None or pd.isna(change)) else float(change)
    note = row["note"] or ""
    if (previous_small or current_small) and not note:
        note = SMALL
    def base(value):
        return 0 if value is None or pd.isna(value) else _shown(int(value), for_staff)
    interval = None if change is None else change_interval(int(row["earlier_count"]), int(row["earlier_base"]),
                                                            int(row["later_count"]), int(row["later_base"]))
    return Trend(
        previous_round=previous.title, previous_round_slug=previous.slug,
        previous_percent=previous_percent, current_percent=current_percent, change_points=change,
        previous_base=base(row["earlier_base"]), current_base=base(row["later_base"]), note=note,
        change_low=interval.low_points if interval else None,
        change_high=interval.high_points if interval else None,
        could_be_chance=interval.could_be_chance if interval else None,
    )


def _sentiments(written: extract.WrittenSummary) -> dict[str, Sentiment]:
    # from the scores stored with each answer (counted by the database); only missing ones are scored here
    table = summary_from_sums(written.sentiment, written.todo)
    return {row.question_id: Sentiment(answers=int(row.answers), mean_polarity=float(row.mean_polarity),
                                       label=sentiment_label(float(row.mean_polarity)))
            for row in table.itertuples(index=False)}


def _question(question, data: RoundCounts, trend_rows, previous, sentiments, for_staff: bool) -> QuestionReport:
    counts = data.by_choice.get(question.id, {})
    answered = int(data.given.get(question.id, 0))
    skipped = int(data.shown.get(question.id, 0)) - answered
    answered_shown = _shown(answered, for_staff)
    asked = QuestionReport(id=question.id, text=question.text, type=question.type, answered=answered_shown,
                           skipped=HIDDEN if answered_shown == HIDDEN else skipped)
    if not question.is_choice:
        return replace(asked, sentiment=sentiments.get(question.id) if for_staff else None)
    distribution = _distribution(question, counts, answered, for_staff)
    breakdowns, note = _breakdowns(question, data, for_staff)
    return replace(
        asked, rather_not_say=_shown(counts.get(RATHER_NOT_SAY, 0), for_staff), distribution=tuple(distribution),
        mean=_mean(question, counts, distribution), breakdowns=tuple(breakdowns), breakdowns_note=note or None,
        trend=_trend(question, trend_rows, previous, for_staff),
    )


# -- the round's other parts ----------------------------------------------------------------------------

def previous_round(survey_round: SurveyRound) -> SurveyRound | None:
    """The newest earlier round of the same questionnaire key (any version)."""
    key = survey_round.questionnaire_version.key
    candidates = [
        other for other in db.session.scalars(select(SurveyRound))
        if other.id != survey_round.id and other.questionnaire_version.key == key
    ]

    def when(other: SurveyRound) -> tuple:
        return (other.opens_on or other.created_on or dt.date.min, other.id)

    earlier = [other for other in candidates if when(other) < when(survey_round)]
    return max(earlier, key=when) if earlier else None


def _trend_rows(data: RoundCounts, previous: SurveyRound | None) -> dict[str, dict]:
    if previous is None:
        return {}
    before = RoundCounts(previous.id, with_groups=False)
    counted = list(default_positive())
    later_q = data.questions.loc[data.questions["type"].isin(counted)]
    earlier_q = before.questions.loc[before.questions["type"].isin(counted)]
    table = trends_from_shares(before.shares(earlier_q), data.shares(later_q), before.questions, data.questions,
                               THRESHOLDS)
    return {row["question_id"]: row for row in table.to_dict("records")}


def _response_rates(survey_round: SurveyRound, data: RoundCounts, for_staff: bool) -> list[ResponseRate]:
    """The rows of survey_app.rounds.response_rate (each with the reason when there is no rate); for the
    board, counts and rates hidden by analysis.response_rates, whose "c" rows say they are too few."""
    rows = rate_rows(survey_round.audience, data.questionnaire,
                     [(cohort.group, cohort.expected) for cohort in survey_round.cohorts],
                     data.by_choice.get(CARE_STATUS_QUESTION, {}), data.total)
    everyone = rows[-1]
    if everyone.cohort is None:
        return [ResponseRate(group=everyone.label, cohort=None, responses=_shown(data.total, for_staff), rate=None,
                             not_heard=None, reason=everyone.reason)]
    counted = [row for row in rows if row.responses is not None and row.group != TOTAL] or [everyone]
    frame = pd.DataFrame({"group": [row.group for row in counted], "cohort": [row.cohort for row in counted]})
    heard = pd.Series({row.group: row.responses for row in counted}, dtype="int64")
    table = rates_from_counts(heard, data.total, frame, thresholds=THRESHOLDS)
    records = {record["group"]: record for record in table.to_dict("records")}  # TOTAL: its total row
    out = []
    for row in rows:
        record = records.get(row.group)
        if record is None:
            out.append(ResponseRate(group=row.label, cohort=row.cohort, responses=None, rate=None, not_heard=None,
                                    reason=row.reason))
            continue
        responses = int(record["responses"]) if for_staff else record["shown_responses"]
        rate = record["rate"] if for_staff else record["shown_rate"]
        out.append(ResponseRate(
            group=row.label, cohort=row.cohort,
            responses=responses if responses == HIDDEN else int(responses),
            rate=HIDDEN if rate == HIDDEN else (None if rate is None or pd.isna(rate) else float(rate)),
            not_heard=bool(record["not_heard"]) if (for_staff or record["shown_rate"] != HIDDEN) else None,
            reason=RATE_HIDDEN if rate == HIDDEN else row.reason,
        ))
    return out


def _responses(data: RoundCounts, for_staff: bool) -> Responses:
    names = [(value, CHANNELS.get(value, value)) for value in ("online", "paper")]
    names += [(value, value) for value in sorted(data.channels) if value not in CHANNELS]
    numbers = [int(data.channels.get(value, 0)) for value, _ in names]
    if for_staff or data.total == 0:
        shown = numbers
    else:
        mask = hidden_mask(pd.DataFrame([numbers]), Thresholds(THRESHOLDS.min_cell, 0)).iloc[0].tolist()
        shown = [HIDDEN if hide else value for value, hide in zip(numbers, mask, strict=True)]
    return Responses(
        total=_shown(data.total, for_staff),
        by_channel=tuple(ChannelCount(channel=label, responses=value)
                         for (key, label), value, number in zip(names, shown, numbers, strict=True)
                         if number or key in CHANNELS),
        by_language=_by_language(data, for_staff),
    )


def _by_language(data: RoundCounts, for_staff: bool) -> tuple[LanguageCount, ...]:
    """How many answered in each language, hidden like the channels (counts.by_language)."""
    return tuple(LanguageCount(language=code, responses=value)
                 for code, value in by_language(data.languages, exact=for_staff, min_cell=THRESHOLDS.min_cell))


def _themes(round_id: int, written: extract.WrittenSummary, codebook, for_staff: bool) -> list[ThemeCount]:
    if written.theme_sets.empty and written.todo.empty:
        return []
    # The same coding as survey_app.moderation.coding.coded_answers (automatic themes as stored with each
    # answer, the worker's hand coding on top), counted from what the database counted.
    counted = count_theme_sets(written.theme_sets, written.todo, codebook, coding.manual_frame(round_id))
    if counted.empty:
        return []
    counts = theme_counts_from(counted, codebook)
    return [
        ThemeCount(code=row.theme, title=row.title, priority=row.priority, answers=_shown(row.answers, for_staff))
        for row in counts.itertuples(index=False)
    ]


def _quotes(round_id: int, questionnaire) -> list[QuoteItem]:
    """The round's publishable quotes (moderation.quotes.publishable_quotes: both quote rules checked again
    now), in the wording approved."""
    theme_priority = dict(db.session.execute(select(ThemeRow.code, ThemeRow.priority_code)).all())
    theme_titles = dict(db.session.execute(select(ThemeRow.code, ThemeRow.title)).all())
    quotes = []
    for quote in publishable_quotes(round_id):
        priority = (questionnaire.question(quote.question_id).priority if questionnaire.has_question(quote.question_id)
                    else theme_priority.get(quote.theme_code, ""))
        quotes.append(QuoteItem(id=quote.id, question_id=quote.question_id, text=quote.text,
                                theme=quote.theme_code, priority=priority,
                                theme_title=theme_titles.get(quote.theme_code, "") if quote.theme_code else ""))
    return quotes


def _actions(survey_round: SurveyRound, questionnaire, quotes: Sequence[QuoteItem],
             previous: SurveyRound | None = None) -> list[ActionItem]:
    """Actions for this round, actions for no round in particular whose findings are this round's
    questions or quotes, and the previous round's actions that answer a question asked again (marked
    `earlier_round`, so the question's change is shown beside them); by reference."""
    question_ids = {question.id for question in questionnaire.questions}
    round_ids = [survey_round.id] + ([previous.id] if previous is not None else [])
    all_quote_ids = {str(quote_id) for quote_id in db.session.scalars(
        select(Quote.id).where(Quote.round_id == survey_round.id))}
    candidates = db.session.scalars(
        select(Action).where(or_(Action.round_id.in_(round_ids), Action.round_id.is_(None)))
    ).all()
    theme_titles = dict(db.session.execute(select(ThemeRow.code, ThemeRow.title)).all())
    quote_texts = {str(quote.id): quote.text for quote in quotes}
    if previous is not None:
        quote_texts.update({str(quote.id): quote.text for quote in publishable_quotes(previous.id)})
    chosen = []
    for action in candidates:
        earlier = previous is not None and action.round_id == previous.id
        asked_again = any(finding.kind == FindingKind.QUESTION and finding.ref in question_ids
                          for finding in action.findings)
        if earlier and not asked_again:
            continue
        if action.round_id is None and not asked_again and not any(
            finding.kind == FindingKind.QUOTE and finding.ref in all_quote_ids for finding in action.findings
        ):
            continue
        findings = [_finding_item(finding, questionnaire, theme_titles, quote_texts) for finding in action.findings]
        chosen.append(ActionItem(
            reference=action.reference, title=action.title, priority=action.priority_code,
            owner=action.owner, due_on=_iso(action.due_on), status=action.status,
            status_label=STATUS_TITLES.get(action.status, action.status),
            not_doing_reason=action.not_doing_reason if action.status == ActionStatus.NOT_DOING else "",
            updates=tuple(ActionUpdateItem(written_on=_iso(update.written_on), text=update.text)
                          for update in action.updates),
            findings=tuple(findings),
            earlier_round=previous.title if earlier and previous is not None else None,
        ))
    return sorted(chosen, key=lambda action: _natural(action.reference))


def _finding_item(finding, questionnaire, theme_titles: Mapping[str, str],
                  quote_texts: Mapping[str, str]) -> FindingItem:
    """A linked finding in words a board or a child may read (a quote only if publishable now)."""
    if finding.kind == FindingKind.QUESTION:
        label = questionnaire.question(finding.ref).text if questionnaire.has_question(finding.ref) else finding.ref
    elif finding.kind == FindingKind.THEME:
        label = theme_titles.get(finding.ref, finding.ref)
    elif finding.kind == FindingKind.MEETING:
        meeting = meeting_or_none(finding.ref)
        if meeting is None:
            return FindingItem(kind=finding.kind, ref=finding.ref, label=MEETING_GONE)
        return FindingItem(kind=finding.kind, ref=finding.ref, label=meeting.said, source=source_words(meeting))
    else:
        label = quote_texts.get(finding.ref, QUOTE_NOT_PUBLISHED)
    return FindingItem(kind=finding.kind, ref=finding.ref, label=label)


def _priorities(questionnaire, questions_out: dict[str, QuestionReport], headlines: list[Headline],
                themes: list[ThemeCount], quotes: list[QuoteItem], actions: list[ActionItem]) -> list[PriorityReport]:
    known = {row.code: row for row in db.session.scalars(select(StrategyPriority).order_by(StrategyPriority.position))}
    used = [question.priority for question in questionnaire.questions]
    used += [action.priority for action in actions] + [theme.priority for theme in themes]
    codes = [code for code in known if code in used] + list(dict.fromkeys(code for code in used if code not in known))
    result = []
    for code in codes:
        row = known.get(code)
        result.append(PriorityReport(
            code=code,
            title=row.title if row else code,
            description=row.description if row else "",
            source=row.source if row else "",
            headlines=tuple(headline for headline in headlines if headline.priority == code),
            questions=tuple(questions_out[q.id] for q in questionnaire.questions if q.priority == code),
            themes=tuple(PriorityTheme(code=theme.code, title=theme.title, answers=theme.answers)
                         for theme in themes if theme.priority == code),
            quotes=tuple(PriorityQuote(id=quote.id, question_id=quote.question_id, text=quote.text, theme=quote.theme,
                                       theme_title=quote.theme_title)
                         for quote in quotes if quote.priority == code),
            actions=tuple(action.reference for action in actions if action.priority == code),
        ))
    return result


def _headlines(data: RoundCounts, for_staff: bool) -> list[Headline]:
    frame = headlines_from_counts(data.counts, data.bases_frame(), data.questions, data.options, THRESHOLDS)
    result = []
    for row in frame.to_dict("records"):
        count, base, suppressed = int(row["count"]), int(row["base"]), bool(row["suppressed"])
        result.append(Headline(
            question_id=row["question_id"], priority=row["priority"], text=row["text"],
            count=count if for_staff or not suppressed or base == 0 else HIDDEN,
            base=_shown(base, for_staff),
            percent=_percent(count, base) if for_staff or not suppressed else None,
            suppressed=suppressed,
        ))
    return result


def _rankable(question) -> bool:
    """Whether a question's headline is about a good answer (analysis.ranking): the same questions the
    children's page makes good points from (reporting.children)."""
    return bool(question.kind.positive) and not children.LEFT_OUT.match(question.text.strip()) \
        and not (not question.kind.scale and children.bad_news(question.text))


def _due_actions(today: dt.date) -> tuple[list[DueAction], list[DueAction]]:
    """The action register's open actions (planned or in progress) past their due date, and those due in
    the next ``DUE_WITHIN_DAYS``, soonest first."""
    rows = db.session.scalars(
        select(Action).where(Action.status.in_(OPEN_STATUSES), Action.due_on.is_not(None),
                             Action.due_on <= today + dt.timedelta(days=DUE_WITHIN_DAYS))
    ).all()
    rows = sorted(rows, key=lambda action: (action.due_on, _natural(action.reference)))
    items = [(action.due_on, DueAction(reference=action.reference, title=action.title, priority=action.priority_code,
                                       owner=action.owner, due_on=_iso(action.due_on) or "",
                                       status_label=STATUS_TITLES.get(action.status, action.status)))
             for action in rows]
    return [item for due, item in items if due < today], [item for due, item in items if due >= today]


def _summary(questionnaire, headlines: list[Headline], today: dt.date) -> BoardSummary:
    questions = {question.id: question for question in questionnaire.questions}
    frame = pd.DataFrame(
        [{"question_id": h.question_id, "count": h.count if isinstance(h.count, int) else 0,
          "base": h.base if isinstance(h.base, int) else 0, "suppressed": h.suppressed,
          "rankable": h.question_id in questions and _rankable(questions[h.question_id])} for h in headlines],
        columns=["question_id", "count", "base", "suppressed", "rankable"],
    )
    strongest, weakest = strongest_and_weakest(frame, thresholds=THRESHOLDS)
    by_id = {headline.question_id: headline for headline in headlines}
    overdue, due = _due_actions(today)
    return BoardSummary(strongest=tuple(by_id[q] for q in strongest), weakest=tuple(by_id[q] for q in weakest),
                        due_within_days=DUE_WITHIN_DAYS, actions_overdue=tuple(overdue), actions_due=tuple(due))


def _children(round_id: int, report_row: RoundReport | None, data: RoundCounts,
              actions: list[ActionItem]) -> ChildrenPart:
    ranked = ranked_points(
        (question.id, question.type, question.text, {
            value: count for value, count in data.by_choice.get(question.id, {}).items() if value != RATHER_NOT_SAY
        }, question.children_say)
        for question in data.questionnaire.questions
    )
    generated = {kind: [point.text for point in found] for kind, found in ranked.items()}
    parts = tuple(GeneratedPoint(question_id=point.question_id, kind=point.kind, share=point.share_words,
                                 positive=point.positive, text=point.text)
                  for kind in ("good", "change") for point in ranked[kind])
    good = points(report_row.children_good) if report_row else []
    change = points(report_row.children_change) if report_row else []
    return ChildrenPart(
        good=tuple(good or generated["good"]),
        change=tuple(change or generated["change"]),
        good_written_by_worker=bool(good),
        change_written_by_worker=bool(change),
        we_will_do=tuple(
            WeWillDo(reference=action.reference, title=action.title, owner=action.owner, due_on=action.due_on,
                     status_label=action.status_label)
            for action in actions if action.status != ActionStatus.NOT_DOING
        ),
        generated=parts or None,
        languages=children_texts.for_report(round_id, [action.reference for action in actions]),
    )


# -- the report ----------------------------------------------------------------------------------------

def _no_progress(_percent: int, _stage: str) -> None:
    pass


def _count_unscored(round_id: int, texts: pd.DataFrame, for_staff: bool) -> None:
    """Written answers stored without scores (before the migration's backfill, or matched with an older
    codebook) are scored while the report is built: right, but slow. Say how many, so someone runs
    ``flask answers recode`` / ``rescore``."""
    themes = missing_codes(texts)
    sentiment = missing_scores(texts) if for_staff else 0
    if themes or sentiment:
        current_app.logger.warning(
            "report for round %s: %d written answers coded and %d scored now, not stored yet "
            "(run flask answers recode / rescore)", round_id, themes, sentiment)


def build(round_id: int, *, for_staff: bool = False,
          progress: Callable[[int, str], None] = _no_progress) -> Report:
    """The round's report (module docstring). Needs an app context. `progress(percent, stage)` is told as
    each stage starts (a job shows it to whoever is waiting)."""
    survey_round = db.session.get(SurveyRound, round_id)
    if survey_round is None:
        raise RoundNotFound(f"no survey round with id {round_id}")
    progress(5, "Counting the answers")
    questionnaire = extract.questionnaire_of_round(db.session.connection(), round_id)
    codebook = coding.codebook()
    data = RoundCounts(round_id, text_ids=[question.id for question in questionnaire.questions if question.is_text],
                       codebook_key=fingerprint(codebook))
    progress(35, "Reading the written answers")
    _count_unscored(round_id, data.written.todo, for_staff)
    sentiments = _sentiments(data.written) if for_staff else {}
    previous = previous_round(survey_round)
    progress(50, "Comparing with the last round")
    trend_rows = _trend_rows(data, previous)
    progress(60, "Working out each question")
    headlines = _headlines(data, for_staff)
    questions_out = {question.id: _question(question, data, trend_rows, previous, sentiments, for_staff)
                     for question in questionnaire.questions}
    progress(80, "Finding themes, quotes and actions")
    themes = _themes(round_id, data.written, codebook, for_staff)
    quotes = _quotes(round_id, questionnaire)
    actions = _actions(survey_round, questionnaire, quotes, previous)
    report_row = db.session.get(RoundReport, round_id)
    stored = survey_round.questionnaire_version
    return Report(
        schema=SCHEMA,
        council=current_app.config.get("COUNCIL_NAME", ""),
        generated_on=dt.date.today().isoformat(),
        for_staff=for_staff,
        round=RoundInfo(
            id=survey_round.id, slug=survey_round.slug, title=survey_round.title,
            audience=survey_round.audience, opens_on=_iso(survey_round.opens_on),
            closes_on=_iso(survey_round.closes_on), status=survey_round.status,
            questionnaire=QuestionnaireInfo(key=stored.key, title=stored.title, version=stored.version),
        ),
        publication=Publication(
            published=bool(report_row and report_row.published),
            published_on=_iso(report_row.published_on) if report_row else None,
            board_summary=report_row.board_summary if report_row else "",
        ),
        thresholds=ThresholdInfo(min_cell=THRESHOLDS.min_cell, min_base=THRESHOLDS.min_base,
                                 min_text_answers=MIN_ANSWERS),
        footnote=FOOTNOTE.format(min_cell=THRESHOLDS.min_cell),
        responses=_responses(data, for_staff),
        response_rates=tuple(_response_rates(survey_round, data, for_staff)),
        previous_round=PreviousRound(slug=previous.slug, title=previous.title) if previous else None,
        priorities=tuple(_priorities(questionnaire, questions_out, headlines, themes, quotes, actions)),
        themes=tuple(themes),
        quotes=tuple(quotes),
        actions=tuple(actions),
        children=_children(round_id, report_row, data, actions),
        summary=_summary(questionnaire, headlines, dt.date.today()),
        challenges=_challenges(survey_round, previous),
    )


def _challenges(survey_round: SurveyRound, previous: SurveyRound | None) -> tuple[ChallengeItem, ...]:
    round_ids = [survey_round.id] + ([previous.id] if previous is not None else [])
    return tuple(
        ChallengeItem(about=challenge.about, question=challenge.question, asked_on=challenge.asked_on.isoformat(),
                      answer=challenge.answer, answered_on=_iso(challenge.answered_on))
        for challenge in challenges_for_round(round_ids, previous.created_on if previous is not None else None)
    )


def build_report(round_id: int, *, for_staff: bool = False) -> dict:
    """The round's report as published JSON (README "Report JSON")."""
    return build(round_id, for_staff=for_staff).to_json()
