"""Meetings, visits and group sessions as findings: what a group said, which group (a group's name, never a
person's), and when (a month; the day if known). Actions link them like a question, a theme or a quote
(FindingKind.MEETING, ref = the meeting's id). Checks raise MeetingInvalid with a message per field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from ..audit import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import MeetingFinding
from ..models.statuses import Occasion

MAX_GROUP = 200
MAX_SAID = 2000
OCCASION_TITLES: dict[str, str] = {Occasion.MEETING: "Meeting", Occasion.VISIT: "Visit",
                                   Occasion.GROUP_SESSION: "Group session"}
assert tuple(OCCASION_TITLES) == tuple(Occasion)
FIELDS = ("occasion", "group_name", "held_day", "held_month", "held_year", "said")

_EMAIL = re.compile(r"\S+@\S+")
_PHONE = re.compile(r"(?:\d[\s-]?){7,}")


class MeetingInvalid(FormInvalid):
    """Every problem with a meeting as typed, as {field: message}."""


@dataclass(frozen=True)
class MeetingFields:
    occasion: str
    group_name: str
    held_on: dt.date
    day_known: bool
    said: str


def _contact_details(text: str) -> bool:
    return bool(_EMAIL.search(text) or _PHONE.search(text))


def _held_on(day: str, month: str, year: str, today: dt.date) -> tuple[dt.date, bool]:
    if not month or not year:
        raise ValueError("Enter the month and year it was held, like 3 2026 (the day is optional)")
    if not (month.isdigit() and year.isdigit() and (not day or day.isdigit())) or len(year) != 4:
        raise ValueError("Enter a real date, like 3 2026 for March 2026")
    try:
        held_on = dt.date(int(year), int(month), int(day) if day else 1)
    except ValueError:
        raise ValueError("Enter a real date, like 3 2026 for March 2026") from None
    if held_on > today:
        raise ValueError("It must have been held already: enter a date in the past")
    return held_on, bool(day)


def check_meeting(data: Mapping[str, str | None], today: dt.date | None = None) -> MeetingFields:
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    occasion = (data.get("occasion") or "").strip()
    if occasion not in OCCASION_TITLES:
        problems["occasion"] = "Choose a meeting, a visit or a group session"
    group_name = " ".join((data.get("group_name") or "").split())
    if not group_name:
        problems["group_name"] = "Enter the group’s name, like Children in Care Council"
    elif len(group_name) > MAX_GROUP:
        problems["group_name"] = f"The group’s name must be {MAX_GROUP} characters or fewer"
    elif _contact_details(group_name):
        problems["group_name"] = "Enter the group’s name only, without an email address or phone number"
    held_on, day_known = today, False
    try:
        day, month, year = ((data.get(f"held_{part}") or "").strip() for part in ("day", "month", "year"))
        held_on, day_known = _held_on(day, month, year, today)
    except ValueError as problem:
        problems["held_day"] = str(problem)
    said = (data.get("said") or "").strip()
    if not said:
        problems["said"] = "Enter what the group said, in their words if you can"
    elif len(said) > MAX_SAID:
        problems["said"] = f"What was said must be {MAX_SAID} characters or fewer (it has {len(said)})"
    elif _contact_details(said):
        problems["said"] = ("Take out the email address or phone number: boards and young people will read "
                            "this")
    if problems:
        raise MeetingInvalid(problems)
    return MeetingFields(occasion, group_name, held_on, day_known, said)


def record_meeting(fields: MeetingFields, actor: str) -> MeetingFinding:
    meeting = MeetingFinding(occasion=fields.occasion, group_name=fields.group_name, held_on=fields.held_on,
                             day_known=fields.day_known, said=fields.said, recorded_by=actor)
    db.session.add(meeting)
    db.session.flush()
    audit(actor, "meeting recorded", source_words(meeting))
    return meeting


def meetings() -> list[MeetingFinding]:
    """Newest first."""
    return list(db.session.scalars(select(MeetingFinding).order_by(MeetingFinding.held_on.desc(),
                                                                   MeetingFinding.id.desc())))


def meeting_or_none(ref: str) -> MeetingFinding | None:
    return db.session.get(MeetingFinding, int(ref)) if ref.isdigit() else None


def when_words(meeting: MeetingFinding) -> str:
    """"March 2026", or "4 March 2026" when the day is known."""
    day = meeting.held_on
    return f"{day.day} {day:%B %Y}" if meeting.day_known else f"{day:%B %Y}"


def source_words(meeting: MeetingFinding) -> str:
    """"Children in Care Council, meeting, March 2026": who said it (a group), where and when."""
    occasion = OCCASION_TITLES.get(meeting.occasion, meeting.occasion).lower()
    return f"{meeting.group_name}, {occasion}, {when_words(meeting)}"
