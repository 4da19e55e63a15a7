"""Changes to the action register. Each flushes; the view or command commits once. Checks come from
rules.py, so the form, the CSV import and the CLI refuse the same things with the same words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from ..audit import audit
from ..extensions import db
from ..models import Action, ActionFinding, ActionUpdate, Quote, SurveyRound, Theme
from ..models.statuses import FindingKind, QuoteStatus
from ..moderation.quotes import publishable_quotes
from ..questionnaire.schema import Questionnaire
from ..questionnaire.store import definition
from .meetings import meeting_or_none, meetings, source_words
from .rules import (
    ActionFields,
    ActionInvalid,
    check_update_date,
    check_update_text,
    is_overdue,
    parse_due_parts,
    reference_sort_key,
)

FINDING_TITLES = {"question": "Question", "theme": "Theme", "quote": "Approved quote",
                  "meeting": "Meeting, visit or group session"}
NOT_APPROVED = "No longer approved, so it is not shown anywhere"
WITHHELD = ("Approved, but withheld: it no longer meets the quote rules (its quote page says why), so it is not "
            "shown anywhere")


# -- actions ---------------------------------------------------------------------------------------------
def create_action(fields: ActionFields, actor: str, today: dt.date | None = None) -> Action:
    action = Action(created_on=today or dt.date.today())
    apply_fields(action, fields)
    db.session.add(action)
    db.session.flush()
    audit(actor, "action created", f"{action.reference}: {action.title}")
    return action


def apply_fields(action: Action, fields: ActionFields) -> int:
    """Set the action's fields. When its round changes, questions and quotes linked from the old
    round no longer belong to it and are removed; returns how many were."""
    dropped = 0
    if action.id is not None and action.round_id != fields.round_id:
        for finding in list(action.findings):
            if finding.kind in ("question", "quote"):
                action.findings.remove(finding)
                dropped += 1
    action.reference = fields.reference
    action.title = fields.title
    action.priority_code = fields.priority_code
    action.round_id = fields.round_id
    action.owner = fields.owner
    action.due_on = fields.due_on
    action.status = fields.status
    action.not_doing_reason = fields.not_doing_reason
    db.session.flush()
    return dropped


def delete_action(action: Action, actor: str) -> None:
    audit(actor, "action deleted", f"{action.reference}: {action.title}")
    db.session.delete(action)
    db.session.flush()


def action_or_none(action_id: int) -> Action | None:
    return db.session.get(Action, action_id)


@dataclass(frozen=True)
class Filters:
    round: str = ""     # a round's slug, "none" for actions not tied to a round, "" for all
    priority: str = ""  # a priority code, "" for all
    status: str = ""    # a status, "overdue", or "" for all


def list_actions(filters: Filters = Filters(), today: dt.date | None = None) -> list[Action]:
    """Actions matching the filters, in reference order (14.9 before 14.10)."""
    query = select(Action)
    if filters.round == "none":
        query = query.where(Action.round_id.is_(None))
    elif filters.round:
        query = query.join(SurveyRound, SurveyRound.id == Action.round_id).where(SurveyRound.slug == filters.round)
    if filters.priority:
        query = query.where(Action.priority_code == filters.priority)
    if filters.status and filters.status != "overdue":
        query = query.where(Action.status == filters.status)
    actions = list(db.session.scalars(query))
    if filters.status == "overdue":
        actions = [action for action in actions if is_overdue(action, today)]
    return sorted(actions, key=lambda action: reference_sort_key(action.reference))


# -- progress updates ---------------------------------------------------------------------------------------
def add_update(action: Action, data: Mapping[str, str | None], author: str,
               today: dt.date | None = None) -> ActionUpdate:
    """A dated line of progress. `data`: text, and written_day/written_month/written_year (empty means
    today). Raises ActionInvalid with a message per field."""
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    written_on: dt.date | None = None
    try:
        written_on = check_update_date(
            parse_due_parts(data.get("written_day"), data.get("written_month"), data.get("written_year")), today)
    except ValueError as problem:
        problems["written_day"] = str(problem).replace("due date", "date of the update")
    try:
        text = check_update_text(data.get("text"))
    except ValueError as problem:
        problems["text"] = str(problem)
    if problems:
        raise ActionInvalid(problems)
    update = ActionUpdate(action=action, written_on=written_on, text=text, author=author)
    db.session.add(update)
    db.session.flush()
    return update


# -- findings --------------------------------------------------------------------------------------------------
def questionnaire_of_action(action: Action) -> Questionnaire | None:
    if action.round_id is None:
        return None
    survey_round = db.session.get(SurveyRound, action.round_id)
    return definition(survey_round.questionnaire_version) if survey_round else None


def question_choices(action: Action) -> list[tuple[str, str]]:
    """(question id, words) for every question of the round's questionnaire version."""
    questionnaire = questionnaire_of_action(action)
    if questionnaire is None:
        return []
    return [(question.id, f"{question.text} ({question.id})") for question in questionnaire.questions]


def theme_choices() -> list[tuple[str, str]]:
    themes = db.session.scalars(select(Theme).where(Theme.active).order_by(Theme.title))
    return [(theme.code, theme.title) for theme in themes]


def quote_choices(action: Action) -> list[tuple[str, str]]:
    """Publishable quotes of the action's round only: a pending, rejected or no longer safe quote is never
    offered."""
    if action.round_id is None:
        return []
    return [(str(quote.id), _shorten(quote.text)) for quote in publishable_quotes(action.round_id)]


def meeting_choices() -> list[tuple[str, str]]:
    """Every recorded meeting, visit or group session (of any round: they happen between rounds)."""
    return [(str(meeting.id), f"{source_words(meeting)}: “{_shorten(meeting.said, 90)}”") for meeting in meetings()]


def finding_choices(action: Action) -> dict[str, list[tuple[str, str]]]:
    """What can still be linked, by kind (already linked ones left out)."""
    linked = {(finding.kind, finding.ref) for finding in action.findings}
    choices = {"question": question_choices(action), "theme": theme_choices(), "quote": quote_choices(action),
               "meeting": meeting_choices()}
    return {kind: [(ref, words) for ref, words in options if (kind, ref) not in linked]
            for kind, options in choices.items()}


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def link_finding(action: Action, kind: str, ref: str | None) -> ActionFinding:
    """Link a question of the round's questionnaire, an active theme or an approved quote of the round.
    Raises ActionInvalid({kind: message})."""
    if kind not in tuple(FindingKind):
        raise ActionInvalid({"kind": "Choose a question, a theme, a quote or a meeting"})
    ref = (ref or "").strip()
    words = {"question": "a question", "theme": "a theme", "quote": "a quote", "meeting": "a meeting"}[kind]
    if not ref:
        raise ActionInvalid({kind: f"Choose {words} from the list"})
    options = {"question": lambda: question_choices(action), "theme": theme_choices,
               "quote": lambda: quote_choices(action), "meeting": meeting_choices}[kind]()
    allowed = {value for value, _ in options}
    if ref not in allowed:
        reasons = {
            "question": "That question is not in this round’s questionnaire. Choose one from the list",
            "theme": "That theme is not in use. Choose one from the list",
            "quote": "Only approved quotes from this action’s round can be linked. Choose one from the list",
            "meeting": "That meeting is not recorded. Choose one from the list",
        }
        raise ActionInvalid({kind: reasons[kind]})
    if any(finding.kind == kind and finding.ref == ref for finding in action.findings):
        raise ActionInvalid({kind: f"That {kind} is already linked to this action"})
    finding = ActionFinding(kind=kind, ref=ref)
    action.findings.append(finding)
    db.session.flush()
    return finding


def unlink_finding(action: Action, finding_id: int) -> bool:
    finding = next((finding for finding in action.findings if finding.id == finding_id), None)
    if finding is None:
        return False
    action.findings.remove(finding)
    db.session.flush()
    return True


@dataclass(frozen=True)
class FindingView:
    finding: ActionFinding
    kind_title: str
    words: str
    shown: bool  # may a board or a child see it? (an approved quote, or any question or theme)


def describe_findings(action: Action) -> list[FindingView]:
    """Each linked finding in words for staff pages. A quote that is no longer approved, or approved but
    withheld now (see moderation.quotes.publishable_quotes), is marked as not shown, with its wording left
    out."""
    questionnaire = questionnaire_of_action(action)
    themes = {theme.code: theme.title for theme in db.session.scalars(select(Theme))}
    shown_by_round: dict[int, dict[int, str]] = {}  # the rules are checked once per round, not per quote
    views = []
    for finding in action.findings:
        if finding.kind == "question":
            known = questionnaire is not None and questionnaire.has_question(finding.ref)
            words = questionnaire.question(finding.ref).text if known else f"{finding.ref} (not in this round)"
            views.append(FindingView(finding, "Question", words, True))
        elif finding.kind == "theme":
            views.append(FindingView(finding, "Theme", themes.get(finding.ref, finding.ref), True))
        elif finding.kind == FindingKind.MEETING:
            meeting = meeting_or_none(finding.ref)
            words = f"“{meeting.said}” ({source_words(meeting)})" if meeting else "A meeting no longer recorded"
            views.append(FindingView(finding, FINDING_TITLES["meeting"], words, meeting is not None))
        else:
            quote = db.session.get(Quote, int(finding.ref)) if finding.ref.isdigit() else None
            if quote is not None and quote.round_id not in shown_by_round:
                shown_by_round[quote.round_id] = {shown.id: shown.text for shown in publishable_quotes(quote.round_id)}
            publishable = shown_by_round[quote.round_id] if quote is not None else {}
            if quote is not None and quote.id in publishable:
                views.append(FindingView(finding, "Approved quote", f"“{publishable[quote.id]}”", True))
            else:
                # The reason is on the quote's moderation page: it may repeat the words redaction would hide.
                withheld = quote is not None and quote.status == QuoteStatus.APPROVED
                views.append(FindingView(finding, "Quote", WITHHELD if withheld else NOT_APPROVED, False))
    return views


def public_findings(action: Action) -> list[FindingView]:
    """The findings a published report may show: never a quote that is not approved."""
    return [view for view in describe_findings(action) if view.shown]
