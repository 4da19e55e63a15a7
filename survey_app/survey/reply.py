"""The children's "You said, we did" page: the round's published report, in their words."""

from __future__ import annotations

from flask import abort, render_template

from ..models import SurveyRound
from ..reporting import present, source
from ..rounds.operations import get_or_404
from . import bp


def reply_page(survey_round: SurveyRound) -> str | None:
    """The rendered "You said, we did" page, or None while the round's report is not published."""
    if not source.is_published(survey_round):
        return None
    report = source.report_for(survey_round, for_staff=False)
    total = report.get("responses", {}).get("total")
    return render_template(
        "survey/you_said_we_did.html", survey_round=survey_round, report=report,
        good=present.children_points(report.get("children", {}).get("good")),
        change=present.children_points(report.get("children", {}).get("change")),
        actions=present.children_actions(report), quotes=report.get("quotes", []),
        total=present.shown_count(total), survey_open=survey_round.is_open(),
    )


@bp.route("/r/<slug>/you-said-we-did")
def you_said_we_did(slug: str):
    return reply_page(get_or_404(slug)) or abort(404)
