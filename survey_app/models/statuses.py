"""Every status and kind word stored in the database, one enum each. The database refuses any other
word (CHECK constraints, made by `known_values`, migrations d1a1status01 and d2a1kinds001)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class VersionStatus(StrEnum):
    """A questionnaire version: a draft is edited in the builder; a published one can be used by rounds."""

    DRAFT = "draft"
    PUBLISHED = "published"


class QuoteStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DOING = "not_doing"


class FindingKind(StrEnum):
    """What an action answers: a question's figures, a theme of written answers, a quote, or what a group said
    at a meeting, visit or group session (MeetingFinding)."""

    QUESTION = "question"
    THEME = "theme"
    QUOTE = "quote"
    MEETING = "meeting"


class Occasion(StrEnum):
    """Where a group said something a worker recorded as a finding."""

    MEETING = "meeting"
    VISIT = "visit"
    GROUP_SESSION = "group_session"


class FlagStatus(StrEnum):
    """A safeguarding flag waits as outstanding until the lead records what was done."""

    OUTSTANDING = "outstanding"
    REVIEWED = "reviewed"
    ESCALATED = "escalated"
    NO_ACTION = "no_action"


class FlagReason(StrEnum):
    """Why an answer was held for the safeguarding lead: an answer the question marks for help, worrying
    words in writing, or writing in a language no worrying-words list reads (safeguarding/other_language.py)."""

    TRIGGER_ANSWER = "trigger_answer"
    WORRYING_WORDS = "worrying_words"
    OTHER_LANGUAGE = "other_language"


class Channel(StrEnum):
    """How a response came in: on a phone or computer, or from a paper form a worker typed in."""

    ONLINE = "online"
    PAPER = "paper"


class ContactBy(StrEnum):
    """How a young person who wants to get involved asked to be contacted (survey_app/involvement)."""

    PHONE = "phone"
    EMAIL = "email"
    WORKER = "worker"  # "ask my worker or carer to tell me"


class JobStatus(StrEnum):
    """Slow work on the job queue: waiting for a worker, being done, finished with a result, or failed."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ReviewKind(StrEnum):
    """What a young reviewer's link opens: a questionnaire (its latest version), or a round's "You said, we
    did" page before it is published."""

    QUESTIONNAIRE = "questionnaire"
    REPLY = "reply"


def known_values(column: str, words: type[StrEnum]) -> CheckConstraint:
    """The CHECK that keeps `column` to the enum's words (named ck_<table>_<column>_known)."""
    listed = ", ".join(f"'{word.value}'" for word in words)
    return CheckConstraint(f"{column} IN ({listed})", name=f"{column}_known")


# Templates compare with these names (QuoteStatus.APPROVED, ...) rather than spelling the words out.
TEMPLATE_NAMES: dict[str, type[StrEnum]] = {
    words.__name__: words for words in (RoundStatus, VersionStatus, QuoteStatus, ActionStatus, FindingKind,
                                         FlagStatus, FlagReason, Channel, JobStatus, ReviewKind,
                                         ContactBy, Occasion)
}
