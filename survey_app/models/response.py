"""What young people send. Anonymous by construction: no IP, no user agent, no time of day,
random ids; a response keeps only the Monday of the week it was sent.

On SQLite every table here is WITHOUT ROWID: rows are kept in the order of their random keys, so
there is no hidden row number that counts up in the order young people sent their answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    event,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .ids import draft_token, random_id
from .statuses import Channel, FlagReason, FlagStatus, known_values


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class Draft(Model):
    """Answers in progress, kept server-side under a random token held in the session cookie.

    `expires_at` is the only exact time: drafts are deleted on submit or when they expire,
    and nothing is copied from a draft to a response but the answers."""

    __tablename__ = "drafts"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=draft_token)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    # Which worrying answers of this draft are already held for the safeguarding lead (digests, see
    # safeguarding/flags.py), so going back and pressing Continue again does not raise them twice.
    raised: Mapped[list] = mapped_column(JSON, default=list)
    # Goes up with every saved answer, so two devices saving to one draft at the same moment never write
    # over each other's answers (responses/drafts.py: save_answer).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The keyed hash of the draft's carry-on code, if the young person asked for one (responses/carry_on.py);
    # never the code itself.
    carry_on_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    # The language the young person chose (survey_app/languages.py), so a carry-on code brings it back.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")


class SurveyResponse(Model):
    __tablename__ = "responses"
    __table_args__ = (known_values("channel", Channel), {"sqlite_with_rowid": False})

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    week_of: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(16), default=Channel.ONLINE)
    # False until the scheduled mixing (survey/mixing.py) has rewritten this response and its answers in a
    # shuffled batch, after which nothing in the database keeps the order responses were sent in.
    mixed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The language the questions were shown in. Answers are option codes whatever the language, so tallies
    # combine all languages; reports count responses per language (small numbers hidden like any count).
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.question_id"
    )


WRITTEN = text("text IS NOT NULL AND text <> ''")  # a written answer (never a choice, never skipped)


class Answer(Model):
    """One answer row. A multiple-choice answer has a row per ticked option (`position` 0, 1, ...).
    A skipped question that was shown has one row with `skipped` true; a hidden one has no row.
    `round_id` repeats the response's round so a round's answers can be counted from one index
    (analysis.extract.round_distribution) without joining 2.7 million rows to their responses.

    A written answer is scored once, when it is stored (survey_app.text_scores): ``sentiment`` (polarity,
    -1 to +1, analysis.sentiment) and ``themes`` (its automatic theme codes, space-separated, "" for
    none) with ``codebook_key``, the fingerprint of the codebook they were matched with
    (analysis.themes.fingerprint). NULL means not scored yet; readers compute those and count them."""

    __tablename__ = "answers"
    __table_args__ = (
        Index("ix_answers_round_question", "round_id", "question_id", "choice", "skipped", "position", "response_id"),
        # written answers only (about one row in 25): their stored scores counted without reading the table
        Index("ix_answers_written", "round_id", "question_id", "codebook_key", "themes", "sentiment", "response_id",
              postgresql_where=WRITTEN, sqlite_where=WRITTEN),
        # the written answers table (moderation/table.py): a page found in order, filtered by sentiment and theme,
        # from the index alone. On PostgreSQL, migration h11write01 also adds a trigram index for its search.
        Index("ix_answers_written_table", "round_id", "question_id", "response_id", "sentiment", "themes",
              postgresql_where=WRITTEN, sqlite_where=WRITTEN),
        {"sqlite_with_rowid": False},
    )

    response_id: Mapped[str] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True, default=0)
    choice: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"))
    sentiment: Mapped[float | None] = mapped_column(Float)
    themes: Mapped[str | None] = mapped_column(Text)
    codebook_key: Mapped[str | None] = mapped_column(String(16))
    # The written answer as exports show it (analysis.redaction), made once when stored, with the fingerprint
    # of the word lists it was redacted with; under other lists an export redacts it again.
    redacted: Mapped[str | None] = mapped_column(Text)
    redaction_key: Mapped[str | None] = mapped_column(String(32))
    # The language a written answer is in, found when it is stored (analysis.written_language): "cy", "pl",
    # "und-Arab" (Arabic letters, language not named); NULL when not known (short, unsure) or not written.
    # Sentiment and themes are "not scored" for a language they don't read (text_scores.py).
    language: Mapped[str | None] = mapped_column(String(8))

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")


@event.listens_for(Answer, "before_insert")
def _round_of_its_response(_mapper: object, _connection: object, answer: Answer) -> None:
    """An answer added through its response (``SurveyResponse(answers=[...])``) takes the response's round."""
    if answer.round_id is None and answer.response is not None:
        answer.round_id = answer.response.round_id


class HeldFlag(Model):
    """A worrying answer waiting to be released to the safeguarding lead. Written the moment the child
    gives the answer (so no way of leaving loses it), never in the transaction that stores a response,
    and moved to `safeguarding_flags` in shuffled batches by `safeguarding.flags.release_held_flags`.
    `digest` (of the draft's random token, the question and the answer) stops the same answer being
    held twice; it is dropped on release."""

    __tablename__ = "held_flags"
    __table_args__ = (known_values("reason", FlagReason), {"sqlite_with_rowid": False})

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    answer_text: Mapped[str] = mapped_column(Text)


class SafeguardingFlag(Model):
    """An answer that needs a person to look at it. Holds the round, the question and the answer
    itself, the day it reached the safeguarding lead, and nothing that leads to the rest of the response:
    not whether it was sent, not the response's week, not a shared transaction or insertion order."""

    __tablename__ = "safeguarding_flags"
    __table_args__ = (known_values("status", FlagStatus), known_values("reason", FlagReason),
                      {"sqlite_with_rowid": False})

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    answer_text: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=FlagStatus.OUTSTANDING)
    outcome_note: Mapped[str | None] = mapped_column(Text)
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)


class SafeguardingPhrase(Model):
    """A worrying word or phrase the safeguarding lead added in the app (safeguarding/lead_phrases.py).
    Staff words, not young people's."""

    __tablename__ = "safeguarding_phrases"

    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(String(100), unique=True)
    added_by: Mapped[str] = mapped_column(String(254))
    added_on: Mapped[dt.date] = mapped_column(Date)
