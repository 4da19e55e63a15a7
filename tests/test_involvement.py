"""'I'd like to get involved': offered only after sending, checked with kind words, kept once however often
it is sent, shown to participation workers only in batches of INVOLVEMENT_BATCH, purged after release."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from survey_app.extensions import db
from survey_app.models import AuditEvent, InvolvementRequest

from .journey import CSRF, Journey

DETAILS = {"interests": ["council", "events"], "called": "Jazz", "contact_by": "phone", "phone": "07700 900123"}


def sent(client, slug: str) -> Journey:
    """A young person who has just sent their answers (the shortest way: skip the first question)."""
    child = Journey(client, slug)
    child.begin()
    child.answer(skip=True)
    child.send()
    return child


def leave(child: Journey, data: dict, expect_status: int = 302):
    """Send the form; after it was sent once, send it again as a second tap or a resent POST would."""
    child.open(f"/r/{child.slug}/get-involved")
    if 'name="called"' in child.page:
        child.token = child.csrf()
    response = child.client.post(f"/r/{child.slug}/get-involved", data={"csrf_token": child.token, **data})
    assert response.status_code == expect_status, response.get_data(as_text=True)[:3000]
    return response


def stored(app) -> list[InvolvementRequest]:
    with app.app_context():
        rows = db.session.scalars(select(InvolvementRequest)).all()
        db.session.expunge_all()
        return list(rows)


def test_it_is_offered_on_the_sent_page_and_kept_with_what_was_ticked(app, client, make_round):
    slug = make_round("younger-children")
    child = sent(client, slug)
    page = client.get(f"/r/{slug}/sent").get_data(as_text=True)
    assert "I’d like to get involved" in page and f"/r/{slug}/get-involved" in page
    form = client.get(f"/r/{slug}/get-involved").get_data(as_text=True)
    assert "Children in Care Council" in form and 'name="called"' in form
    response = leave(child, DETAILS)
    assert response.location == f"/r/{slug}/get-involved"
    thanks = client.get(response.location).get_data(as_text=True)
    assert "We have your details" in thanks and 'name="called"' not in thanks
    assert "we have your details" in client.get(f"/r/{slug}/sent").get_data(as_text=True)
    (row,) = stored(app)
    assert (row.called, row.contact_by, row.contact) == ("Jazz", "phone", "07700 900123")
    assert row.interests == "council events"
    assert row.released_on is None


def test_it_is_not_offered_when_the_session_says_nothing_was_sent(app, client, make_round):
    slug = make_round("younger-children")
    assert client.get(f"/r/{slug}/get-involved").location == f"/r/{slug}"
    child = Journey(client, slug)
    child.begin()  # answering, not sent yet
    assert client.get(f"/r/{slug}/get-involved").location == f"/r/{slug}"
    response = client.post(f"/r/{slug}/get-involved", data={"csrf_token": child.csrf(), **DETAILS})
    assert response.status_code == 302 and response.location == f"/r/{slug}"
    other = make_round("care-leavers")  # sent in one round is not "sent" in another
    sent(client, slug)
    assert client.get(f"/r/{other}/get-involved").location == f"/r/{other}"
    assert stored(app) == []


@pytest.mark.parametrize(("data", "field", "words"), [
    ({}, "interests", "Tick at least one thing"),
    ({"interests": "council", "contact_by": "phone", "phone": "0770"}, "called", "the name you like to be called"),
    ({"interests": "council", "called": "x" * 41, "contact_by": "email", "email": "a@b.co"}, "called", "shorter"),
    ({"interests": "council", "called": "Sam"}, "contact_by", "Choose how we can get in touch"),
    ({"interests": "council", "called": "Sam", "contact_by": "phone", "phone": ""}, "phone", "Type your phone number"),
    ({"interests": "council", "called": "Sam", "contact_by": "phone", "phone": "call me"}, "phone",
     "doesn’t look like a phone number"),
    ({"interests": "council", "called": "Sam", "contact_by": "phone", "phone": "0" * 30}, "phone",
     "doesn’t look like a phone number"),
    ({"interests": "council", "called": "Sam", "contact_by": "email", "email": "sam at home"}, "email",
     "name@example.com"),
    ({"interests": "council", "called": "Sam", "contact_by": "worker", "worker": ""}, "worker", "Tell us who to ask"),
    ({"interests": "council", "called": "Sam", "contact_by": "worker", "worker": "y" * 81}, "worker", "shorter"),
    ({"interests": "nonsense", "called": "Sam", "contact_by": "worker", "worker": "my carer"}, "interests",
     "Tick at least one thing"),
])
def test_problems_are_shown_kindly_at_their_field_and_nothing_is_kept(app, client, make_round, data, field, words):
    child = sent(client, make_round("younger-children"))
    page = leave(child, data, expect_status=400).get_data(as_text=True)
    assert "There is a problem" in page and words in page
    assert f'id="{field}-error"' in page
    assert page.count('class="error-message"') >= 1
    if data.get("called") == "Sam":
        assert 'value="Sam"' in page  # what was typed is kept
    assert stored(app) == []


def test_the_form_sent_twice_is_kept_once_with_the_ticks_of_both(app, client, make_round):
    child = sent(client, make_round("younger-children"))
    leave(child, DETAILS)
    leave(child, DETAILS)
    leave(child, {**DETAILS, "interests": ["surveys"], "called": "jazz", "phone": "07700900123"})
    (row,) = stored(app)
    assert row.interests == "council events surveys"
    leave(child, {**DETAILS, "called": "Someone else"})  # other details: another person
    assert len(stored(app)) == 2


def test_two_sends_at_the_same_moment_keep_one(app, make_round, monkeypatch):
    """Both requests look for a waiting row before either has stored one: the unique digest keeps one."""
    from survey_app.involvement import batches
    from survey_app.involvement.details import read_details

    details = read_details({"called": "Jo", "contact_by": "email", "email": "Jo@Example.org"}, ["groups"])
    looks = iter([None])  # the first look finds nothing, as if the other request had not committed yet
    real = batches._waiting_with
    monkeypatch.setattr(batches, "_waiting_with", lambda digest: next(looks, real(digest)))
    with app.app_context():
        db.session.add(InvolvementRequest(digest=details.digest(app.config["SECRET_KEY"]), interests="council",
                                          called="Jo", contact_by="email", contact="jo@example.org"))
        db.session.commit()
        batches.leave_details(details, app.config["SECRET_KEY"])
        db.session.commit()
    (row,) = stored(app)
    assert row.interests == "council groups"


def test_nobody_is_shown_until_a_batch_is_waiting_then_all_at_once(app, client, make_round, make_staff, sign_in):
    slug = make_round("younger-children")
    for number in range(4):
        leave(sent(app.test_client(), slug), {**DETAILS, "called": f"Person {number}"})
    email, password = make_staff("worker")
    sign_in(email, password)
    page = client.get("/staff/involvement").get_data(as_text=True)
    assert "Fewer than 5 people are waiting" in page and "Person" not in page
    token = CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
    client.post("/staff/involvement/release", data={"csrf_token": token})  # pressed anyway: nothing
    page = client.get("/staff/involvement").get_data(as_text=True)
    assert "Person" not in page and "not enough people are waiting" in page
    assert all(row.released_on is None for row in stored(app))
    with app.app_context():
        assert not db.session.scalars(select(AuditEvent).where(AuditEvent.action == "involvement_released")).all()

    leave(sent(app.test_client(), slug), {**DETAILS, "called": "Person 4"})
    page = client.get("/staff/involvement").get_data(as_text=True)
    assert "At least 5 people are waiting" in page and "Person" not in page
    client.post("/staff/involvement/release", data={"csrf_token": token})
    page = client.get("/staff/involvement").get_data(as_text=True)
    assert all(f"Person {number}" in page for number in range(5))
    assert "Phone or text: 07700 900123" in page and "Events and days out" in page
    assert "Fewer than 5 people are waiting" in page  # the next batch starts empty
    rows = stored(app)
    assert {row.released_on for row in rows} == {dt.date.today()} and {row.digest for row in rows} == {None}
    with app.app_context():
        (event,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "involvement_released")).all()
        assert event.actor == email and event.detail.startswith("5 people")


def test_the_batch_size_comes_from_the_settings(app, client, make_round, make_staff, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "INVOLVEMENT_BATCH", 2)
    slug = make_round("younger-children")
    for number in range(2):
        leave(sent(app.test_client(), slug), {**DETAILS, "called": f"Person {number}"})
    sign_in(*make_staff("admin"))
    page = client.get("/staff/involvement").get_data(as_text=True)
    assert "At least 2 people are waiting" in page


def test_a_board_member_or_safeguarding_lead_cannot_see_anyone(app, client, make_round, make_staff, sign_in):
    slug = make_round("younger-children")
    for number in range(5):
        leave(sent(app.test_client(), slug), {**DETAILS, "called": f"Person {number}"})
    sign_in(*make_staff("board", "safeguarding"))
    assert client.get("/staff/involvement").status_code == 403
    token = CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
    assert client.post("/staff/involvement/release", data={"csrf_token": token}).status_code == 403
    assert all(row.released_on is None for row in stored(app))


def test_purge_deletes_released_details_after_the_keeping_time_only(app, runner, make_round):
    with app.app_context():
        today = dt.date.today()
        for called, released_on in (("Old", today - dt.timedelta(days=91)), ("Recent", today - dt.timedelta(days=90)),
                                    ("Waiting", None)):
            db.session.add(InvolvementRequest(interests="council", called=called, contact_by="worker",
                                              contact="my carer", released_on=released_on))
        db.session.commit()
    result = runner.invoke(args=["involvement", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 released involvement details deleted (kept 90 days); 1 waiting mixed" in result.output
    assert sorted(row.called for row in stored(app)) == ["Recent", "Waiting"]


def test_the_migration_goes_down_and_up_again(app):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import inspect

    with app.app_context():
        db.session.remove()
        downgrade(revision="f10rev1ew01")
        assert "involvement_requests" not in inspect(db.engine).get_table_names()
        upgrade()
        assert "involvement_requests" in inspect(db.engine).get_table_names()
        if db.engine.dialect.name == "sqlite":
            sql = db.session.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'involvement_requests'"))
            assert sql.rstrip().upper().endswith("WITHOUT ROWID")
        checks = {check["name"] for check in inspect(db.engine).get_check_constraints("involvement_requests")}
        assert "ck_involvement_requests_contact_by_known" in checks
        db.session.remove()
