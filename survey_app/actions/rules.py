"""What an action, a progress update and a linked finding must be. Each check turns what was typed
(on the form or in a CSV row) into clean values, or raises with a message for each field, worded the
same wherever it comes from. Lookups (priorities, rounds, references in use) read the database; nothing
here changes it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..form_problems import FormInvalid
from ..models import Action, StrategyPriority, SurveyRound
from ..models.statuses import ActionStatus
from ..rounds.setup import parse_date

MAX_REFERENCE = 20
MAX_TITLE = 300
MAX_OWNER = 200
MAX_REASON = 2000
MAX_UPDATE = 2000
UPDATE_SEPARATOR = "|"  # joins progress updates in one CSV cell (csv_io.py), so updates may not contain it

STATUS_TITLES = {
    ActionStatus.PLANNED: "Planned",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.NOT_DOING: "Not doing",
}
assert tuple(STATUS_TITLES) == tuple(ActionStatus)
# Still to happen: an action in one of these states is overdue once its due date has passed.
OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)

_REFERENCE = re.compile(r"[A-Za-z0-9]+(?:[.\-/][A-Za-z0-9]+)*")
_ACTION_WORD = re.compile(r"^action\s+", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+")
_PHONE = re.compile(r"(?:\d[\s-]?){7,}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class ActionInvalid(FormInvalid):
    """Every problem with an action as typed, as {field: message}, in the order of the form."""


@dataclass(frozen=True)
class ActionFields:
    reference: str
    title: str
    priority_code: str
    owner: str
    status: str
    round_id: int | None = None
    due_on: dt.date | None = None
    not_doing_reason: str = ""


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# -- single fields: pure ------------------------------------------------------------------------------
def check_reference(typed: str | None) -> str:
    """The council's number for the action, like 14.9, 6.2a or PEP-1. "Action 14.9" is taken as 14.9."""
    reference = _ACTION_WORD.sub("", (typed or "").strip()).strip()
    if not reference:
        raise ValueError("Enter the action’s reference, like 14.9")
    if len(reference) > MAX_REFERENCE:
        raise ValueError(f"The reference must be {MAX_REFERENCE} characters or fewer")
    if not _REFERENCE.fullmatch(reference):
        raise ValueError("The reference can only have letters and numbers, with dots, dashes or slashes between "
                         "them, like 14.9 or PEP-1")
    return reference


def check_title(typed: str | None) -> str:
    title = one_line(typed)
    if not title:
        raise ValueError("Enter what the council will do, in plain words")
    if len(title) > MAX_TITLE:
        raise ValueError(f"The title must be {MAX_TITLE} characters or fewer (it has {len(title)})")
    return title


def check_owner(typed: str | None) -> str:
    """Who is responsible, as a role. Children's pages show it, so never a person's name or contact details."""
    owner = one_line(typed)
    if not owner:
        raise ValueError("Enter who is responsible, as a role, like Head of Children in Care")
    if len(owner) > MAX_OWNER:
        raise ValueError(f"The owner must be {MAX_OWNER} characters or fewer")
    if _EMAIL.search(owner) or _PHONE.search(owner):
        raise ValueError("Enter the owner as a role, like Head of Children in Care, without an email address or "
                         "phone number")
    return owner


def check_status(typed: str | None) -> str:
    """A status key; the words on the page ("In progress") are accepted too, in any case."""
    value = one_line(typed).lower()
    if not value:
        raise ValueError("Choose the action’s status")
    for key, words in STATUS_TITLES.items():
        if value in (key, words.lower()):
            return key
    raise ValueError("The status must be one of: " + ", ".join(STATUS_TITLES.values()))


def check_reason(status: str, typed: str | None) -> str:
    """"Not doing" needs a reason young people can read; any other status keeps none."""
    reason = (typed or "").strip()
    if status != ActionStatus.NOT_DOING:
        return ""
    if not reason:
        raise ValueError("Say why the council is not doing this action: young people will read the reason")
    if len(reason) > MAX_REASON:
        raise ValueError(f"The reason must be {MAX_REASON} characters or fewer")
    return reason


def parse_due_parts(day: str | None, month: str | None, year: str | None) -> dt.date | None:
    """The due date from the day, month and year boxes; None when all are empty."""
    return parse_date(day, month, year, "due date")


def parse_written_date(typed: str | None, name: str = "due date") -> dt.date | None:
    """A date written in a CSV cell: 2025-03-27, or 27/03/2025 as Excel saves it in the UK; None if empty."""
    text = (typed or "").strip()
    if not text:
        return None
    iso, uk = _ISO_DATE.fullmatch(text), _UK_DATE.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if uk:
            return dt.date(int(uk[3]), int(uk[2]), int(uk[1]))
    except ValueError:
        raise ValueError(f"The {name} “{text}” is not a real date") from None
    raise ValueError(f"Write the {name} as year-month-day, like 2025-03-27 (not “{text}”)")


def check_update_text(typed: str | None) -> str:
    text = (typed or "").strip()
    if not text:
        raise ValueError("Enter what has happened")
    if len(text) > MAX_UPDATE:
        raise ValueError(f"The update must be {MAX_UPDATE} characters or fewer (it has {len(text)})")
    if UPDATE_SEPARATOR in text:
        raise ValueError(f"Use a comma or a full stop instead of “{UPDATE_SEPARATOR}”: it separates updates in "
                         "the CSV file")
    return text


def check_update_date(written_on: dt.date | None, today: dt.date) -> dt.date:
    """The day the update describes: today when not given, never in the future."""
    written_on = written_on or today
    if written_on > today:
        raise ValueError("The date of the update must be today or in the past")
    return written_on


# -- lookups in the register ---------------------------------------------------------------------------
def priorities() -> list[StrategyPriority]:
    return list(db.session.scalars(select(StrategyPriority).order_by(StrategyPriority.position,
                                                                      StrategyPriority.id)))


def check_priority(typed: str | None) -> str:
    """A council priority's code; its title is accepted too, in any case."""
    value = one_line(typed)
    if not value:
        raise ValueError("Choose the council priority the action belongs to")
    for priority in priorities():
        if value.lower() in (priority.code.lower(), priority.title.lower()):
            return priority.code
    raise ValueError(f"“{value}” is not one of the council’s priorities. Use one of: "
                     + ", ".join(priority.code for priority in priorities()))


def rounds() -> list[SurveyRound]:
    return list(db.session.scalars(select(SurveyRound).order_by(SurveyRound.created_on.desc(),
                                                                 SurveyRound.id.desc())))


def find_round(typed: str | None) -> SurveyRound | None:
    """The round by its link id (slug) or by its exact title; None when left empty."""
    value = one_line(typed)
    if not value:
        return None
    survey_round = db.session.scalar(select(SurveyRound).where(SurveyRound.slug == value))
    if survey_round is not None:
        return survey_round
    named = list(db.session.scalars(select(SurveyRound).where(func.lower(SurveyRound.title) == value.lower())))
    if len(named) == 1:
        return named[0]
    if named:
        raise ValueError(f"{len(named)} rounds are called “{value}”: use the round’s id from its link instead")
    raise ValueError(f"There is no survey round “{value}”. Use the round’s id from its link, or its title")


def action_by_reference(reference: str) -> Action | None:
    return db.session.scalar(select(Action).where(func.lower(Action.reference) == reference.lower()))


# -- a whole action ------------------------------------------------------------------------------------
def check_action(data: Mapping[str, str | None], *, editing: Action | None = None,
                 check_unique: bool = True) -> ActionFields:
    """What was typed for an action -> ActionFields, or ActionInvalid with every problem.

    `data` keys: reference, title, priority, round (slug or title; empty for none), owner, status,
    not_doing_reason, and the due date as due_day/due_month/due_year (the form) or due_on (a CSV cell).
    `editing` is the action being changed, which may keep its own reference."""
    problems: dict[str, str] = {}
    values: dict[str, object] = {}

    def take(name: str, check, *args) -> None:
        try:
            values[name] = check(*args)
        except ValueError as problem:
            problems[name] = str(problem)

    take("reference", check_reference, data.get("reference"))
    if check_unique and "reference" in values:
        holder = action_by_reference(str(values["reference"]))
        if holder is not None and (editing is None or holder.id != editing.id):
            problems["reference"] = f"There is already an action {holder.reference}. Each reference must be different"
    take("title", check_title, data.get("title"))
    take("priority", check_priority, data.get("priority"))
    take("round", find_round, data.get("round"))
    take("owner", check_owner, data.get("owner"))
    if "due_on" in data:
        take("due_day", parse_written_date, data.get("due_on"))
    else:
        take("due_day", parse_due_parts, data.get("due_day"), data.get("due_month"), data.get("due_year"))
    take("status", check_status, data.get("status"))
    if "status" in values:
        take("not_doing_reason", check_reason, values["status"], data.get("not_doing_reason"))
    if problems:
        raise ActionInvalid(problems)
    survey_round = values["round"]
    return ActionFields(
        reference=str(values["reference"]), title=str(values["title"]), priority_code=str(values["priority"]),
        owner=str(values["owner"]), status=str(values["status"]),
        round_id=survey_round.id if isinstance(survey_round, SurveyRound) else None,
        due_on=values["due_day"],  # type: ignore[arg-type]
        not_doing_reason=str(values["not_doing_reason"]),
    )


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    """Past its due date and not done (or dropped)."""
    today = today or dt.date.today()
    return bool(action.due_on and action.due_on < today and action.status in OPEN_STATUSES)


def reference_sort_key(reference: str) -> tuple:
    """14.9 before 14.10 before 15.2; letters after numbers at the same place."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.findall(r"\d+|[A-Za-z]+", reference))
