"""Workers' changes to the codebook: add a theme, rename it (title, priority, words; the code never
changes, so hand codings stay valid), retire it and bring it back. Changes flush and are audited;
the view commits once.

Retiring a theme hides it from new coding and stops it matching automatically. Answers already
coded with it by hand keep it and are still counted (see `coding.codebook`); the staff page says how
many there are before and after."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from analysis.themes import count_theme_sets

from ..audit import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import StrategyPriority, SurveyRound, Theme
from .coding import codebook, hand_coding_uses, manual_frame, written

CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_WORD = 100


class ThemeInvalid(FormInvalid):
    """Problems with a theme form, by field name, in plain words."""


@dataclass(frozen=True)
class ThemeInput:
    title: str
    priority_code: str
    words: str
    code: str = ""


def code_from_title(title: str) -> str:
    """``"Being treated fairly"`` → ``being_treated_fairly`` (ASCII, at most 64 characters)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    code = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:64].strip("_")
    if code and not code[0].isalpha():
        code = f"theme_{code}"[:64]
    return code or "theme"


def priority_choices() -> list[tuple[str, str]]:
    return [(priority.code, priority.title) for priority in
            db.session.scalars(select(StrategyPriority).order_by(StrategyPriority.position))]


def _clean_words(words: str) -> tuple[list[str], str | None]:
    lines = [" ".join(line.split()) for line in words.replace("\r\n", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if line and line.lower() not in {word.lower() for word in kept}:
            kept.append(line)
    too_long = next((line for line in kept if len(line) > MAX_WORD), None)
    if too_long:
        return kept, f"“{too_long[:30]}…” is too long: keep each word or phrase under {MAX_WORD} characters"
    return kept, None


def _check(data: ThemeInput, theme: Theme | None = None) -> tuple[str, str, list[str]]:
    problems: dict[str, str] = {}
    title = " ".join(data.title.split())
    if not title:
        problems["title"] = "Enter a title, for example “Being treated fairly”"
    elif len(title) > 200:
        problems["title"] = "The title must be 200 characters or fewer"
    elif db.session.scalar(select(Theme.id).where(Theme.title == title, Theme.id != (theme.id if theme else -1))):
        problems["title"] = "There is already a theme with that title"
    if data.priority_code not in dict(priority_choices()):
        problems["priority_code"] = "Choose the priority this theme belongs to"
    words, problem = _clean_words(data.words)
    if problem:
        problems["words"] = problem
    if problems:
        raise ThemeInvalid(problems)
    return title, data.priority_code, words


def add_theme(data: ThemeInput, actor: str) -> Theme:
    """A new active theme. Its code is typed, or made from the title (made unique)."""
    problems: dict[str, str] = {}
    typed = data.code.strip().lower()
    try:
        title, priority_code, words = _check(data)
    except ThemeInvalid as invalid:
        problems = dict(invalid.problems)
        title = priority_code = ""
        words = []
    taken = set(db.session.scalars(select(Theme.code)))
    if typed:
        if not CODE.match(typed):
            problems["code"] = ("A code is lower-case letters, digits and _, starting with a letter, "
                                "for example being_heard")
        elif typed in taken:
            problems["code"] = "There is already a theme with that code"
    if problems:
        raise ThemeInvalid(problems)
    code = typed or code_from_title(title)
    if not typed:
        base, number = code, 2
        while code in taken:
            suffix = f"_{number}"
            code, number = base[:64 - len(suffix)] + suffix, number + 1
    theme = Theme(code=code, title=title, priority_code=priority_code, words="\n".join(words), active=True)
    db.session.add(theme)
    db.session.flush()
    audit(actor, "theme added", f"{code}: {title} ({priority_code}, {len(words)} words)")
    return theme


def change_theme(theme: Theme, data: ThemeInput, actor: str) -> None:
    """Rename a theme: title, priority and words. The code stays, so hand codings stay valid."""
    title, priority_code, words = _check(data, theme)
    before = (theme.title, theme.priority_code, theme.words)
    theme.title, theme.priority_code, theme.words = title, priority_code, "\n".join(words)
    changes = [name for name, old, new in zip(("title", "priority", "words"), before,
                                              (theme.title, theme.priority_code, theme.words), strict=True)
               if old != new]
    if changes:
        detail = f"{theme.code}: {', '.join(changes)} changed"
        if before[0] != title:
            detail += f" (was “{before[0]}”, now “{title}”)"
        audit(actor, "theme changed", detail)
    db.session.flush()


def retire_theme(theme: Theme, actor: str) -> int:
    """Stop offering a theme; returns how many hand-coded answers keep it (they are still counted)."""
    kept = hand_coding_uses()[theme.code]
    if theme.active:
        theme.active = False
        audit(actor, "theme retired", f"{theme.code}: {theme.title}; {kept} hand-coded answers keep it")
        db.session.flush()
    return kept


def restore_theme(theme: Theme, actor: str) -> None:
    if not theme.active:
        theme.active = True
        audit(actor, "theme brought back", f"{theme.code}: {theme.title}")
        db.session.flush()


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    words: list[str]
    priority_title: str
    answers: int  # answers in the theme, all rounds (hand coding where present)
    by_hand: int  # answers coded with it by hand, all rounds


def theme_rows() -> list[ThemeRow]:
    """Every theme, active first then retired, with how many answers use it (all rounds)."""
    uses = hand_coding_uses()
    counts: dict[str, int] = {}
    book = codebook()
    for round_id in db.session.scalars(select(SurveyRound.id)):
        # the same numbers as coded_answers(round_id), from the codes stored with each answer, counted
        summary = written(round_id, book=book)
        counted = count_theme_sets(summary.theme_sets, summary.todo, book, manual_frame(round_id))
        for code, answers in zip(counted["theme"].to_list(), counted["answers"].to_list(), strict=True):
            counts[str(code)] = counts.get(str(code), 0) + int(answers)
    titles = dict(priority_choices())
    themes = db.session.scalars(select(Theme).order_by(Theme.active.desc(), Theme.id))
    return [
        ThemeRow(theme, [word for word in theme.words.splitlines() if word.strip()],
                 titles.get(theme.priority_code, theme.priority_code or "none"),
                 counts.get(theme.code, 0), uses[theme.code])
        for theme in themes
    ]


def active_themes(also: str = "") -> list[Theme]:
    """The themes offered for coding, in codebook order (plus the theme ``also``, even if retired)."""
    return list(db.session.scalars(select(Theme).where(Theme.active | (Theme.code == also)).order_by(Theme.id)))


def theme_titles() -> dict[str, str]:
    """code → title for every theme, active or retired."""
    return {code: title for code, title in db.session.execute(select(Theme.code, Theme.title))}


def retired_codes() -> set[str]:
    return set(db.session.scalars(select(Theme.code).where(Theme.active.is_(False))))

