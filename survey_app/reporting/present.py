"""Small pure helpers that turn the report's values into words and chart sizes for the templates.
Registered as Jinja filters by create_app (names start with "report_")."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from analysis.suppression import all_hidden

from .. import question_types
from ..dates import as_date as _date
from ..dates import date_words
from ..languages import LANGUAGES
from ..models.statuses import ActionStatus
from .publication import has_hidden_number
from .report import Report, ThemeCount

HIDDEN = "c"

# Statuses in words a 9-year-old can read; the board sees the contract's status_label.
# Translated when shown (lazy_gettext: the children's page is in the reader's language).
CHILDREN_STATUS = {
    ActionStatus.PLANNED: _l("We are getting ready to do this"),
    ActionStatus.IN_PROGRESS: _l("We have started doing this"),
    ActionStatus.DONE: _l("We have done this"),
    ActionStatus.NOT_DOING: _l("We can’t do this"),
}


def by_month(value) -> str:
    """"2027-03-31" -> "by March 2027": a child reads a month, not a date."""
    day = _date(value)
    return f"by {day:%B %Y}" if day else ""


def month_words(value) -> str:
    """by_month in the request's language, for the children's page: "erbyn Mawrth 2027" in Welsh (the month's
    name from the locale data, the sentence from the catalogue). Call inside a request."""
    from flask_babel import format_date, gettext

    day = _date(value)
    return gettext("by %(month)s", month=format_date(day, "LLLL y")) if day else ""


def date_in_language(value) -> str:
    """date_words in the request's language ("20 Tachwedd 2026"), for children's pages. Call inside a request."""
    from flask_babel import format_date

    day = _date(value)
    return format_date(day, "d MMMM y") if day else ""


def answered_in(rows) -> list[dict]:
    """The report's counts by language (Responses.by_language, or (code, count) pairs) for "Answered in:":
    each language's own name, its code and direction, and the count (a hidden one stays "c")."""
    from ..languages import language

    result = []
    for row in rows or ():
        code, count = (row.language, row.responses) if hasattr(row, "language") else row
        known = language(code) if code in LANGUAGES else None
        result.append({"code": code, "name": known.own_name if known else code,
                       "direction": known.direction if known else "ltr", "count": count, "hidden": count == HIDDEN})
    return result


def is_hidden(value) -> bool:
    return value == HIDDEN


def number(value) -> str:
    """A count as shown to the board: the number, "c" when hidden, "–" when there is none."""
    if value is None or value == "":
        return "–"
    if value == HIDDEN:
        return HIDDEN
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def percent(value) -> str:
    if value is None or value == "":
        return "–"
    if value == HIDDEN:
        return HIDDEN
    return f"{float(value):.0f}%"


def bar(value) -> float:
    """A percentage as a bar length out of 100 (0 for hidden or missing figures)."""
    if value is None or value == HIDDEN or value == "":
        return 0.0
    return round(max(0.0, min(100.0, float(value))), 1)


def change(points) -> str:
    if points is None:
        return "–"
    points = float(points)
    if abs(points) < 0.05:
        return _("no change")
    size = round(abs(points))
    if points > 0:
        return ngettext("up %(num)s percentage point", "up %(num)s percentage points", size)
    return ngettext("down %(num)s percentage point", "down %(num)s percentage points", size)


def signed_points(value) -> str:
    """A bound of a change in points with its sign: "+3.2", "−5", "0"."""
    if value is None:
        return "–"
    value = round(float(value), 1)
    text = f"{abs(value):g}"
    return text if value == 0 else f"{'+' if value > 0 else '−'}{text}"


def channel_words(rows) -> str:
    """Who answered how, for the board's summary: "40 online, 12 on paper"."""
    words = []
    for row in rows:
        count = number(row.responses)
        if row.channel == "Paper":
            words.append(_("%(count)s on paper", count=count))
        elif row.channel == "Online":
            words.append(_("%(count)s online", count=count))
        else:
            words.append(f"{count} {row.channel.lower()}")
    return ", ".join(words)


def paragraphs(text: str | None) -> list[str]:
    blocks = [" ".join(block.split()) for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def children_points(lines) -> list[str]:
    """Points for the children's page; a point with a hidden number ("c") in it is left out."""
    return [line for line in (lines or []) if isinstance(line, str) and line.strip() and not has_hidden_number(line)]


def shown_count(value) -> int | None:
    """A count a child may see: a number at or over the threshold (already decided by the builder), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def children_actions(report: Report) -> list[dict]:
    """"What we will do": each action with its status in plain words and, when not doing it, why."""
    rows = []
    for item in report.children.we_will_do:
        action = report.action(item.reference)
        status = action.status if action else ""
        rows.append({
            "reference": item.reference,
            "title": item.title,
            "owner": item.owner,
            "when": by_month(item.due_on),
            "status": status,
            "status_words": CHILDREN_STATUS.get(status, item.status_label),
            "reason": action.not_doing_reason if action and status == ActionStatus.NOT_DOING else "",
        })
    return rows


def themes_by_size(themes: tuple[ThemeCount, ...]) -> list[ThemeCount]:
    """Biggest first; hidden ("c") counts after every shown one; ties by title."""
    def key(theme: ThemeCount):
        size = theme.answers if isinstance(theme.answers, int | float) else -1
        return (-size, theme.title)
    return sorted(themes, key=key)


def scale_top(question_type: str) -> int:
    """The highest point of a scale type (5 for five faces): the words beside an average."""
    return len(question_types.get(question_type).options)


FILTERS = {
    "report_date": date_words, "report_date_in_language": date_in_language, "report_answered_in": answered_in,
    "report_by_month": by_month, "report_number": number, "report_percent": percent,
    "report_bar": bar, "report_change": change, "report_paragraphs": paragraphs, "report_hidden": is_hidden,
    "report_themes_by_size": themes_by_size, "report_scale_top": scale_top, "report_points": signed_points,
    "report_all_hidden": all_hidden, "report_channels": channel_words,
}
