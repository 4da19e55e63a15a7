"""What the worker's pages show about young reviewers: the links (how each stands) and the comments by page.
The builder page shows a questionnaire's; the publish page a round's "You said, we did" page's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..clock import utc_now
from ..models import ReviewLink
from .comments import PageComments, by_page
from .links import links_of, problem_of, state_words

# The pages that are not a question, by the name a comment keeps.
START, CHECK, END, REPLY = "start", "check", "end", "reply"
PAGE_TITLES = {START: "The start page", CHECK: "Check your answers", END: "The end (after sending)",
               REPLY: "The “You said, we did” page"}


@dataclass(frozen=True)
class LinkRow:
    link: ReviewLink
    state: str
    usable: bool


@dataclass(frozen=True)
class Panel:
    links: list[LinkRow]
    pages: list[PageComments]

    @property
    def not_done(self) -> int:
        return sum(1 for page in self.pages for comment in page.comments if comment.done_on is None)

    @property
    def worrying_not_done(self) -> int:
        return sum(1 for page in self.pages for comment in page.comments
                   if comment.worrying and comment.done_on is None)


def _rows(links: list[ReviewLink], now: dt.datetime) -> list[LinkRow]:
    return [LinkRow(link, state_words(link, now), problem_of(link, now) is None) for link in links]


def questionnaire_panel(key: str, questions: Iterable[tuple[str, str]]) -> Panel:
    """`questions`: (id, text) of the latest version's questions, in order."""
    links = links_of(questionnaire_key=key)
    pages = [(START, PAGE_TITLES[START]), *((qid, f"Question: {text}") for qid, text in questions),
             (CHECK, PAGE_TITLES[CHECK]), (END, PAGE_TITLES[END])]
    return Panel(_rows(links, utc_now()), by_page(links, pages))


def reply_panel(round_id: int) -> Panel:
    links = links_of(round_id=round_id)
    return Panel(_rows(links, utc_now()), by_page(links, [(REPLY, PAGE_TITLES[REPLY])]))
