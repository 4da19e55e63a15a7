"""Answers in progress and sending them. Changes flush; the view commits once per request."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from ..clock import utc_now
from ..extensions import db
from ..models import Answer, Draft, SafeguardingFlag, SurveyResponse, SurveyRound
from ..models.response import week_of
from ..questionnaire.schema import Questionnaire
from ..safeguarding.triggers import help_reason
from .journey import Answers, visible_answers


def start_draft(survey_round: SurveyRound, hours: int) -> Draft:
    draft = Draft(round_id=survey_round.id, answers={}, expires_at=utc_now() + dt.timedelta(hours=hours))
    db.session.add(draft)
    db.session.flush()
    return draft


def find_draft(draft_id: str | None, survey_round: SurveyRound) -> Draft | None:
    if not draft_id:
        return None
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.round_id != survey_round.id or draft.expires_at < utc_now():
        return None
    return draft


def save_answer(draft: Draft, question_id: str, answer: dict, hours: int) -> None:
    draft.answers = {**draft.answers, question_id: answer}
    draft.expires_at = utc_now() + dt.timedelta(hours=hours)


def discard_draft(draft_id: str | None) -> None:
    if draft_id:
        db.session.execute(delete(Draft).where(Draft.id == draft_id))


def _answer_rows(answers: Answers, round_id: int) -> list[Answer]:
    rows: list[Answer] = []
    for question_id, answer in answers.items():
        if answer.get("skipped"):
            rows.append(Answer(question_id=question_id, position=0, skipped=True, round_id=round_id))
        elif "text" in answer:
            rows.append(Answer(question_id=question_id, position=0, text=answer["text"], round_id=round_id))
        else:
            rows.extend(
                Answer(question_id=question_id, position=position, choice=choice, round_id=round_id)
                for position, choice in enumerate(answer["choices"])
            )
    return rows


def flags_for(questionnaire: Questionnaire, answers: Answers, round_id: int, sent: bool) -> list[SafeguardingFlag]:
    flags = []
    for question_id, answer in answers.items():
        question = questionnaire.question(question_id)
        reason = help_reason(question, answer)
        if reason:
            shown = answer.get("text") or ", ".join(question.label_for(v) for v in answer.get("choices", []))
            flags.append(SafeguardingFlag(
                round_id=round_id, question_id=question_id, reason=reason, sent=sent,
                answer_text=f"{question.text} — {shown}", week_of=week_of(dt.date.today()),
            ))
    return flags


def submit(draft_id: str, survey_round: SurveyRound, questionnaire: Questionnaire) -> SurveyResponse | None:
    """Turn a draft into one response. Returns None when the draft was already sent (a double
    submit from two tabs or a re-sent POST): whoever deletes the draft row first is the one that stores."""
    draft = find_draft(draft_id, survey_round)
    if draft is None:
        return None
    answers = draft.answers
    db.session.expunge(draft)
    deleted = db.session.execute(delete(Draft).where(Draft.id == draft_id)).rowcount
    if deleted != 1:
        return None
    return store_response(survey_round, questionnaire, answers, channel="online")


def store_response(survey_round: SurveyRound, questionnaire: Questionnaire, answers: Answers,
                   channel: str, flush: bool = True) -> SurveyResponse:
    """Keep one response (online or paper) with its answer rows and safeguarding flags.
    Only answers to questions that are shown count; the response keeps the Monday of this week, no time.
    Storing many at once, pass flush=False and flush once after the last."""
    answers = visible_answers(questionnaire, answers)
    response = SurveyResponse(round_id=survey_round.id, week_of=week_of(dt.date.today()), channel=channel)
    response.answers = _answer_rows(answers, survey_round.id)
    db.session.add(response)
    db.session.add_all(flags_for(questionnaire, answers, survey_round.id, sent=True))
    if flush:
        db.session.flush()
    return response


def purge_expired(questionnaire_for_round) -> int:
    """Delete expired drafts. Worrying answers in a draft that was never sent are still flagged,
    so a child who said they were not safe and then closed the page is not forgotten."""
    expired = db.session.scalars(select(Draft).where(Draft.expires_at < utc_now())).all()
    for draft in expired:
        questionnaire = questionnaire_for_round(draft.round_id)
        answers = visible_answers(questionnaire, draft.answers)
        db.session.add_all(flags_for(questionnaire, answers, draft.round_id, sent=False))
        db.session.delete(draft)
    db.session.flush()
    return len(expired)
