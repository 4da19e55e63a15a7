"""The safeguarding lead's queue: how long each flag has waited, and notes that name nobody."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from survey_app.extensions import db
from survey_app.models import SafeguardingFlag
from survey_app.rounds.operations import round_by_slug
from survey_app.safeguarding.queue import note_problem

from .journey import CSRF


@pytest.fixture
def lead(client, make_staff, sign_in):
    sign_in(*make_staff("safeguarding"))
    return client


def add_flag(app, slug: str, raised_on: dt.date, text: str = "Do you feel safe? — No") -> str:
    with app.app_context():
        flag = SafeguardingFlag(round_id=round_by_slug(slug).id, question_id="feel_safe_home",
                                reason="trigger_answer", answer_text=text, raised_on=raised_on)
        db.session.add(flag)
        db.session.commit()
        return flag.id


def page_text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_the_queue_counts_waiting_days_from_the_day_the_flag_was_raised(app, lead, make_round):
    slug = make_round("younger-children")
    today = dt.date.today()
    for days, text in ((0, "first"), (1, "second"), (3, "third")):
        add_flag(app, slug, today - dt.timedelta(days=days), text=f"Question — {text}")
    page = page_text(lead.get("/staff/safeguarding"))
    assert "waiting today · help answer Question — first" in page
    assert "waiting since yesterday · help answer Question — second" in page
    assert "waiting 3 days · help answer Question — third" in page
    assert "Week of" not in page


@pytest.mark.parametrize("note", [
    "Spoke to Sarah Jones in the home about it",
    "Emailed the team at duty.team@council.example",
    "Rang the carer on 07700 900123",
])
def test_an_outcome_note_that_names_or_contacts_someone_is_refused_and_kept_to_correct(app, lead, make_round, note):
    flag_id = add_flag(app, make_round("younger-children"), dt.date.today())
    token = CSRF.search(lead.get("/staff/safeguarding").get_data(as_text=True)).group(1)
    response = lead.post(f"/staff/safeguarding/{flag_id}", data={"csrf_token": token, "outcome": "escalated",
                                                                  "note": note})
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert "kept beside an anonymous answer" in page
    assert note in page  # what the lead typed is not lost
    with app.app_context():
        flag = db.session.get(SafeguardingFlag, flag_id)
        assert flag.status == "outstanding" and flag.outcome_note is None


def test_an_outcome_note_that_says_what_was_done_is_kept(app, lead, make_round):
    flag_id = add_flag(app, make_round("younger-children"), dt.date.today())
    token = CSRF.search(lead.get("/staff/safeguarding").get_data(as_text=True)).group(1)
    note = "Escalated to the duty team and the LADO; discussed with the IRO"
    response = lead.post(f"/staff/safeguarding/{flag_id}", data={"csrf_token": token, "outcome": "escalated",
                                                                  "note": note})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(SafeguardingFlag, flag_id).outcome_note == note


def test_note_problem_names_what_to_take_out():
    assert note_problem("No further action: nothing to go on") is None
    assert "email and phone" in note_problem("contact a@b.org or 07700 900123")
