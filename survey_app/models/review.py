"""Young reviewers: review links a worker gives a Children in Care Council member, and their comments.

A link opens a draft questionnaire (by its key: the latest version) or a round's unpublished "You said, we
did" page. Only a hash of the link's random token is kept. A comment keeps the page it is about, the words
and the day: no address, no browser, no time of day. Nothing a reviewer answers is kept anywhere."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .ids import random_id
from .statuses import ReviewKind, known_values


class ReviewLink(Model):
    __tablename__ = "review_links"
    __table_args__ = (
        known_values("kind", ReviewKind),
        CheckConstraint("(kind = 'questionnaire' AND questionnaire_key IS NOT NULL AND round_id IS NULL) OR "
                        "(kind = 'reply' AND round_id IS NOT NULL AND questionnaire_key IS NULL)",
                        name="one_target"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    questionnaire_key: Mapped[str | None] = mapped_column(String(64), index=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    made_by: Mapped[str] = mapped_column(String(254))
    made_on: Mapped[dt.date] = mapped_column(Date)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_on: Mapped[dt.date | None] = mapped_column(Date)

    comments: Mapped[list[ReviewComment]] = relationship(back_populates="link", cascade="all, delete-orphan",
                                                         passive_deletes=True)


class ReviewComment(Model):
    __tablename__ = "review_comments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    link_id: Mapped[str] = mapped_column(ForeignKey("review_links.id", ondelete="CASCADE"), index=True)
    # A question id, or one of the other pages: "start", "check", "end", "reply".
    page: Mapped[str] = mapped_column(String(64))
    # The question or page as it read then (staff words), in case the question changes or goes.
    page_title: Mapped[str] = mapped_column(String(300))
    version: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    worrying: Mapped[bool] = mapped_column(Boolean, default=False)
    written_on: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    done_by: Mapped[str | None] = mapped_column(String(254))

    link: Mapped[ReviewLink] = relationship(back_populates="comments")
