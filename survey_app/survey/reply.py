"""The children's "You said, we did" page: the round's published report, in their words. It reads the
stored report (reporting/stored.py), so a child never waits for a report to be built."""

from __future__ import annotations

from flask import abort, render_template, request

from ..kept import kept_by_app
from ..models import SurveyRound
from ..models.statuses import FindingKind
from ..reporting import answered, present, stored
from ..reporting.publication import is_published
from ..reporting.report import Report
from ..rounds.operations import get_or_404
from . import bp

# Rendered pages by everything they are made from: the address (its links point back to it), the stored
# report's stamp (data versions and build), and the round's title and whether it is open. The rest of
# the page is the app's configuration, which never changes while it runs.
PAGES_KEPT = 32


def reply_page(survey_round: SurveyRound) -> str | tuple[str, int] | None:
    """The rendered "You said, we did" page, or None while the round's report is not published."""
    if not is_published(survey_round):
        return None
    reading = stored.read(survey_round, for_staff=False)
    report = reading.report
    if report is None:
        return render_template("survey/reply_preparing.html", survey_round=survey_round), 503
    survey_open = survey_round.is_open()
    key = (request.path, reading.stamp, survey_round.title, survey_open)
    return kept_by_app("reply_pages", PAGES_KEPT).get(key, lambda: _render(survey_round, report, survey_open))


def _render(survey_round: SurveyRound, report: Report, survey_open: bool) -> str:
    return render_template("survey/you_said_we_did.html", **page_context(survey_round, report, survey_open))


def page_context(survey_round: SurveyRound, report: Report, survey_open: bool) -> dict:
    """What survey/you_said_we_did.html shows (young reviewers' copy of the page uses it too). A quote or an
    action shown in "You said… so we…" is not shown again under "Some things you said" or "What we will do"."""
    pairs = answered.for_children(report)
    paired = {pair.action.reference for pair in pairs}
    quoted = {said.words for pair in pairs for said in pair.said if said.kind == FindingKind.QUOTE}
    return {
        "survey_round": survey_round, "report": report, "pairs": pairs,
        "good": present.children_points(report.children.good),
        "change": present.children_points(report.children.change),
        "actions": [action for action in present.children_actions(report) if action["reference"] not in paired],
        "quotes": [quote for quote in report.quotes if quote.text not in quoted],
        "total": present.shown_count(report.responses.total), "survey_open": survey_open,
    }


@bp.route("/r/<slug>/you-said-we-did")
def you_said_we_did(slug: str):
    return reply_page(get_or_404(slug)) or abort(404)
