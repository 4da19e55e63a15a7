"""Quotes: put forward with the redacted wording, changed only to shorten or hide more, approved only
with 10 or more answers and nothing left that redaction would hide, audited, and withdrawn."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Answer, AuditEvent, Quote, Theme
from survey_app.moderation.quotes import (
    MIN_ANSWERS,
    QuoteRefused,
    approve,
    publishable_quotes,
    withdraw,
    wording_problem,
)

from .moderation import QUESTION, add_written_answers, restore_themes, round_id, token, worker  # noqa: F401

SARAH = "my sw Sarah is kind but i want to see my brother more"
FILLER = [f"more days out please {n}" for n in range(MIN_ANSWERS)]


def put_forward(client, slug: str, response_id: str) -> int:
    response = client.post(f"/staff/rounds/{slug}/free-text/{QUESTION}/{response_id}/quote",
                           data={"csrf_token": token(client)})
    assert response.status_code == 302 and "/staff/quotes/" in response.location
    return int(response.location.rsplit("/", 1)[1])


def press(client, quote_id: int, action: str, text: str | None = None, theme: str | None = None):
    data = {"csrf_token": token(client), "action": action}
    if text is not None:
        data["text"] = text
    if theme is not None:
        data["theme"] = theme
    return client.post(f"/staff/quotes/{quote_id}", data=data)


def quote(app, quote_id: int) -> Quote:
    with app.app_context():
        row = db.session.get(Quote, quote_id)
        db.session.expunge(row)
        return row


def approved_texts(app, slug: str) -> list[str]:
    rid = round_id(app, slug)
    with app.app_context():
        return [row.text for row in publishable_quotes(rid)]


@pytest.fixture
def enough(app, make_round):
    """A round where the question has 11 written answers; returns (slug, id of the answer naming Sarah)."""
    slug = make_round("younger-children")
    sarah, *_ = add_written_answers(app, slug, [SARAH, *FILLER])
    return slug, sarah


@pytest.mark.usefixtures("worker")
def test_putting_an_answer_forward_prefills_the_redacted_wording_and_keeps_the_original(app, client, enough):
    slug, sarah = enough
    quote_id = put_forward(client, slug, sarah)
    made = quote(app, quote_id)
    assert (made.text, made.status, made.theme_code) == (
        "my sw [name] is kind but i want to see my brother more", "pending", "family_contact")
    page = unescape(client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True))
    assert '<mark title="name">Sarah</mark>' in page  # the original, beside the wording
    assert ">my sw [name] is kind but i want to see my brother more</textarea>" in page
    assert put_forward(client, slug, sarah) == quote_id  # once per answer


@pytest.mark.usefixtures("worker")
def test_the_wording_can_only_be_shortened_or_hidden_more_and_the_original_stays(app, client, enough):
    slug, sarah = enough
    quote_id = put_forward(client, slug, sarah)
    refused = press(client, quote_id, "save", "my sw is lovely but i want to see my brother more")
    assert refused.status_code == 400
    page = unescape(refused.get_data(as_text=True))
    assert "“lovely” is not in the answer" in page
    assert ">my sw is lovely but i want to see my brother more</textarea>" in page  # what was typed is kept
    assert quote(app, quote_id).text == "my sw [name] is kind but i want to see my brother more"

    assert press(client, quote_id, "save", "My [detail] is kind… I want to see my [detail] more.",
                 theme="social_worker").status_code == 302
    saved = quote(app, quote_id)
    assert (saved.text, saved.theme_code) == ("My [detail] is kind… I want to see my [detail] more.", "social_worker")
    with app.app_context():
        assert db.session.get(Answer, (sarah, QUESTION, 0)).text == SARAH  # the young person's words untouched
    page = unescape(client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True))
    assert "my sw <mark" in page and "My [detail] is kind" in page


def test_wording_rules():
    redacted = "my sw [name] is kind, but i want to see my brother more"
    assert wording_problem(redacted, redacted) is None
    assert wording_problem(redacted, "I want to see my brother more!") is None
    assert wording_problem(redacted, "my sw [name] is kind … i want to see my [name] more") is None
    assert "not in the answer, or not in that order" in wording_problem(redacted, "i want to see my sw")
    assert "not a placeholder" in wording_problem(redacted, "my sw [sarah] is kind")
    assert "empty" in wording_problem(redacted, "   ")
    assert "not in the answer" in wording_problem(redacted, "my sw Sarah is kind")  # no un-redacting


@pytest.mark.usefixtures("worker")
def test_approving_records_who_and_when_and_is_audited_without_the_young_persons_words(app, client, enough,
                                                                                     make_staff):
    slug, sarah = enough
    quote_id = put_forward(client, slug, sarah)
    response = press(client, quote_id, "approve", "i want to see my brother more")
    assert response.status_code == 302 and response.location.endswith(f"/staff/rounds/{slug}/quotes")
    approved = quote(app, quote_id)
    assert approved.status == "approved" and approved.reviewed_on == dt.date.today()
    assert approved.reviewed_by.startswith("worker-")
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("quote%"))
                                    .order_by(AuditEvent.id)).all()
        assert [event.action for event in events] == ["quote put forward", "quote approved"]
        assert all(event.actor == approved.reviewed_by for event in events)
        assert not any("brother" in event.detail or "Sarah" in event.detail for event in events)
    assert approved_texts(app, slug) == ["i want to see my brother more"]


@pytest.mark.usefixtures("worker")
def test_a_quote_for_a_question_with_fewer_than_10_answers_cannot_be_approved(app, client, make_round):
    slug = make_round("younger-children")
    sarah, *_ = add_written_answers(app, slug, [SARAH, *FILLER[:MIN_ANSWERS - 2]])
    quote_id = put_forward(client, slug, sarah)
    assert "fewer than 10 answers" in client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    refused = press(client, quote_id, "approve", "i want to see my brother more")
    assert refused.status_code == 400
    assert ("Only 9 young people wrote an answer to this question in this round. With fewer than 10 answers a "
            "quote could identify someone") in refused.get_data(as_text=True)
    assert ">i want to see my brother more</textarea>" in refused.get_data(as_text=True)  # typed text kept
    assert quote(app, quote_id).status == "pending"
    assert approved_texts(app, slug) == []

    add_written_answers(app, slug, ["one more"])  # the tenth answer
    assert press(client, quote_id, "approve", "i want to see my brother more").status_code == 302
    assert quote(app, quote_id).status == "approved"


@pytest.mark.usefixtures("worker")
def test_a_wording_that_redaction_would_still_change_is_refused_with_the_reason(app, client, make_round):
    slug = make_round("younger-children")
    will, *_ = add_written_answers(app, slug, ["my sw is great. Will helps me with my homework", *FILLER])
    quote_id = put_forward(client, slug, will)
    assert quote(app, quote_id).text == "my sw is great. Will helps me with my homework"  # "Will" starts a sentence
    # Shortened, "Will" follows "my sw": now it reads as a name, and approving is refused.
    refused = press(client, quote_id, "approve", "my sw Will helps me")
    assert refused.status_code == 400
    assert "redaction would hide name “Will”" in unescape(refused.get_data(as_text=True))
    assert quote(app, quote_id).status == "pending"
    assert press(client, quote_id, "approve", "my sw [name] helps me").status_code == 302


def test_a_quote_changed_behind_the_pages_back_is_still_checked_on_approval(app, enough):
    slug, sarah = enough
    rid = round_id(app, slug)
    with app.app_context():
        row = Quote(round_id=rid, response_id=sarah, question_id=QUESTION, text=SARAH)
        db.session.add(row)
        db.session.flush()
        with pytest.raises(QuoteRefused, match="Sarah"):
            approve(row, "worker@council.example")
        row.status = "approved"  # even if it got there somehow, reports never show it
        db.session.commit()
    assert approved_texts(app, slug) == []


@pytest.mark.usefixtures("worker")
def test_an_approved_quote_can_be_withdrawn_and_reports_stop_showing_it(app, client, enough):
    slug, sarah = enough
    quote_id = put_forward(client, slug, sarah)
    press(client, quote_id, "approve", "i want to see my brother more")
    assert "Withdraw the approval" in client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    assert press(client, quote_id, "save", "i want").status_code == 400  # approved: withdraw first
    response = client.post(f"/staff/quotes/{quote_id}/withdraw", data={"csrf_token": token(client)})
    assert response.status_code == 302
    withdrawn = quote(app, quote_id)
    assert (withdrawn.status, withdrawn.reviewed_by, withdrawn.reviewed_on) == ("pending", "", None)
    assert approved_texts(app, slug) == []
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "quote withdrawn")).endswith(
            "(was approved)")
        with pytest.raises(QuoteRefused, match="already waiting"):
            withdraw(db.session.get(Quote, quote_id), "x@council.example")


@pytest.mark.usefixtures("worker")
def test_the_quotes_list_filters_by_status(app, client, make_round):
    slug = make_round("younger-children")
    first, second, third, *_ = add_written_answers(app, slug, ["i like my new room", "more pocket money",
                                                               "a bigger garden", *FILLER])
    approved, rejected, pending = (put_forward(client, slug, rid) for rid in (first, second, third))
    press(client, approved, "approve", "i like my new room")
    press(client, rejected, "reject", "more pocket money")
    assert quote(app, rejected).status == "rejected"

    def listed(status: str = "") -> str:
        return client.get(f"/staff/rounds/{slug}/quotes" + (f"?status={status}" if status else "")).get_data(
            as_text=True)

    everything = listed()
    assert all(text in everything for text in ("i like my new room", "more pocket money", "a bigger garden"))
    assert "All (3)" in everything and "Approved (1)" in everything
    assert "i like my new room" in listed("approved") and "a bigger garden" not in listed("approved")
    assert "more pocket money" in listed("rejected") and "i like my new room" not in listed("rejected")
    assert "a bigger garden" in listed("pending") and "more pocket money" not in listed("pending")
    assert pending


def test_publishable_quotes_come_in_question_order_with_their_themes(app, make_round):
    slug = make_round("younger-children")
    rid = round_id(app, slug)
    ids = add_written_answers(app, slug, ["i want to be a vet", *FILLER], question_id="grow_up_to_be")
    more = add_written_answers(app, slug, ["more trips out", *FILLER])
    with app.app_context():
        for response_id, question_id, theme in ((more[0], QUESTION, "activities"), (ids[0], "grow_up_to_be", "")):
            row = Quote(round_id=rid, response_id=response_id, question_id=question_id, theme_code=theme,
                        text="placeholder", status="pending")
            row.text = db.session.get(Answer, (response_id, question_id, 0)).text
            db.session.add(row)
            db.session.flush()
            approve(row, "worker@council.example")
        db.session.commit()
        quotes = publishable_quotes(rid)
    assert [(q.question_id, q.text, q.theme_code) for q in quotes] == [
        ("grow_up_to_be", "i want to be a vet", ""), (QUESTION, "more trips out", "activities")]


@pytest.mark.usefixtures("restore_themes")
def test_an_approved_quote_whose_theme_was_retired_reaches_reports_without_the_theme(app, make_round):
    slug = make_round("younger-children")
    rid = round_id(app, slug)
    trips, *_ = add_written_answers(app, slug, ["more trips out", *FILLER])
    with app.app_context():
        row = Quote(round_id=rid, response_id=trips, question_id=QUESTION, theme_code="activities",
                    text="more trips out")
        db.session.add(row)
        db.session.flush()
        approve(row, "worker@council.example")
        db.session.scalar(select(Theme).where(Theme.code == "activities")).active = False
        db.session.commit()
        assert [(q.text, q.theme_code) for q in publishable_quotes(rid)] == [("more trips out", "")]
