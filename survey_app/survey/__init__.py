from flask import Blueprint, request
from jinja2 import pass_context
from jinja2.runtime import Context

from ..looks import MIDDLE, age_look
from ..rounds.operations import questionnaire_of

bp = Blueprint("survey", __name__)


@bp.app_template_global()
@pass_context
def page_look(context: Context) -> str:
    """The body's look-* class: the survey's age band on a young person's survey pages and on the young
    reviewers' copy of them (they see what a child sees) and on help pages opened from a survey, MIDDLE
    elsewhere, so staff pages that show a round keep their plain look."""
    if context.get("help_ages"):  # a help page opened from a survey: the child stays in its look
        return age_look(context["help_ages"])
    reviewing = request.blueprint == "review" and request.path.startswith("/review")
    as_a_child_sees = bool(context.get("as_a_child_sees"))  # a staff preview of the children's page
    if request.blueprint != bp.name and not reviewing and not as_a_child_sees:
        return MIDDLE
    questionnaire = context.get("questionnaire")
    if questionnaire is None and context.get("survey_round") is not None:
        questionnaire = questionnaire_of(context["survey_round"])
    return age_look(questionnaire.audience.ages) if questionnaire is not None else MIDDLE


from . import carry_on, cli, involved, reply, review_card, views  # noqa: E402,F401
