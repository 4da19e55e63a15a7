"""The action register as a CSV file, out and back in.

One row per action, columns (README, "Action register"):
    reference,title,priority,owner,due_on,status,not_doing_reason,round,updates
`priority` is a priority code (its title is accepted too), `due_on` is 2025-03-27 (27/03/2025 as Excel
saves it is accepted too), `status` is planned, in_progress, done or not_doing (or the words on the page),
`round` is the round's id from its link (or its exact title), and `updates` holds every progress update
as "2025-03-27: what happened", joined by " | ". A cell that a spreadsheet would run as a formula (it
starts with =, +, -, @) is written with an apostrophe in front, which the import takes off.

Import checks every row like the form does, and stores all of the rows or none: every problem is listed
with its line. A reference already in the register updates that action; a new one adds an action.
Progress updates in the file that the action does not have yet are added; none are ever removed.
Findings are linked in the app and are not part of the file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from ..cells import guard_formula, unguard_formula
from ..csv_table import Row, RowProblem, RowRefused, TableWords, read_table
from ..extensions import db
from ..models import Action, ActionUpdate, SurveyRound
from .operations import Filters, apply_fields, audit, list_actions
from .rules import (
    UPDATE_SEPARATOR,
    ActionFields,
    ActionInvalid,
    action_by_reference,
    check_action,
    check_reference,
    check_update_date,
    check_update_text,
    parse_written_date,
)

COLUMNS = ("reference", "title", "priority", "owner", "due_on", "status", "not_doing_reason", "round", "updates")
REQUIRED = ("reference", "title", "priority", "owner", "status")
MAX_ROWS = 1000
# Where each field's problem is reported: the CSV column it came from.
FIELD_COLUMNS = {"reference": "reference", "title": "title", "priority": "priority", "round": "round",
                 "owner": "owner", "due_day": "due_on", "status": "status", "not_doing_reason": "not_doing_reason"}
_UPDATE = re.compile(r"\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})\s*:\s*(.*)", re.DOTALL)

EMPTY = ("The file is empty. Export the register to get a file with the right header row, "
         "then add one row for each action.")
NO_ROWS = "There are no actions in the file: add one row for each action under the header row."


def too_many_rows(count: int) -> str:
    return (f"The file has {count} actions; at most {MAX_ROWS} can be imported at a time. "
            "Split it into smaller files, each with the header row.")


WORDS = TableWords(empty=EMPTY, no_rows=NO_ROWS, too_many=too_many_rows, column_name="name")


# -- export ------------------------------------------------------------------------------------------------
def updates_cell(action: Action) -> str:
    return f" {UPDATE_SEPARATOR} ".join(f"{update.written_on.isoformat()}: {update.text}" for update in action.updates)


def action_row(action: Action, round_slugs: dict[int, str]) -> list[str]:
    return [
        action.reference, action.title, action.priority_code, action.owner,
        action.due_on.isoformat() if action.due_on else "", action.status, action.not_doing_reason,
        round_slugs.get(action.round_id, "") if action.round_id else "", updates_cell(action),
    ]


def export_csv(survey_round: SurveyRound | None = None) -> tuple[str, int]:
    """(the CSV text with a byte-order mark so Excel reads it as UTF-8, number of actions): every action,
    or the round's."""
    actions = list_actions(Filters(round=survey_round.slug if survey_round else ""))
    round_slugs = dict(db.session.query(SurveyRound.id, SurveyRound.slug).all())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for action in actions:
        writer.writerow([guard_formula(cell) for cell in action_row(action, round_slugs)])
    return "\ufeff" + out.getvalue(), len(actions)


def export_filename(survey_round: SurveyRound | None, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"actions-{survey_round.slug if survey_round else 'all'}-{today.isoformat()}.csv"


def export_actions(actor: str, survey_round: SurveyRound | None = None) -> tuple[str, int]:
    """The export, recorded in the audit log."""
    text, count = export_csv(survey_round)
    where = f"round {survey_round.slug}" if survey_round else "all rounds"
    audit(actor, "actions exported", f"{count} action{'' if count == 1 else 's'} ({where})")
    return text, count


# -- import ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ActionRow:
    line: int
    fields: ActionFields
    updates: tuple[tuple[dt.date, str], ...]
    columns: frozenset[str]


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updates_added: int = 0
    findings_removed: int = 0


def _header(cells: list[str]) -> tuple[list[str], list[RowProblem]]:
    columns = [cell.strip().lower() for cell in cells]
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for number, column in enumerate(columns, start=1):
        if not column:
            continue
        if column not in COLUMNS:
            problems.append(RowProblem(1, f"column {number}, “{cells[number - 1].strip()}”, is not a column of the "
                                          f"action register. The columns are: {', '.join(COLUMNS)}."))
        elif column in seen:
            problems.append(RowProblem(1, f"the column “{column}” appears twice. Keep one of them."))
        seen.add(column)
    missing = [column for column in REQUIRED if column not in seen]
    if missing:
        problems.append(RowProblem(1, "the header row must have the columns " + ", ".join(missing)
                                   + f" (the full header is: {','.join(COLUMNS)})."))
    return columns, problems


def parse_updates(cell: str, today: dt.date) -> tuple[list[tuple[dt.date, str]], list[str]]:
    """The progress updates in one cell, and a message for each that cannot be read."""
    updates: list[tuple[dt.date, str]] = []
    problems: list[str] = []
    pieces = [piece for piece in cell.split(UPDATE_SEPARATOR) if piece.strip()]
    for number, piece in enumerate(pieces, start=1):
        where = f"updates: update {number} (“{' '.join(piece.split())[:40]}”)"
        match = _UPDATE.fullmatch(piece)
        if not match:
            problems.append(f"{where} must start with its date, like “2025-03-27: what happened”")
            continue
        try:
            written_on = check_update_date(parse_written_date(match[1], "update date"), today)
            text = check_update_text(match[2])
        except ValueError as problem:
            problems.append(f"{where}: {problem}")
            continue
        updates.append((written_on, text))
    return updates, problems


def _existing_values(action: Action | None) -> dict[str, str]:
    """What an existing action has, for the optional columns a file leaves out."""
    if action is None:
        return {"due_on": "", "not_doing_reason": "", "round": ""}
    survey_round = db.session.get(SurveyRound, action.round_id) if action.round_id else None
    return {"due_on": action.due_on.isoformat() if action.due_on else "", "not_doing_reason": action.not_doing_reason,
            "round": survey_round.slug if survey_round else ""}


def _existing_action(typed: str) -> Action | None:
    try:
        return action_by_reference(check_reference(typed))
    except ValueError:
        return None


def read_actions(data: bytes, today: dt.date | None = None) -> list[ActionRow]:
    """Every action in the file, or CsvRefused listing every problem with its line number."""
    today = today or dt.date.today()
    seen: dict[str, int] = {}

    def read_row(row: Row) -> ActionRow:
        written = {column: unguard_formula(cell) for column, cell in row.cells.items()}
        existing = _existing_action(written.get("reference", ""))
        values = _existing_values(existing) | {column: written.get(column, "") for column in row.columns}
        problems: list[str] = []
        fields: ActionFields | None = None
        try:
            fields = check_action(values, editing=existing, check_unique=False)
        except ActionInvalid as invalid:
            problems += [f"{FIELD_COLUMNS.get(name, name)}: {message}" for name, message in invalid.problems.items()]
        updates, update_problems = parse_updates(written.get("updates", ""), today)
        problems += update_problems
        if fields is not None:
            key = fields.reference.lower()
            if key in seen:
                problems.insert(0, f"reference: {fields.reference} is also on line {seen[key]}. "
                                   "Each action must be on one row only")
            seen.setdefault(key, row.line)
        if problems:
            raise RowRefused(problems)
        assert fields is not None
        return ActionRow(row.line, fields, tuple(updates), row.columns)

    return read_table(data, words=WORDS, max_rows=MAX_ROWS, header=_header, read_row=read_row, strict=True)


def _snapshot(action: Action) -> tuple:
    return (action.reference, action.title, action.priority_code, action.round_id, action.owner, action.due_on,
            action.status, action.not_doing_reason)


def import_actions(data: bytes, actor: str, filename: str = "", today: dt.date | None = None) -> ImportResult:
    """Add or update every action in the file, or none (CsvRefused). Flushes; the caller commits."""
    today = today or dt.date.today()
    rows = read_actions(data, today)
    result = ImportResult()
    for row in rows:
        action = action_by_reference(row.fields.reference)
        is_new = action is None
        if action is None:
            action = Action(created_on=today)
            db.session.add(action)
            before: tuple = ()
        else:
            before = _snapshot(action)
        result.findings_removed += apply_fields(action, row.fields)
        have = {(update.written_on, update.text) for update in action.updates}
        added = 0
        for written_on, text in row.updates:
            if (written_on, text) not in have:
                action.updates.append(ActionUpdate(written_on=written_on, text=text, author=actor))
                have.add((written_on, text))
                added += 1
        result.updates_added += added
        if is_new:
            result.added.append(action.reference)
        elif added or _snapshot(action) != before:
            result.updated.append(action.reference)
        else:
            result.unchanged.append(action.reference)
    db.session.flush()
    source = f" from {filename}" if filename else ""
    audit(actor, "actions imported", f"{len(result.added)} added, {len(result.updated)} updated, "
                                     f"{len(result.unchanged)} unchanged{source}")
    return result


def describe_result(result: ImportResult) -> str:
    """The confirmation, in words: what was added, what was changed."""
    def listed(references: list[str]) -> str:
        shown = ", ".join(references[:20])
        return shown + (f" and {len(references) - 20} more" if len(references) > 20 else "")

    parts = []
    if result.added:
        parts.append(f"{len(result.added)} new action{'' if len(result.added) == 1 else 's'} added "
                     f"({listed(result.added)})")
    if result.updated:
        parts.append(f"{len(result.updated)} existing action{'' if len(result.updated) == 1 else 's'} updated "
                     f"({listed(result.updated)})")
    if result.unchanged:
        parts.append(f"{len(result.unchanged)} already up to date")
    message = "; ".join(parts) + "."
    if result.updates_added:
        message += f" {result.updates_added} progress update{'' if result.updates_added == 1 else 's'} added."
    if result.findings_removed:
        message += (f" {result.findings_removed} linked question{'' if result.findings_removed == 1 else 's'} or "
                    "quotes were removed because their action now answers a different round.")
    return message[0].upper() + message[1:]
