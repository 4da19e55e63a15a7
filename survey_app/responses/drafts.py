"""Answers in progress and sending them. Changes flush; the view commits once per request."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, bindparam, delete, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..clock import utc_now
from ..extensions import db
from ..models import Answer, Draft, SurveyResponse, SurveyRound
from ..models.response import week_of
from ..models.statuses import Channel
from ..questionnaire.schema import Question, Questionnaire
from ..rounds.operations import WITH_VERSION_NOT_ITS_YAML
from ..safeguarding.flags import hold_if_worrying, hold_worrying_answers
from ..text_scores import Coder, score_rows
from .journey import Answers, visible_answers


def start_draft(survey_round: SurveyRound, hours: int, language: str = "en") -> Draft:
    draft = Draft(round_id=survey_round.id, answers={}, expires_at=utc_now() + dt.timedelta(hours=hours),
                  language=language)
    db.session.add(draft)
    db.session.flush()
    return draft


def _current(draft: Draft | None, survey_round: SurveyRound) -> Draft | None:
    if draft is None or draft.round_id != survey_round.id or draft.expires_at < utc_now():
        return None
    return draft


def find_draft(draft_id: str | None, survey_round: SurveyRound) -> Draft | None:
    if not draft_id:
        return None
    return _current(db.session.get(Draft, draft_id), survey_round)


# Every question page runs this statement: built once, so a request neither builds it again nor works
# out its cache key again (SQLAlchemy keeps that on the statement object); only the values change.
_ROUND_AND_DRAFT = (
    select(SurveyRound, Draft)
    .outerjoin(Draft, and_(Draft.round_id == SurveyRound.id, Draft.id == bindparam("draft_id")))
    .where(SurveyRound.slug == bindparam("slug"))
    .options(WITH_VERSION_NOT_ITS_YAML)
)


def round_and_draft(slug: str, draft_id: str | None) -> tuple[SurveyRound | None, Draft | None]:
    """The round at this link and the young person's draft in it (None if missing, expired or another
    round's), read in one statement: every question page needs both."""
    if not draft_id:
        return db.session.scalar(select(SurveyRound).filter_by(slug=slug).options(WITH_VERSION_NOT_ITS_YAML)), None
    row = db.session.execute(_ROUND_AND_DRAFT, {"slug": slug, "draft_id": draft_id}).first()
    if row is None:
        return None, None
    survey_round, draft = row
    return survey_round, _current(draft, survey_round)


_DRAFTS = Draft.__table__
_SAVE_DRAFT = (
    update(_DRAFTS)
    .where(_DRAFTS.c.id == bindparam("draft_id"), _DRAFTS.c.version == bindparam("seen_version"))
    .values(answers=bindparam("new_answers", type_=_DRAFTS.c.answers.type),
            expires_at=bindparam("new_expires_at", type_=_DRAFTS.c.expires_at.type),
            raised=bindparam("new_raised", type_=_DRAFTS.c.raised.type),
            version=bindparam("new_version", type_=_DRAFTS.c.version.type))
)
_SAVED_NOW = select(_DRAFTS.c.answers, _DRAFTS.c.raised, _DRAFTS.c.version).where(_DRAFTS.c.id == bindparam("draft_id"))


def save_answer(draft: Draft, question: Question, answer: dict, hours: int) -> str | None:
    """Keep the answer in the draft, at once, in one UPDATE (nothing read back): a dropped connection
    afterwards loses nothing. A worrying answer is held for the safeguarding lead in the same
    transaction, so no way of leaving afterwards can lose it. Returns why help should be shown, or None.
    `draft` shows the new answers afterwards, with nothing left for the ORM to write again.

    The UPDATE only writes the draft as it was read (its `version`): when another device (a carry-on code)
    saved an answer in between, its answers are read again and this one added to them, so neither is lost."""
    reason = hold_if_worrying(draft, question, answer)  # may add to draft.raised and add a held flag
    answers = {**draft.answers, question.id: answer}
    expires_at = utc_now() + dt.timedelta(hours=hours)
    raised = draft.raised or []
    seen = draft.version
    while db.session.execute(_SAVE_DRAFT, {"draft_id": draft.id, "seen_version": seen, "new_answers": answers,
                                           "new_expires_at": expires_at, "new_raised": raised,
                                           "new_version": seen + 1}).rowcount != 1:
        saved = db.session.execute(_SAVED_NOW, {"draft_id": draft.id}).first()
        if saved is None:  # sent or deleted meanwhile: nothing to add the answer to
            break
        answers = {**saved.answers, question.id: answer}
        raised = [*saved.raised, *(digest for digest in raised if digest not in saved.raised)]
        seen = saved.version
    for name, value in (("answers", answers), ("expires_at", expires_at), ("raised", raised),
                        ("version", seen + 1)):
        set_committed_value(draft, name, value)
    return reason


def keep_language(draft: Draft, language: str) -> None:
    """The young person changed the survey's language (`?lang=`): kept in the draft at once, in one
    UPDATE, so the next page and a carry-on code on another device bring it back."""
    db.session.execute(update(_DRAFTS).where(_DRAFTS.c.id == draft.id).values(language=language))
    set_committed_value(draft, "language", language)


def discard_draft(draft_id: str | None) -> None:
    """Forget a draft ("Exit this page", "Start again"). Its worrying answers were held when given."""
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


def submit(draft_id: str, survey_round: SurveyRound, questionnaire: Questionnaire) -> SurveyResponse | None:
    """Turn a draft into one response. Returns None when the draft was already sent (a double
    submit from two tabs or a re-sent POST): whoever deletes the draft row first is the one that stores."""
    draft = find_draft(draft_id, survey_round)
    if draft is None:
        return None
    answers, language = draft.answers, draft.language
    db.session.expunge(draft)
    deleted = db.session.execute(delete(Draft).where(Draft.id == draft_id)).rowcount
    if deleted != 1:
        return None
    return store_response(survey_round, questionnaire, answers, channel=Channel.ONLINE, language=language)


def store_response(survey_round: SurveyRound, questionnaire: Questionnaire, answers: Answers,
                   channel: Channel, flush: bool = True, coder: Coder | None = None,
                   language: str = "en") -> SurveyResponse:
    """Keep one response (online or paper) with its answer rows.
    Only answers to questions that are shown count; the response keeps the Monday of this week, no time.
    Online, worrying answers were held when given; a paper response's are held here (the worker entering
    it has the paper in hand anyway). Written answers are scored as they are stored (text_scores.score_rows).
    Storing many at once, pass flush=False and flush once after the last, and one ``coder``
    (text_scores.current_coder()) so the codebook is read once."""
    answers = visible_answers(questionnaire, answers)
    response = SurveyResponse(round_id=survey_round.id, week_of=week_of(dt.date.today()), channel=channel,
                              language=language or "en")
    response.answers = _answer_rows(answers, survey_round.id)
    score_rows(response.answers, coder)
    db.session.add(response)
    if channel != Channel.ONLINE:
        hold_worrying_answers(questionnaire, answers, survey_round.id, response.language or "en")
    if flush:
        db.session.flush()
    return response


def purge_expired() -> int:
    """Delete expired drafts in one statement, so purges running at once never see the same draft twice.
    Their worrying answers were held when they were given; nothing is lost."""
    return db.session.execute(delete(Draft).where(Draft.expires_at < utc_now())).rowcount
