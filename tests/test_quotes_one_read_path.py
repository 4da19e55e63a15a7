"""One read path for quotes that leave staff pages: the board report, the children's page and the
findings an action shows all get them from moderation.quotes.publishable_quotes, which checks both quote
rules again every time they are read, not only when the quote was approved."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import delete, select

import analysis.redaction as redaction
from survey_app.actions.operations import create_action, link_finding, public_findings, quote_choices
from survey_app.actions.rules import ActionFields
from survey_app.extensions import db
from survey_app.models import Action, Quote, RoundReport, SurveyResponse
from survey_app.moderation.quotes import approve, put_forward
from survey_app.reporting.build import build_report
from survey_app.rounds.operations import round_by_slug

from .moderation import QUESTION, add_written_answers, worker  # noqa: F401

WORDS = "the youth club with robin helps me loads"
FILLER = [f"more days out please {n}" for n in range(9)]


@pytest.fixture
def quoted(app, make_round):
    """A published round whose approved quote is linked to an action; returns (slug, quote id, action id)."""
    slug = make_round("younger-children")
    first, *_ = add_written_answers(app, slug, [WORDS, *FILLER])
    with app.app_context():
        survey_round = round_by_slug(slug)
        quote, _ = put_forward(survey_round, first, QUESTION, "worker@council.example")
        approve(quote, "worker@council.example")
        action = create_action(ActionFields(reference="9.1", title="Homework club", priority_code="education",
                                            owner="Virtual school", status="planned", round_id=survey_round.id),
                               "worker@council.example")
        db.session.flush()
        link_finding(action, "quote", str(quote.id))
        db.session.add(RoundReport(round_id=survey_round.id, published=True))
        db.session.commit()
        return slug, quote.id, action.id


def shown_everywhere(app, client, slug: str, action_id: int) -> dict[str, bool]:
    page = unescape(re.sub(r"<[^>]+>", " ", client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)))
    with app.app_context():
        survey_round = round_by_slug(slug)
        board = build_report(survey_round.id, for_staff=False)
        action = db.session.get(Action, action_id)
        findings = " ".join(view.words for view in public_findings(action))
        offered = " ".join(text for _id, text in quote_choices(action))
    return {
        "board report": any(WORDS in quote["text"] for quote in board["quotes"]),
        "children's page": WORDS in " ".join(page.split()),
        "action finding": WORDS in findings,
        "offered to link": "robin" in offered,
    }


def test_an_approved_quote_is_withheld_everywhere_once_the_redaction_rules_would_hide_a_name(
        app, client, quoted, monkeypatch):
    slug, _quote_id, action_id = quoted
    assert shown_everywhere(app, client, slug, action_id) == dict.fromkeys(
        ("board report", "children's page", "action finding", "offered to link"), True)
    names, everyday = redaction._names()
    monkeypatch.setattr(redaction, "_names", lambda: (names | {"robin"}, everyday))  # the name list grows
    assert shown_everywhere(app, client, slug, action_id) == dict.fromkeys(
        ("board report", "children's page", "action finding", "offered to link"), False)


def test_an_approved_quote_is_withheld_everywhere_once_its_question_has_fewer_than_10_answers(
        app, client, quoted):
    slug, quote_id, action_id = quoted
    with app.app_context():
        survey_round = round_by_slug(slug)
        quote = db.session.get(Quote, quote_id)
        other = db.session.scalar(select(SurveyResponse.id).where(SurveyResponse.round_id == survey_round.id,
                                                                  SurveyResponse.id != quote.response_id))
        db.session.execute(delete(SurveyResponse).where(SurveyResponse.id == other))
        db.session.commit()
    assert not any(shown_everywhere(app, client, slug, action_id).values())


def staff_pages(client, slug: str, quote_id: int, action_id: int) -> dict[str, str]:
    def words(url: str) -> str:
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", client.get(url).get_data(as_text=True))).split())
    return {"quote": words(f"/staff/quotes/{quote_id}"), "quotes": words(f"/staff/rounds/{slug}/quotes"),
            "action": words(f"/staff/actions/{action_id}")}


@pytest.mark.usefixtures("worker")
def test_staff_moderation_pages_still_show_a_quote_withheld_by_the_redaction_rules_and_say_why(
        app, client, quoted, monkeypatch):
    slug, quote_id, action_id = quoted
    before = staff_pages(client, slug, quote_id, action_id)
    assert "Reports for this round show it" in before["quote"] and "Withheld" not in before["quotes"]
    names, everyday = redaction._names()
    monkeypatch.setattr(redaction, "_names", lambda: (names | {"robin"}, everyday))
    pages = staff_pages(client, slug, quote_id, action_id)
    assert WORDS in pages["quote"] and WORDS in pages["quotes"]  # staff moderation pages still show it
    assert "Reports for this round show it" not in pages["quote"]
    assert "Withheld: Redaction would now hide name “robin” in the approved wording" in pages["quote"]
    assert "Withheld: Redaction would now hide name “robin”" in pages["quotes"]
    # The action's page is not a moderation page: it says the quote is withheld, without its words.
    assert "withheld" in pages["action"] and WORDS not in pages["action"] and "robin" not in pages["action"]


@pytest.mark.usefixtures("worker")
def test_staff_moderation_pages_say_a_quote_is_withheld_once_its_question_has_fewer_than_10_answers(
        app, client, quoted):
    slug, quote_id, action_id = quoted
    with app.app_context():
        quote = db.session.get(Quote, quote_id)
        other = db.session.scalar(select(SurveyResponse.id).where(SurveyResponse.round_id == quote.round_id,
                                                                  SurveyResponse.id != quote.response_id))
        db.session.execute(delete(SurveyResponse).where(SurveyResponse.id == other))
        db.session.commit()
    pages = staff_pages(client, slug, quote_id, action_id)
    reason = "Withheld: Its question now has only 9 written answers in this round (fewer than 10)"
    assert reason in pages["quote"] and reason in pages["quotes"] and WORDS in pages["quote"]
    assert "withheld" in pages["action"] and WORDS not in pages["action"]
