"""A few actions for the demo, from the council report in seed 002 (Swindon, 2018): its numbered
actions 14.9, 15.2 and 15.8, which answer what the care leavers group said (recorded as meetings, in the
group's words from the report), and three of the report's unnumbered improvement actions under references
of our own (P6.1, P6.2, P4.3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import Action, ActionFinding, ActionUpdate, MeetingFinding, StoredQuestionnaire, SurveyRound, Theme
from ..models.statuses import ActionStatus, FindingKind, Occasion
from ..questionnaire.store import definition


@dataclass(frozen=True)
class DemoAction:
    reference: str
    title: str
    priority: str
    owner: str
    due_in_days: int | None
    status: ActionStatus
    questionnaire: str  # the key of the questionnaire whose newest round it answers
    questions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    updates: tuple[tuple[int, str], ...] = ()  # (days ago, text)
    not_doing_reason: str = ""
    meeting_said: str = ""  # what the care leavers group said at a meeting, which the action answers


DEMO_GROUP = "Care Leavers group"
DEMO_ACTIONS = (
    DemoAction("14.9", "Launch the Local Offer: one website with every service and support for care leavers",
               "eet", "Head of Service, Care Leavers", 45, ActionStatus.IN_PROGRESS, "care-leavers",
               questions=("heard_of_local_offer", "local_offer_helped"), themes=("money", "housing"),
               meeting_said="There is no website containing all services for care leavers.",
               updates=((60, "The care leavers group chose what goes on the first pages."),
                        (12, "Money and housing pages written with the care leavers group. Going live next month."))),
    DemoAction("15.2", "Make it quicker to get counselling and mental health support", "health",
               "Head of Children in Care", 90, ActionStatus.IN_PROGRESS, "care-leavers",
               questions=("mental_health_help_quick", "know_mental_health_help"), themes=("mental_health",),
               meeting_said="Accessing mental health and counselling services can be slow.",
               updates=((20, "A weekly drop-in with a mental health nurse started at the care leavers hub."),)),
    DemoAction("15.8", "Make moving from children’s to adult health services clearer, especially for mental health",
               "health", "Designated Nurse for Children in Care", -14, ActionStatus.PLANNED, "care-leavers",
               questions=("adult_health_help",), themes=("mental_health", "physical_health"),
               meeting_said="Transitions to adult health are confusing."),
    DemoAction("P6.1", "Review the ‘top 20’ placements so that children have fewer moves", "placement",
               "Head of Placements", -30, ActionStatus.DONE, "younger-children",
               questions=("feel_about_home",), themes=("placement",),
               updates=((90, "Care panel started, chaired by the Assistant Director."),
                        (35, "All 20 placements reviewed. Support plans agreed with each child’s carers."))),
    DemoAction("P6.2", "Give every child in care a health passport", "health",
               "Designated Nurse for Children in Care", 120, ActionStatus.IN_PROGRESS, "care-leavers",
               questions=("health_passport",), themes=("physical_health",),
               updates=((15, "Health passports now handed over at every 16th-birthday review."),)),
    DemoAction("P4.3", "Make a separate survey app for children under 8", "voice",
               "Participation Manager", None, ActionStatus.NOT_DOING, "younger-children",
               themes=("listened_to",),
               not_doing_reason="The survey for 8 to 11 year olds, with faces and words, works for younger "
                                "children with a grown-up beside them. The Children in Care Council will try it "
                                "with younger children first."),
)


def newest_round_of(key: str) -> SurveyRound | None:
    return db.session.scalar(
        select(SurveyRound).join(StoredQuestionnaire, StoredQuestionnaire.id == SurveyRound.questionnaire_version_id)
        .where(StoredQuestionnaire.key == key).order_by(SurveyRound.id.desc()).limit(1))


def add_demo_actions(author: str = "demo", today: dt.date | None = None) -> list[str]:
    """Add the demo actions the register does not have yet; returns their references. Flushes."""
    today = today or dt.date.today()
    themes = set(db.session.scalars(select(Theme.code).where(Theme.active)))
    added = []
    for demo in DEMO_ACTIONS:
        if db.session.scalar(select(Action.id).where(Action.reference == demo.reference)) is not None:
            continue
        survey_round = newest_round_of(demo.questionnaire)
        questionnaire = definition(survey_round.questionnaire_version) if survey_round else None
        action = Action(
            reference=demo.reference, title=demo.title, priority_code=demo.priority, owner=demo.owner,
            due_on=today + dt.timedelta(days=demo.due_in_days) if demo.due_in_days is not None else None,
            status=demo.status, not_doing_reason=demo.not_doing_reason,
            round_id=survey_round.id if survey_round else None, created_on=today - dt.timedelta(days=100),
        )
        action.updates = [ActionUpdate(written_on=today - dt.timedelta(days=days), text=text, author=author)
                          for days, text in demo.updates]
        action.findings = (
            [ActionFinding(kind=FindingKind.QUESTION, ref=question) for question in demo.questions
             if questionnaire is not None and questionnaire.has_question(question)]
            + [ActionFinding(kind=FindingKind.THEME, ref=theme) for theme in demo.themes if theme in themes]
            + ([ActionFinding(kind=FindingKind.MEETING, ref=str(_demo_meeting(demo.meeting_said, author, today).id))]
               if demo.meeting_said else [])
        )
        db.session.add(action)
        added.append(demo.reference)
    db.session.flush()
    return added


def _demo_meeting(said: str, author: str, today: dt.date) -> MeetingFinding:
    """The care leavers group's meeting where it said this (about four months ago), recorded once."""
    meeting = db.session.scalar(select(MeetingFinding).where(MeetingFinding.group_name == DEMO_GROUP,
                                                             MeetingFinding.said == said))
    if meeting is None:
        held = today - dt.timedelta(days=120)
        meeting = MeetingFinding(occasion=Occasion.MEETING, group_name=DEMO_GROUP, held_on=held.replace(day=1),
                                 day_known=False, said=said, recorded_by=author)
        db.session.add(meeting)
        db.session.flush()
    return meeting
