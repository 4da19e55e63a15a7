"""The children's "You said, we did" page: the round's published report, in their words. It reads the
stored report (reporting/stored.py), so a child never waits for a report to be built."""

from __future__ import annotations

from flask import abort, render_template

from ..models import SurveyRound
from ..reporting import present, stored
from ..reporting.publication import is_published
from ..rounds.operations import get_or_404
from . import bp


def reply_page(survey_round: SurveyRound) -> str | tuple[str, int] | None:
    """The rendered "You said, we did" page, or None while the round's report is not published."""
    if not is_published(survey_round):
        return None
    report = stored.read(survey_round, for_staff=False).report
    if report is None:
        return render_template("survey/reply_preparing.html", survey_round=survey_round), 503
    return render_template(
        "survey/you_said_we_did.html", survey_round=survey_round, report=report,
        good=present.children_points(report.children.good),
        change=present.children_points(report.children.change),
        actions=present.children_actions(report), quotes=report.quotes,
        total=present.shown_count(report.responses.total), survey_open=survey_round.is_open(),
    )


@bp.route("/r/<slug>/you-said-we-did")
def you_said_we_did(slug: str):
    return reply_page(get_or_404(slug)) or abort(404)
