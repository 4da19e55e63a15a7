from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent, SafeguardingFlag, StaffUser

from .journey import CSRF


def token(client, url="/staff/sign-in"):
    return CSRF.search(client.get(url).get_data(as_text=True)).group(1)


def audit_actions(app) -> list[str]:
    with app.app_context():
        return [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_a_worker_signs_in_and_sees_the_rounds_with_counts_only(app, client, make_staff, sign_in, journey):
    child = journey("younger-children")
    child.begin()
    email, password = make_staff("worker")
    staff = app.test_client()
    page = staff.get("/staff/sign-in").get_data(as_text=True)
    response = staff.post("/staff/sign-in", data={"csrf_token": CSRF.search(page).group(1),
                                                  "email": email.upper(), "password": password})
    assert response.status_code == 302 and response.location == "/staff/"
    home = staff.get("/staff/").get_data(as_text=True)
    assert "Your life, your say" in home
    assert "<td>1</td>" in home  # one in progress, no detail about it
    assert "signed in" in audit_actions(app)


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(client, make_staff, sign_in):
    email, _ = make_staff("worker")
    wrong_password = sign_in(email, "not the right one at all").get_data(as_text=True)
    unknown_email = sign_in("nobody@council.example", "not the right one at all").get_data(as_text=True)
    message = "Enter a correct email address and password"
    assert message in wrong_password and message in unknown_email
    assert "Error:" in wrong_password


def test_changing_the_password_signs_out_every_other_browser(app, make_staff, sign_in):
    email, password = make_staff("worker")
    other_browser = app.test_client()
    page = other_browser.get("/staff/sign-in").get_data(as_text=True)
    other_browser.post("/staff/sign-in", data={"csrf_token": CSRF.search(page).group(1), "email": email,
                                                "password": password})
    assert other_browser.get("/staff/").status_code == 200

    this_browser = app.test_client()
    page = this_browser.get("/staff/sign-in").get_data(as_text=True)
    this_browser.post("/staff/sign-in", data={"csrf_token": CSRF.search(page).group(1), "email": email,
                                               "password": password})
    response = this_browser.post("/staff/password", data={
        "csrf_token": token(this_browser, "/staff/password"), "current": password,
        "new": "purple elephant bicycle morning"})
    assert response.status_code == 302
    assert this_browser.get("/staff/").status_code == 200
    assert other_browser.get("/staff/").status_code == 302


def test_a_weak_new_password_is_refused_with_a_reason(client, make_staff, sign_in):
    email, password = make_staff("worker")
    sign_in(email, password)
    response = client.post("/staff/password", data={"csrf_token": token(client, "/staff/password"),
                                                     "current": password, "new": "short"})
    assert response.status_code == 400
    assert "at least 12 characters" in response.get_data(as_text=True)


def test_an_admin_adds_a_person_who_must_choose_their_own_password(app, client, make_staff, sign_in):
    email, password = make_staff("admin")
    sign_in(email, password)
    response = client.post("/staff/users/new", data={
        "csrf_token": token(client, "/staff/users/new"), "email": "New.Worker@Council.example",
        "password": "first password given in person", "roles": ["worker", "board"]})
    assert response.status_code == 302
    newcomer = app.test_client()
    page = newcomer.get("/staff/sign-in").get_data(as_text=True)
    newcomer.post("/staff/sign-in", data={"csrf_token": CSRF.search(page).group(1),
                                          "email": "new.worker@council.example",
                                          "password": "first password given in person"})
    assert newcomer.get("/staff/").location == "/staff/password"
    assert "user created" in audit_actions(app)


def test_adding_a_second_account_with_the_same_email_is_refused(client, make_staff, sign_in):
    email, password = make_staff("admin")
    sign_in(email, password)
    response = client.post("/staff/users/new", data={
        "csrf_token": token(client, "/staff/users/new"), "email": email,
        "password": "first password given in person", "roles": ["worker"]})
    assert response.status_code == 400
    assert "already an account" in response.get_data(as_text=True)


def test_changing_roles_is_audited_and_takes_effect_at_once(app, client, make_staff, sign_in):
    admin_email, admin_password = make_staff("admin")
    worker_email, worker_password = make_staff("worker")
    worker = app.test_client()
    page = worker.get("/staff/sign-in").get_data(as_text=True)
    worker.post("/staff/sign-in", data={"csrf_token": CSRF.search(page).group(1), "email": worker_email,
                                        "password": worker_password})
    sign_in(admin_email, admin_password)
    with app.app_context():
        worker_id = db.session.scalar(select(StaffUser.id).filter_by(email=worker_email))
    url = f"/staff/users/{worker_id}/roles"
    response = client.post(url, data={"csrf_token": token(client, url), "roles": ["board"]})
    assert response.status_code == 302
    assert "roles changed" in audit_actions(app)
    assert worker.get("/staff/").status_code == 302  # signed out: their access changed


def test_the_safeguarding_lead_sees_flags_with_round_and_answer_and_records_what_was_done(
        app, client, make_staff, sign_in, journey):
    child = journey("younger-children")
    child.begin()
    child.answer_and_go("1")
    where = child.answer_and_go("no")  # "Do you feel safe where you live?" → help, then carry on
    assert where
    child.send()
    email, password = make_staff("safeguarding")
    sign_in(email, password)
    page = client.get("/staff/safeguarding").get_data(as_text=True)
    assert "Waiting for review (1)" in page
    assert "Your life, your say" in page
    with app.app_context():
        flag = db.session.scalars(select(SafeguardingFlag)).one()
        flag_id = flag.id
    response = client.post(f"/staff/safeguarding/{flag_id}", data={
        "csrf_token": token(client, "/staff/safeguarding"), "outcome": "escalated",
        "note": "Passed to the children in care team"})
    assert response.status_code == 302
    with app.app_context():
        flag = db.session.get(SafeguardingFlag, flag_id)
        assert flag.status == "escalated" and flag.reviewed_on == dt.date.today()
    assert "Waiting for review (0)" in client.get("/staff/safeguarding").get_data(as_text=True)
    assert "safeguarding flag recorded" in audit_actions(app)


def test_recording_without_choosing_an_outcome_changes_nothing(app, client, make_staff, sign_in, make_round):
    from survey_app.rounds.operations import round_by_slug

    slug = make_round("younger-children")
    with app.app_context():
        flag = SafeguardingFlag(round_id=round_by_slug(slug).id, question_id="q", reason="worrying_words",
                                answer_text="x", raised_on=dt.date.today())
        db.session.add(flag)
        db.session.commit()
        flag_id = flag.id
    email, password = make_staff("safeguarding")
    sign_in(email, password)
    client.post(f"/staff/safeguarding/{flag_id}", data={"csrf_token": token(client, "/staff/safeguarding")})
    with app.app_context():
        assert db.session.get(SafeguardingFlag, flag_id).status == "outstanding"


def test_create_admin_command_makes_the_first_admin(app, runner):
    result = runner.invoke(args=["staff", "create-admin", "Lead@Council.example", "--password",
                                 "a long enough passphrase"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(StaffUser).filter_by(email="lead@council.example"))
        assert user.role_set == {"admin"}


def test_create_admin_refuses_a_weak_password(runner):
    result = runner.invoke(args=["staff", "create-admin", "lead@council.example", "--password", "short"])
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output


def test_the_demo_user_exists_only_in_demo_mode(app, runner):
    result = runner.invoke(args=["staff", "demo-user"])
    assert result.exit_code != 0
    app.config["DEMO_MODE"] = True
    try:
        result = runner.invoke(args=["staff", "demo-user"])
    finally:
        app.config["DEMO_MODE"] = False
    assert result.exit_code == 0 and "demo@example.org / " in result.output


def test_staff_sessions_expire(app, make_staff, sign_in, client):
    email, password = make_staff("worker")
    response = sign_in(email, password)
    cookie = response.headers["Set-Cookie"]
    assert "Expires=" in cookie
    assert app.config["PERMANENT_SESSION_LIFETIME"] == dt.timedelta(hours=8)
