"""Opening a round from the staff workspace, closing and reopening it. Pure checks first, then
changes that flush (the view commits once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from ..audit import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import RoundCohort, StoredQuestionnaire, SurveyRound
from ..models.statuses import RoundStatus, VersionStatus
from ..questionnaire.store import definition
from .access_code import code_problem, hash_code, normalise_code
from .groups import missing_group_question

AUDIENCES = {
    "in_care": "Children in care",
    "care_leavers": "Care leavers",
    "both": "Both children in care and care leavers",
}
# Cohort groups: (key, label, audiences the group belongs to)
COHORT_GROUPS = (
    ("in_care_8_11", "Children in care aged 8 to 11", {"in_care", "both"}),
    ("in_care_12_17", "Children in care aged 12 to 17", {"in_care", "both"}),
    ("care_leavers", "Care leavers aged 16 to 25", {"care_leavers", "both"}),
)
GROUP_LABELS = {key: label for key, label, _ in COHORT_GROUPS}
MAX_TITLE = 200
MAX_COHORT = 100_000
DATES = {"opens": "open date", "closes": "close date"}


@dataclass
class RoundSetup:
    title: str
    stored: StoredQuestionnaire
    audience: str
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    access_code: str | None = None
    cohorts: dict[str, int] = field(default_factory=dict)


class SetupInvalid(FormInvalid):
    """Every problem with what the worker typed, as {field id: message}, in the order of the page.
    `add_question_to`: the key of the chosen questionnaire when it lacks the question telling the round's
    groups apart (the page links to its builder)."""

    add_question_to: str | None = None


def published_versions() -> list[StoredQuestionnaire]:
    """Questionnaire versions a round may use: loaded and published, newest version of each first."""
    return list(db.session.scalars(
        select(StoredQuestionnaire).where(StoredQuestionnaire.status == VersionStatus.PUBLISHED)
        .order_by(StoredQuestionnaire.title, StoredQuestionnaire.key, StoredQuestionnaire.version.desc())
    ))


def _published(version_id: str | None) -> StoredQuestionnaire | None:
    if not version_id or not str(version_id).isdigit():
        return None
    stored = db.session.get(StoredQuestionnaire, int(version_id))
    return stored if stored is not None and stored.status == VersionStatus.PUBLISHED else None


def parse_date(day: str | None, month: str | None, year: str | None, name: str) -> dt.date | None:
    """A date from the three boxes of a GOV.UK date input; None when all are empty.
    Raises ValueError with a message naming the date (`name`, like "open date")."""
    parts = {"day": (day or "").strip(), "month": (month or "").strip(), "year": (year or "").strip()}
    if not any(parts.values()):
        return None
    missing = [part for part, value in parts.items() if not value]
    if missing:
        raise ValueError(f"The {name} must include a {' and '.join(missing)}")
    if not all(value.isdigit() for value in parts.values()):
        raise ValueError(f"The {name} must be a real date, like 27 3 2025")
    if len(parts["year"]) != 4:
        raise ValueError(f"The year of the {name} must include 4 numbers")
    try:
        return dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        raise ValueError(f"The {name} must be a real date, like 27 3 2025") from None


def parse_cohort(value: str | None, label: str) -> int | None:
    value = (value or "").strip().replace(",", "")
    if not value:
        return None
    if value.startswith("-") and value[1:].isdigit():
        raise ValueError(f"The number of {label.lower()} must be 0 or more")
    if not value.isdigit():
        raise ValueError(f"Enter the number of {label.lower()} as a whole number, like 12")
    number = int(value)
    if number > MAX_COHORT:
        raise ValueError(f"The number of {label.lower()} must be {MAX_COHORT:,} or fewer")
    return number


def check_setup(data: dict[str, str | None], today: dt.date | None = None) -> RoundSetup:
    """What the worker typed on "Open a round" -> a RoundSetup, or SetupInvalid with every problem.

    `data` keys: questionnaire, title, audience, opens_day/month/year, closes_day/month/year,
    access_code and one key per cohort group (COHORT_GROUPS)."""
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    stored = _published(data.get("questionnaire"))
    if stored is None:
        problems["questionnaire"] = ("Choose a questionnaire from the list" if not data.get("questionnaire")
                                     else "That questionnaire can’t be used. Choose one from the list")

    title = " ".join((data.get("title") or "").split())
    if not title:
        problems["title"] = "Enter a title for the round"
    elif len(title) > MAX_TITLE:
        problems["title"] = f"The title must be {MAX_TITLE} characters or fewer"

    audience = data.get("audience") or ""
    lacking = None
    if audience not in AUDIENCES:
        problems["audience"] = "Choose who the round is for"
    elif stored is not None:
        lacking = missing_group_question(audience, definition(stored))
        if lacking:
            problems["audience"] = lacking

    dates: dict[str, dt.date | None] = {}
    for prefix, name in DATES.items():
        try:
            dates[prefix] = parse_date(data.get(f"{prefix}_day"), data.get(f"{prefix}_month"),
                                       data.get(f"{prefix}_year"), name)
        except ValueError as problem:
            problems[f"{prefix}_day"] = str(problem)
            dates[prefix] = None
    opens_on, closes_on = dates["opens"], dates["closes"]
    if closes_on and "closes_day" not in problems:
        if opens_on and closes_on < opens_on:
            problems["closes_day"] = "The close date must be the same as or after the open date"
        elif closes_on < today:
            problems["closes_day"] = "The close date must be today or in the future"

    code = normalise_code(data.get("access_code"))
    if code:
        problem = code_problem(code)
        if problem:
            problems["access_code"] = problem

    cohorts = _cohorts(data, audience, problems)

    if problems:
        refused = SetupInvalid(problems)
        refused.add_question_to = stored.key if lacking and stored is not None else None
        raise refused
    assert stored is not None
    return RoundSetup(title=title, stored=stored, audience=audience, opens_on=opens_on, closes_on=closes_on,
                      access_code=code or None, cohorts=cohorts)


def _cohorts(data: dict[str, str | None], audience: str, problems: dict[str, str]) -> dict[str, int]:
    """The cohort sizes typed, per COHORT_GROUPS key; adds what is wrong with them to `problems`."""
    cohorts: dict[str, int] = {}
    for key, label, audiences in COHORT_GROUPS:
        try:
            number = parse_cohort(data.get(key), label)
        except ValueError as problem:
            problems[key] = str(problem)
            continue
        if number and audience in AUDIENCES and audience not in audiences:
            problems[key] = (f"This round is for {AUDIENCES[audience].lower()} only: leave the number of "
                             f"{label.lower()} empty, or choose “both”")
        elif number is not None and (audience not in AUDIENCES or audience in audiences):
            cohorts[key] = number
    return cohorts


def cohort_groups_of(survey_round: SurveyRound) -> list[tuple[str, str]]:
    """(key, label) of the cohort groups a round's numbers can be entered for: those of its audience."""
    return [(key, label) for key, label, audiences in COHORT_GROUPS
            if survey_round.audience not in AUDIENCES or survey_round.audience in audiences]


def check_cohorts(survey_round: SurveyRound, data: dict[str, str | None]) -> dict[str, int]:
    """The numbers typed on "Young people who could answer" for an open round, or SetupInvalid."""
    problems: dict[str, str] = {}
    cohorts = _cohorts(data, survey_round.audience, problems)
    if problems:
        raise SetupInvalid(problems)
    return cohorts


def set_cohorts(survey_round: SurveyRound, cohorts: dict[str, int], actor: str) -> None:
    """Keep the numbers of young people who could answer (a group left empty has none)."""
    kept = {cohort.group: cohort for cohort in survey_round.cohorts}
    survey_round.cohorts = [
        kept[group] if group in kept else RoundCohort(group=group, expected=expected)
        for group, expected in cohorts.items()
    ]
    for cohort in survey_round.cohorts:
        cohort.expected = cohorts[cohort.group]
    described = ", ".join(f"{GROUP_LABELS[group].lower()}: {expected:,}" for group, expected in cohorts.items())
    audit(actor, "round numbers changed", f"{survey_round.title} ({described or 'none'})")


def open_configured_round(setup: RoundSetup, actor: str) -> SurveyRound:
    survey_round = SurveyRound(
        title=setup.title, questionnaire_version_id=setup.stored.id, status=RoundStatus.OPEN, audience=setup.audience,
        opens_on=setup.opens_on, closes_on=setup.closes_on,
        access_code_hash=hash_code(setup.access_code) if setup.access_code else None,
    )
    survey_round.questionnaire_version = setup.stored
    survey_round.cohorts = [RoundCohort(group=group, expected=expected) for group, expected in setup.cohorts.items()]
    db.session.add(survey_round)
    db.session.flush()
    audit(actor, "round opened", f"{survey_round.title} ({setup.stored.key} v{setup.stored.version})")
    return survey_round


def close_round(survey_round: SurveyRound, actor: str, in_progress: int = 0) -> None:
    """Stop taking answers. Drafts in progress stay until they expire: a young person still answering
    sees the friendly "this survey has closed" page, and nothing they had not sent is kept."""
    survey_round.status = RoundStatus.CLOSED
    audit(actor, "round closed", survey_round.title + (f" with {in_progress} in progress" if in_progress else ""))


def reopen_round(survey_round: SurveyRound, actor: str, today: dt.date | None = None) -> bool:
    """Take answers again. Returns True when a close date that had passed was removed to do so."""
    today = today or dt.date.today()
    survey_round.status = RoundStatus.OPEN
    audit(actor, "round reopened", survey_round.title)
    if survey_round.closes_on and survey_round.closes_on < today:
        survey_round.closes_on = None
        return True
    return False


def has_ended(survey_round: SurveyRound, today: dt.date | None = None) -> bool:
    """Closed by a worker or past its close date: reopening is what is left to do."""
    today = today or dt.date.today()
    return survey_round.status != RoundStatus.OPEN or bool(survey_round.closes_on and survey_round.closes_on < today)


def round_state(survey_round: SurveyRound, today: dt.date | None = None) -> str:
    """How staff see a round's state, in words (in the page's language)."""
    from flask_babel import gettext as _
    from flask_babel import pgettext

    from ..dates import date_words

    today = today or dt.date.today()
    if survey_round.status != RoundStatus.OPEN:
        return pgettext("a round's state", "Closed")
    if survey_round.opens_on and today < survey_round.opens_on:
        return _("Opens on %(date)s", date=date_words(survey_round.opens_on))
    if survey_round.closes_on and today > survey_round.closes_on:
        return _("Closed (its close date, %(date)s, has passed)", date=date_words(survey_round.closes_on))
    return pgettext("a round's state", "Open")
