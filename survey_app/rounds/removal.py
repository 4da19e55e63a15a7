"""Removing responses that should not count: a fake one found through its written answer, or every paper
response of a round entered by mistake. Never silent: a reason is required, the round keeps a line saying
how many were removed, which way they came, why, by whom and when (no response ids), and the audit log has
the same without the reason's words being any young person's. Changes flush; views commit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from analysis.redaction import person_kinds

from ..audit import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import Answer, ManualCoding, Quote, ResponseRemoval, SurveyResponse, SurveyRound
from ..models.statuses import Channel

MIN_REASON, MAX_REASON = 10, 500


class RemovalRefused(FormInvalid):
    pass


def reason_problem(reason: str) -> str | None:
    if len(reason) < MIN_REASON:
        return f"Say why, in at least {MIN_REASON} characters (for example “Test answers typed by staff”)"
    if len(reason) > MAX_REASON:
        return f"Keep the reason to {MAX_REASON} characters or fewer"
    if person_kinds(reason):
        return "Take out names, emails and phone numbers: describe what was wrong without them"
    return None


def _remove(survey_round: SurveyRound, ids: list[str], channel: str, reason: str, actor: str,
            today: dt.date | None) -> ResponseRemoval:
    reason = " ".join(reason.split())
    problem = reason_problem(reason)
    if problem:
        raise RemovalRefused(problem)
    if not ids:
        raise RemovalRefused("There is nothing to remove")
    for model, column in ((Answer, Answer.response_id), (Quote, Quote.response_id),
                          (ManualCoding, ManualCoding.response_id), (SurveyResponse, SurveyResponse.id)):
        db.session.execute(delete(model).where(column.in_(ids)).execution_options(synchronize_session=False))
    removal = ResponseRemoval(round_id=survey_round.id, count=len(ids), channel=channel, reason=reason,
                              removed_by=actor, removed_on=today or dt.date.today())
    db.session.add(removal)
    audit(actor, "responses removed", f"{survey_round.slug}: {len(ids)} {channel}")
    db.session.flush()
    return removal


def response_of_round(survey_round: SurveyRound, response_id: str) -> SurveyResponse | None:
    response = db.session.get(SurveyResponse, response_id)
    return response if response is not None and response.round_id == survey_round.id else None


def remove_response(survey_round: SurveyRound, response_id: str, reason: str, actor: str,
                    today: dt.date | None = None) -> ResponseRemoval:
    response = response_of_round(survey_round, response_id)
    if response is None:
        raise RemovalRefused("That response isn’t in this round (it may have been removed already)")
    return _remove(survey_round, [response.id], response.channel, reason, actor, today)


def paper_response_ids(survey_round: SurveyRound) -> list[str]:
    return list(db.session.scalars(select(SurveyResponse.id).where(SurveyResponse.round_id == survey_round.id,
                                                                   SurveyResponse.channel == Channel.PAPER)))


def remove_paper_responses(survey_round: SurveyRound, reason: str, actor: str,
                           today: dt.date | None = None) -> ResponseRemoval:
    return _remove(survey_round, paper_response_ids(survey_round), Channel.PAPER, reason, actor, today)


def removals(survey_round: SurveyRound) -> list[ResponseRemoval]:
    return list(db.session.scalars(select(ResponseRemoval).where(ResponseRemoval.round_id == survey_round.id)
                                   .order_by(ResponseRemoval.id)))
