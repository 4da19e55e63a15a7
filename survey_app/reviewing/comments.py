"""A young reviewer's comments on a page: checked like any answer a young person types, run through the
safeguarding detection (a worrying comment shows the reviewer the help page and is marked for the worker),
kept with the day only, and listed for the worker by page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from ..audit import audit
from ..characters import without_unusable
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import ReviewComment, ReviewLink
from ..question_types import N_
from ..safeguarding.phrases import worrying_phrase

MAX_COMMENT = 1000
MAX_TITLE = 300
EMPTY = N_("Write your comment in the box first. If you have nothing to say about this page, that’s fine: "
           "just carry on.")


def too_long(limit: int, length: int) -> str:
    return _("Your comment is a bit too long. Please make it shorter: you can write up to %(limit)s letters and "
             "spaces, and it has %(length)s now. Your words are still in the box.", limit=limit, length=length)


class CommentRefused(FormInvalid):
    """A comment refused, in words a nine-year-old understands; what they wrote is kept to show again."""

    def __init__(self, message: str, kept_text: str = ""):
        super().__init__(message, "comment")
        self.kept_text = kept_text


def checked(text: str | None) -> str:
    text = without_unusable(text or "").replace("\r\n", "\n").strip()
    if not text:
        raise CommentRefused(_(EMPTY))
    if len(text) > MAX_COMMENT:
        raise CommentRefused(too_long(MAX_COMMENT, len(text)), kept_text=text)
    return text


def add_comment(link: ReviewLink, page: str, page_title: str, text: str | None, version: int | None = None,
                today: dt.date | None = None) -> ReviewComment:
    words = checked(text)
    comment = ReviewComment(link_id=link.id, page=page[:64], page_title=page_title[:MAX_TITLE], version=version,
                            text=words, worrying=worrying_phrase(words) is not None,
                            written_on=today or dt.date.today())
    db.session.add(comment)
    db.session.flush()
    return comment


def comment_by_id(comment_id: str) -> ReviewComment | None:
    return db.session.get(ReviewComment, comment_id)


def set_done(comment: ReviewComment, actor: str, done: bool, today: dt.date | None = None) -> None:
    comment.done_on = (today or dt.date.today()) if done else None
    comment.done_by = actor if done else None
    db.session.flush()
    audit(actor, "review comment done" if done else "review comment not done", f"comment {comment.id}")


@dataclass
class PageComments:
    page: str
    title: str
    comments: list[ReviewComment] = field(default_factory=list)


def by_page(links: Iterable[ReviewLink], pages: Iterable[tuple[str, str]]) -> list[PageComments]:
    """The links' comments grouped by page, pages in the order given ((page, title) pairs: the
    questionnaire's order now), then pages no longer there; within a page, worrying and not done first."""
    link_ids = [link.id for link in links]
    if not link_ids:
        return []
    rows = db.session.scalars(select(ReviewComment).where(ReviewComment.link_id.in_(link_ids))
                              .order_by(ReviewComment.written_on.desc(), ReviewComment.id)).all()
    groups: dict[str, PageComments] = {page: PageComments(page, title) for page, title in pages}
    for comment in rows:
        groups.setdefault(comment.page, PageComments(comment.page, f"{comment.page_title} (no longer here)"))
        groups[comment.page].comments.append(comment)
    for group in groups.values():
        group.comments.sort(key=lambda comment: (comment.done_on is not None, not comment.worrying))
    return [group for group in groups.values() if group.comments]
