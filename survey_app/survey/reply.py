"""The children's "You said, we did" page: the round's published report, in their words. It reads the
stored report (reporting/stored.py), so a child never waits for a report to be built."""

from __future__ import annotations

from flask import abort, render_template, request

from ..kept import kept_by_app
from ..languages import DEFAULT, chosen
from ..models import SurveyRound
from ..models.statuses import FindingKind
from ..questionnaire import store
from ..questionnaire.translations import stamp as translation_stamp
from ..reporting import answered, children, children_texts, present, stored
from ..reporting.publication import is_published
from ..reporting.report import GeneratedPoint, Report
from ..rounds.operations import get_or_404
from . import bp

# Rendered pages by everything they are made from: the address (its links point back to it), the stored
# report's stamp (data versions and build), and the round's title and whether it is open. The rest of
# the page is the app's configuration, which never changes while it runs.
PAGES_KEPT = 96  # 32 pages in each of the three languages


def reply_page(survey_round: SurveyRound) -> str | tuple[str, int] | None:
    """The rendered "You said, we did" page, or None while the round's report is not published."""
    if not is_published(survey_round):
        return None
    reading = stored.read(survey_round, for_staff=False)
    report = reading.report
    if report is None:
        return render_template("survey/reply_preparing.html", survey_round=survey_round), 503
    survey_open = survey_round.is_open()
    # The language is in the key: a Welsh reader never gets a page rendered for an English one; and so is the
    # questionnaire translation the points' words come from (a worker can upload a new one at any time).
    language = chosen()
    words_from = translation_stamp(survey_round.questionnaire_version.key, language) if language != DEFAULT else ""
    key = (request.path, language, words_from, reading.stamp, survey_round.title, survey_open)
    return kept_by_app("reply_pages", PAGES_KEPT).get(key, lambda: _render(survey_round, report, survey_open))


def _render(survey_round: SurveyRound, report: Report, survey_open: bool) -> str:
    return render_template("survey/you_said_we_did.html", **page_context(survey_round, report, survey_open))


def page_context(survey_round: SurveyRound, report: Report, survey_open: bool, language: str | None = None) -> dict:
    """What survey/you_said_we_did.html shows (young reviewers' copy of the page uses it too), in `language`
    (the request's, languages.chosen(), unless given): each part in the worker's version in that language
    where there is one, else in English with a note (reporting/children_texts.py). A quote or an action
    shown in "You said… so we…" is not shown again under "Some things you said" or "What we will do"."""
    language = language or chosen()
    texts = children_texts.in_language(report, language, _point_sayer(survey_round, language))
    pairs = answered.for_children(report)
    paired = {pair.action.reference for pair in pairs}
    quoted = {said.words for pair in pairs for said in pair.said if said.kind == FindingKind.QUOTE}
    actions = [action for action in present.children_actions(report) if action["reference"] not in paired]
    due = {item.reference: item.due_on for item in report.children.we_will_do}
    for action in actions:
        words = texts.action(action["reference"], action["title"], action["owner"], action["reason"])
        action.update(title=words.title, owner=words.owner, reason=words.reason if action["reason"] else "",
                      when=present.month_words(due.get(action["reference"])))
    shown = [pair.action.reference for pair in pairs] + [action["reference"] for action in actions]
    not_doing = [action["reference"] for action in actions if action["reason"]]
    return {
        "survey_round": survey_round, "report": report, "pairs": pairs, "texts": texts,
        "good": texts.good, "change": texts.change, "actions": actions,
        "quotes": [quote for quote in report.quotes if quote.text not in quoted],
        "total": present.shown_count(report.responses.total), "survey_open": survey_open,
        "not_ready": children_texts.readiness(texts, shown, not_doing),
        "month_words": present.month_words,
    }


def _point_sayer(survey_round: SurveyRound, language: str):
    """children.point_in for this round's questionnaire in `language` (None in English: nothing to say)."""
    if language == DEFAULT:
        return None
    stored_version = survey_round.questionnaire_version
    english = store.definition(stored_version)
    translated = children.questionnaire_in(language, stored_version)

    def say(point: GeneratedPoint) -> str | None:
        english_question = english.question(point.question_id) if english.has_question(point.question_id) else None
        question = translated.question(point.question_id) if translated.has_question(point.question_id) else None
        return children.point_in(point.share, point.positive, english_question, question)

    return say


@bp.route("/r/<slug>/you-said-we-did")
def you_said_we_did(slug: str):
    return reply_page(get_or_404(slug)) or abort(404)
