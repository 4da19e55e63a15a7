"""The four-eyes rule on quotes (QUOTES_FOUR_EYES): when on, whoever put a quote forward cannot approve it
(the rule refuses, and the page offers them no approve button); anyone else can. Off (the default), the
same person may do both."""

from __future__ import annotations

from html import unescape

import pytest

from survey_app.extensions import db
from survey_app.models import Quote
from survey_app.moderation.quotes import QuoteRefused, approve

from .moderation import add_written_answers, token
from .test_moderation_quotes import FILLER, SARAH, press, put_forward

WORDING = "i want to see my brother more"


@pytest.fixture
def four_eyes(app, monkeypatch):
    monkeypatch.setitem(app.config, "QUOTES_FOUR_EYES", True)


@pytest.fixture
def proposer(client, make_staff, sign_in):
    email, password = make_staff("worker")
    sign_in(email, password)
    return email


@pytest.fixture
def other_worker(app, make_staff):
    """A second participation worker, signed in on their own browser (a test client)."""
    email, password = make_staff("worker")
    other = app.test_client()
    other.post("/staff/sign-in", data={"csrf_token": token(other, "/staff/sign-in"), "email": email,
                                        "password": password})
    assert "Sign out" in other.get("/staff/").get_data(as_text=True)
    return other, email


@pytest.fixture
def pending(app, client, make_round, proposer):
    slug = make_round("younger-children")
    sarah, *_ = add_written_answers(app, slug, [SARAH, *FILLER])
    quote_id = put_forward(client, slug, sarah)
    press(client, quote_id, "save", WORDING)
    return slug, quote_id


def status(app, quote_id: int) -> tuple[str, str]:
    with app.app_context():
        quote = db.session.get(Quote, quote_id)
        return quote.status, quote.reviewed_by


def test_a_quote_remembers_who_put_it_forward(app, pending, proposer):
    _slug, quote_id = pending
    with app.app_context():
        assert db.session.get(Quote, quote_id).put_forward_by == proposer


@pytest.mark.usefixtures("four_eyes")
def test_with_four_eyes_on_the_person_who_put_a_quote_forward_cannot_approve_it(app, client, pending):
    _slug, quote_id = pending
    page = unescape(client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True))
    assert 'value="approve"' not in page
    assert "You put this quote forward, so someone else must approve it" in page
    assert 'value="reject"' in page  # they can still reject or change their own proposal
    response = press(client, quote_id, "approve", WORDING)  # a hand-made request is refused too
    assert response.status_code == 400
    assert "You put this quote forward, so someone else must approve it" in unescape(response.get_data(as_text=True))
    assert status(app, quote_id) == ("pending", "")


@pytest.mark.usefixtures("four_eyes")
def test_with_four_eyes_on_someone_else_can_approve_it(app, pending, other_worker):
    _slug, quote_id = pending
    other, email = other_worker
    page = unescape(other.get(f"/staff/quotes/{quote_id}").get_data(as_text=True))
    assert 'value="approve"' in page and "someone else must approve it" not in page
    response = other.post(f"/staff/quotes/{quote_id}", data={"csrf_token": token(other), "action": "approve",
                                                             "text": WORDING})
    assert response.status_code == 302
    assert status(app, quote_id) == ("approved", email)


@pytest.mark.usefixtures("four_eyes")
def test_the_rule_is_in_the_quote_rules_not_only_the_page(app, pending, proposer):
    _slug, quote_id = pending
    with app.app_context():
        quote = db.session.get(Quote, quote_id)
        with pytest.raises(QuoteRefused, match="someone else must approve it"):
            approve(quote, proposer.upper())  # the same address however it is typed
        approve(quote, "someone-else@council.example")
        assert quote.status == "approved"


def test_with_four_eyes_off_the_person_who_put_it_forward_may_approve_it(app, client, pending, proposer):
    assert not app.config["QUOTES_FOUR_EYES"]  # off by default
    _slug, quote_id = pending
    assert 'value="approve"' in client.get(f"/staff/quotes/{quote_id}").get_data(as_text=True)
    response = press(client, quote_id, "approve", WORDING)
    assert response.status_code == 302
    assert status(app, quote_id) == ("approved", proposer)
