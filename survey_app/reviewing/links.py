"""Review links: a random token (160 bits) shown once to the worker, kept only as its SHA-256 hash (the token
is random, so a fast hash is enough: there is nothing to guess from it), with an expiry, revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit import audit
from ..clock import utc_now
from ..extensions import db
from ..models import ReviewLink, SurveyRound
from ..models.ids import review_token
from ..models.statuses import ReviewKind

# What token_urlsafe makes; anything else is not one of ours and is not looked up.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


class LinkProblem(StrEnum):
    """Why a link can't be used (each has its own friendly page)."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Opened:
    link: ReviewLink | None
    problem: LinkProblem | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def make_link(*, actor: str, days: int, questionnaire_key: str | None = None,
              survey_round: SurveyRound | None = None, now: dt.datetime | None = None) -> tuple[ReviewLink, str]:
    """A new link to a questionnaire (its latest version, whatever it is when opened) or to a round's "You
    said, we did" page. Returns the link and its token, which is never kept: show it once."""
    if (questionnaire_key is None) == (survey_round is None):
        raise ValueError("a review link opens a questionnaire or a round's page, one of the two")
    now = now or utc_now()
    what = f"questionnaire {questionnaire_key}" if survey_round is None else f"round {survey_round.slug}"
    token = review_token()
    link = ReviewLink(token_hash=token_hash(token), made_by=actor, made_on=now.date(),
                      expires_at=now + dt.timedelta(days=days),
                      kind=ReviewKind.QUESTIONNAIRE if questionnaire_key else ReviewKind.REPLY,
                      questionnaire_key=questionnaire_key, round_id=survey_round.id if survey_round else None)
    db.session.add(link)
    db.session.flush()
    audit(actor, "review link made", f"{what}, link {link.id}, for {days} days")
    return link, token


def problem_of(link: ReviewLink | None, now: dt.datetime | None = None) -> LinkProblem | None:
    if link is None:
        return LinkProblem.UNKNOWN
    if link.revoked_on is not None:
        return LinkProblem.REVOKED
    if link.expires_at <= (now or utc_now()):
        return LinkProblem.EXPIRED
    return None


def open_by_token(token: str | None, now: dt.datetime | None = None) -> Opened:
    """The link a reviewer typed or scanned, or why it can't be used."""
    if not token or not TOKEN_SHAPE.fullmatch(token):
        return Opened(None, LinkProblem.UNKNOWN)
    link = db.session.scalar(select(ReviewLink).filter_by(token_hash=token_hash(token)))
    return Opened(link, problem_of(link, now))


def open_by_id(link_id: str | None, now: dt.datetime | None = None) -> Opened:
    """The link a reviewer's session holds, checked again on every page: revoking works at once."""
    link = db.session.get(ReviewLink, link_id) if link_id else None
    return Opened(link, problem_of(link, now))


def revoke(link: ReviewLink, actor: str, today: dt.date | None = None) -> None:
    if link.revoked_on is None:
        link.revoked_on = today or dt.date.today()
        db.session.flush()
        audit(actor, "review link revoked", f"link {link.id}")


def links_of(*, questionnaire_key: str | None = None, round_id: int | None = None) -> list[ReviewLink]:
    """A questionnaire's or a round's links, newest first."""
    query = select(ReviewLink).order_by(ReviewLink.expires_at.desc(), ReviewLink.id)
    if questionnaire_key is not None:
        query = query.where(ReviewLink.questionnaire_key == questionnaire_key)
    else:
        query = query.where(ReviewLink.round_id == round_id)
    return list(db.session.scalars(query))


def state_words(link: ReviewLink, now: dt.datetime | None = None) -> str:
    """How a link stands, for the worker's list."""
    problem = problem_of(link, now)
    if problem == LinkProblem.REVOKED:
        return _("Revoked on %(day)s", day=f"{link.revoked_on:%-d %B %Y}")
    if problem == LinkProblem.EXPIRED:
        return _("Expired on %(day)s", day=f"{link.expires_at:%-d %B %Y}")
    return _("Works until %(day)s", day=f"{link.expires_at:%-d %B %Y}")
