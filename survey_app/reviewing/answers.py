"""What a young reviewer's answers become: kept in their session cookie only, as far as the journey needs
them (which questions come next, what to show again). Written answers are never kept, not even in the
cookie: only that something was written."""

from __future__ import annotations

from ..responses.journey import Answers

WROTE = {"wrote": True}
_WRITTEN_STAND_IN = {"text": "(written)"}


def kept(answer: dict) -> dict:
    """The answer as the cookie keeps it."""
    return dict(WROTE) if "text" in answer else answer


def as_journey(kept_answers: dict[str, dict]) -> Answers:
    """The cookie's answers in the journey's shape (responses/journey.py)."""
    return {question_id: dict(_WRITTEN_STAND_IN) if answer.get("wrote") else answer
            for question_id, answer in kept_answers.items() if isinstance(answer, dict)}


def shown_again(kept_answer: dict | None) -> dict:
    """What the question page shows as chosen: choices again; a written answer's box starts empty."""
    if not kept_answer or kept_answer.get("wrote"):
        return {}
    return kept_answer
