"""The "You said, we did" action register: the rules for an action, its progress updates and the
findings it answers, and the staff pages that use them."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.actions import rules
from survey_app.actions.operations import (
    Filters,
    add_update,
    apply_fields,
    create_action,
    describe_findings,
    finding_choices,
    link_finding,
    list_actions,
    public_findings,
    unlink_finding,
)
from survey_app.actions.rules import ActionInvalid, check_action, is_overdue, reference_sort_key
from survey_app.extensions import db
from survey_app.models import (
    Action,
    ActionFinding,
    ActionUpdate,
    Answer,
    AuditEvent,
    Quote,
    StrategyPriority,
    SurveyResponse,
    Theme,
)
from survey_app.models.response import week_of
from survey_app.rounds.operations import round_by_slug

from .journey import CSRF

TODAY = dt.date(2026, 3, 10)


def valid(**changes) -> dict[str, str]:
    data = {"reference": "14.9", "title": "Launch the Local Offer", "priority": "eet", "round": "",
            "owner": "Head of Service, Care Leavers", "due_day": "31", "due_month": "3", "due_year": "2026",
            "status": "planned", "not_doing_reason": ""}
    return data | changes


def problems_of(data, **kwargs) -> dict[str, str]:
    with pytest.raises(ActionInvalid) as refused:
        check_action(data, **kwargs)
    return refused.value.problems


def make_action(reference="14.9", round_slug: str = "", **changes) -> int:
    fields = check_action(valid(reference=reference, round=round_slug, **changes))
    action = create_action(fields, "worker@council.example", today=TODAY)
    db.session.commit()
    return action.id


def make_quote(round_slug: str, text: str, status: str = "approved") -> int:
    """A quote of one of 10 written answers (so the question has enough answers for it to be shown)."""
    survey_round = round_by_slug(round_slug)
    responses = [SurveyResponse(round_id=survey_round.id, week_of=week_of(TODAY), answers=[
        Answer(question_id="anything_else", position=0, text=f"{text} {n}", round_id=survey_round.id)])
        for n in range(10)]
    db.session.add_all(responses)
    db.session.flush()
    quote = Quote(round_id=survey_round.id, response_id=responses[0].id, question_id="anything_else", text=text,
                  status=status)
    db.session.add(quote)
    db.session.commit()
    return quote.id


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.rollback()


# -- the reference --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, kept", [("14.9", "14.9"), (" 15.2 ", "15.2"), ("6.2a", "6.2a"), ("PEP-1", "PEP-1"),
                                         ("P6/3", "P6/3"), ("Action 14.9", "14.9"), ("action  15.8", "15.8"),
                                         ("A", "A")])
def test_a_reference_is_letters_and_numbers_with_dots_dashes_or_slashes(typed, kept):
    assert rules.check_reference(typed) == kept


@pytest.mark.parametrize("typed, words", [("", "Enter the action’s reference"), ("   ", "Enter the action’s reference"),
                                          ("14..9", "only have letters and numbers"), (".14", "only have letters"),
                                          ("14.9.", "only have letters"), ("14 9", "only have letters"),
                                          ("14.9!", "only have letters"), ("1" * 21, "20 characters or fewer")])
def test_a_reference_that_is_not_one_is_refused_with_a_reason(typed, words):
    with pytest.raises(ValueError, match=words):
        rules.check_reference(typed)


def test_a_reference_already_in_the_register_is_refused_whatever_its_case(ctx):
    make_action("P6.1")
    assert "already an action P6.1" in problems_of(valid(reference="p6.1"))["reference"]


def test_an_action_being_changed_may_keep_its_own_reference(ctx):
    action = db.session.get(Action, make_action("14.9"))
    assert check_action(valid(title="New words"), editing=action).reference == "14.9"
    make_action("15.2")
    assert "already an action 15.2" in problems_of(valid(reference="15.2"), editing=action)["reference"]


# -- title, priority, owner, status, reason, due date ---------------------------------------------------------------
def test_the_title_is_required_and_kept_on_one_line():
    assert rules.check_title("  Launch   the\nLocal Offer ") == "Launch the Local Offer"
    with pytest.raises(ValueError, match="Enter what the council will do"):
        rules.check_title(" \n ")


def test_a_title_may_have_300_characters_and_not_301():
    assert len(rules.check_title("a" * 300)) == 300
    with pytest.raises(ValueError, match=r"300 characters or fewer \(it has 301\)"):
        rules.check_title("a" * 301)


def test_the_priority_must_be_one_of_the_councils_by_code_or_title(ctx):
    assert rules.check_priority("health") == "health"
    assert rules.check_priority("Health and wellbeing") == "health"
    assert rules.check_priority("EET") == "eet"
    with pytest.raises(ValueError, match="Choose the council priority"):
        rules.check_priority("")
    with pytest.raises(ValueError, match="“housing” is not one of the council’s priorities. Use one of: placement"):
        rules.check_priority("housing")


def test_a_priority_the_council_adds_can_be_used(ctx):
    db.session.add(StrategyPriority(code="youth_justice", title="Youth justice", position=9))
    db.session.flush()
    try:
        assert rules.check_priority("youth_justice") == "youth_justice"
    finally:
        db.session.rollback()
    with pytest.raises(ValueError):
        rules.check_priority("youth_justice")


def test_the_owner_is_a_role_never_contact_details():
    assert rules.check_owner(" Head of  Children in Care ") == "Head of Children in Care"
    with pytest.raises(ValueError, match="Enter who is responsible, as a role"):
        rules.check_owner("")
    for typed in ("sarah.jones@council.gov.uk", "Sarah on 01632 960100", "Sarah 07700900123"):
        with pytest.raises(ValueError, match="without an email address or phone number"):
            rules.check_owner(typed)
    with pytest.raises(ValueError, match="200 characters"):
        rules.check_owner("x" * 201)


@pytest.mark.parametrize("typed, status", [("planned", "planned"), ("In progress", "in_progress"),
                                           ("in_progress", "in_progress"), ("DONE", "done"), ("not doing", "not_doing"),
                                           ("not_doing", "not_doing")])
def test_a_status_is_read_by_its_key_or_its_words(typed, status):
    assert rules.check_status(typed) == status


def test_an_unknown_or_missing_status_is_refused():
    with pytest.raises(ValueError, match="Choose the action’s status"):
        rules.check_status("")
    with pytest.raises(ValueError, match="one of: Planned, In progress, Done, Not doing"):
        rules.check_status("finished")


def test_not_doing_needs_a_reason_and_other_statuses_keep_none(ctx):
    assert "Say why the council is not doing" in problems_of(valid(status="not_doing"))["not_doing_reason"]
    fields = check_action(valid(status="not_doing", not_doing_reason=" We have no money for it. "))
    assert fields.not_doing_reason == "We have no money for it."
    assert check_action(valid(status="done", not_doing_reason="left over")).not_doing_reason == ""
    assert "2000 characters" in problems_of(valid(status="not_doing", not_doing_reason="x" * 2001))["not_doing_reason"]


def test_the_due_date_is_optional_and_must_be_a_real_date(ctx):
    assert check_action(valid(due_day="", due_month="", due_year="")).due_on is None
    assert check_action(valid()).due_on == dt.date(2026, 3, 31)
    real = "The due date must be a real date, like 27 3 2025"
    assert problems_of(valid(due_day="31", due_month="2"))["due_day"] == real
    assert problems_of(valid(due_year=""))["due_day"] == "The due date must include a year"
    assert problems_of(valid(due_year="26"))["due_day"] == "The year of the due date must include 4 numbers"


def test_a_due_date_in_the_past_is_allowed_and_makes_an_open_action_overdue(ctx):
    action = db.session.get(Action, make_action(due_day="1", due_month="3", due_year="2026"))
    assert is_overdue(action, TODAY)
    assert not is_overdue(action, dt.date(2026, 3, 1))  # due today is not overdue yet
    for status in ("done", "not_doing"):
        action.status = status
        assert not is_overdue(action, TODAY)
    action.status, action.due_on = "in_progress", None
    assert not is_overdue(action, TODAY)


def test_every_problem_is_reported_at_once_in_the_order_of_the_form(ctx):
    problems = problems_of({"status": "not_doing", "due_day": "40", "due_month": "1", "due_year": "2026"})
    assert list(problems) == ["reference", "title", "priority", "owner", "due_day", "not_doing_reason"]


def test_the_round_is_found_by_its_link_id_or_its_exact_title(ctx, make_round):
    slug = make_round("care-leavers")
    survey_round = round_by_slug(slug)
    assert check_action(valid(round=slug)).round_id == survey_round.id
    assert check_action(valid(round=survey_round.title.upper())).round_id == survey_round.id
    assert "There is no survey round “nope”" in problems_of(valid(round="nope"))["round"]
    make_round("care-leavers")  # a second round with the same title
    assert "2 rounds are called" in problems_of(valid(round=survey_round.title))["round"]


def test_written_dates_in_a_file_are_iso_or_as_excel_saves_them_in_the_uk():
    assert rules.parse_written_date("2026-03-31") == dt.date(2026, 3, 31)
    assert rules.parse_written_date("31/03/2026") == dt.date(2026, 3, 31)
    assert rules.parse_written_date(" ") is None
    with pytest.raises(ValueError, match="“2026-02-30” is not a real date"):
        rules.parse_written_date("2026-02-30")
    with pytest.raises(ValueError, match="year-month-day"):
        rules.parse_written_date("March 2026")


def test_references_sort_like_the_councils_numbering():
    references = ["15.2", "14.10", "P6.1", "14.9", "2", "15.8", "P6.10", "P6.2"]
    assert sorted(references, key=reference_sort_key) == ["2", "14.9", "14.10", "15.2", "15.8", "P6.1", "P6.2",
                                                          "P6.10"]


# -- progress updates ------------------------------------------------------------------------------------------------
def test_a_progress_update_is_dated_today_unless_a_date_is_given(ctx):
    action = db.session.get(Action, make_action())
    update = add_update(action, {"text": " Website pages written. "}, "w@council.example", today=TODAY)
    assert (update.written_on, update.text, update.author) == (TODAY, "Website pages written.", "w@council.example")
    earlier = add_update(action, {"text": "Care leavers chose the name.", "written_day": "2", "written_month": "1",
                                  "written_year": "2026"}, "w@council.example", today=TODAY)
    assert earlier.written_on == dt.date(2026, 1, 2)
    assert [u.text for u in action.updates] == ["Care leavers chose the name.", "Website pages written."]


@pytest.mark.parametrize("data, field, words", [
    ({"text": ""}, "text", "Enter what has happened"),
    ({"text": "x" * 2001}, "text", "2000 characters or fewer"),
    ({"text": "Done | next"}, "text", "instead of “|”"),
    ({"text": "ok", "written_day": "11", "written_month": "3", "written_year": "2026"}, "written_day",
     "must be today or in the past"),
    ({"text": "ok", "written_day": "30", "written_month": "2", "written_year": "2026"}, "written_day",
     "The date of the update must be a real date"),
])
def test_a_progress_update_that_breaks_a_rule_is_refused(ctx, data, field, words):
    action = db.session.get(Action, make_action())
    with pytest.raises(ActionInvalid) as refused:
        add_update(action, data, "w@council.example", today=TODAY)
    assert words in refused.value.problems[field]
    assert db.session.scalar(select(ActionUpdate.id)) is None


# -- findings --------------------------------------------------------------------------------------------------------
def test_the_questions_offered_are_those_of_the_rounds_questionnaire_version(ctx, make_round):
    action = db.session.get(Action, make_action(round_slug=make_round("care-leavers")))
    offered = [ref for ref, _ in finding_choices(action)["question"]]
    assert "heard_of_local_offer" in offered and "feel_about_home" not in offered
    link_finding(action, "question", "heard_of_local_offer")
    assert "heard_of_local_offer" not in [ref for ref, _ in finding_choices(action)["question"]]
    with pytest.raises(ActionInvalid, match="not in this round’s questionnaire"):
        link_finding(action, "question", "feel_about_home")  # a younger-children question


def test_without_a_round_no_question_or_quote_can_be_linked_but_themes_can(ctx):
    action = db.session.get(Action, make_action())
    choices = finding_choices(action)
    assert choices["question"] == [] and choices["quote"] == [] and ("money", "Money") in choices["theme"]
    with pytest.raises(ActionInvalid):
        link_finding(action, "question", "heard_of_local_offer")
    link_finding(action, "theme", "money")
    assert [(f.kind, f.ref) for f in action.findings] == [("theme", "money")]


def test_an_inactive_theme_cannot_be_linked(ctx):
    action = db.session.get(Action, make_action())
    theme = db.session.scalar(select(Theme).where(Theme.code == "food"))
    theme.active = False
    db.session.flush()
    try:
        assert "food" not in [ref for ref, _ in finding_choices(action)["theme"]]
        with pytest.raises(ActionInvalid, match="That theme is not in use"):
            link_finding(action, "theme", "food")
    finally:
        db.session.rollback()


def test_only_approved_quotes_of_the_actions_round_can_be_linked(ctx, make_round):
    slug, other = make_round("care-leavers"), make_round("care-leavers")
    approved = make_quote(slug, "I didn't know where to get help with money")
    pending = make_quote(slug, "My PA [name] is great", status="pending")
    rejected = make_quote(slug, "something", status="rejected")
    elsewhere = make_quote(other, "Approved, but in another round")
    action = db.session.get(Action, make_action(round_slug=slug))
    assert finding_choices(action)["quote"] == [(str(approved), "I didn't know where to get help with money")]
    for quote_id in (pending, rejected, elsewhere, 999999):
        with pytest.raises(ActionInvalid, match="Only approved quotes from this action’s round"):
            link_finding(action, "quote", str(quote_id))
    link_finding(action, "quote", str(approved))
    assert [(f.kind, f.ref) for f in action.findings] == [("quote", str(approved))]


def test_a_quote_that_is_no_longer_approved_is_never_shown(ctx, make_round):
    slug = make_round("care-leavers")
    quote_id = make_quote(slug, "Counselling took months")
    action = db.session.get(Action, make_action(round_slug=slug))
    link_finding(action, "quote", str(quote_id))
    link_finding(action, "theme", "mental_health")
    assert [view.words for view in public_findings(action)] == ["“Counselling took months”",
                                                                "Feelings and mental health"]
    db.session.get(Quote, quote_id).status = "rejected"
    db.session.flush()
    assert [view.words for view in public_findings(action)] == ["Feelings and mental health"]
    assert "Counselling" not in " ".join(view.words for view in describe_findings(action))


def test_a_finding_is_linked_once_and_can_be_unlinked(ctx):
    action = db.session.get(Action, make_action())
    finding = link_finding(action, "theme", "money")
    with pytest.raises(ActionInvalid):
        link_finding(action, "theme", "money")  # no longer offered
    with pytest.raises(ActionInvalid, match="Choose a theme from the list"):
        link_finding(action, "theme", "")
    with pytest.raises(ActionInvalid, match="Choose a question, a theme, a quote or a meeting"):
        link_finding(action, "person", "x")
    assert unlink_finding(action, finding.id)
    assert not unlink_finding(action, finding.id)
    assert action.findings == []


def test_moving_an_action_to_another_round_removes_that_rounds_questions_and_quotes_only(ctx, make_round):
    slug, other = make_round("care-leavers"), make_round("younger-children")
    action = db.session.get(Action, make_action(round_slug=slug))
    link_finding(action, "question", "heard_of_local_offer")
    link_finding(action, "quote", str(make_quote(slug, "No website for care leavers")))
    link_finding(action, "theme", "money")
    assert apply_fields(action, check_action(valid(round=slug, title="Same round"), editing=action)) == 0
    assert apply_fields(action, check_action(valid(round=other), editing=action)) == 2
    assert [(f.kind, f.ref) for f in action.findings] == [("theme", "money")]


# -- the list --------------------------------------------------------------------------------------------------------
def test_the_list_filters_by_round_priority_status_and_overdue(ctx, make_round):
    slug = make_round("care-leavers")
    make_action("15.8", slug, priority="health", due_day="1", due_month="1", due_year="2026")
    make_action("14.9", slug, status="in_progress")
    make_action("P6.1", priority="placement", status="done", due_day="1", due_month="1", due_year="2026")
    refs = lambda **f: [a.reference for a in list_actions(Filters(**f), TODAY)]  # noqa: E731
    assert refs() == ["14.9", "15.8", "P6.1"]
    assert refs(round=slug) == ["14.9", "15.8"]
    assert refs(round="none") == ["P6.1"]
    assert refs(priority="health") == ["15.8"]
    assert refs(status="in_progress") == ["14.9"]
    assert refs(status="overdue") == ["15.8"]
    assert refs(round=slug, priority="placement") == []


# -- the staff pages -------------------------------------------------------------------------------------------------
class Worker:
    """A participation worker on the action pages, with the Flask test client."""

    def __init__(self, client):
        self.client = client

    def token(self) -> str:
        return CSRF.search(self.client.get("/staff/actions/new").get_data(as_text=True)).group(1)

    def post(self, url: str, data: dict, **kwargs):
        return self.client.post(url, data={"csrf_token": self.token()} | data, **kwargs)

    def page(self, url: str) -> str:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return unescape(response.get_data(as_text=True))


@pytest.fixture
def worker(client, make_staff, sign_in) -> Worker:
    assert sign_in(*make_staff("worker")).status_code == 302
    return Worker(client)


def the_action(app, reference: str = "14.9") -> Action | None:
    with app.app_context():
        action = db.session.scalar(select(Action).where(Action.reference == reference))
        if action is not None:
            action.updates, action.findings  # noqa: B018 - load them before the session closes
        return action


def audit_actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(event.action, event.detail) for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
                if event.action.startswith("action")]


def test_workers_and_admins_see_actions_in_the_menu_and_board_members_do_not(client, make_staff, sign_in):
    sign_in(*make_staff("worker"))
    assert 'href="/staff/actions">Actions</a>' in client.get("/staff/").get_data(as_text=True)
    client.post("/staff/sign-out", data={"csrf_token": Worker(client).token()})
    sign_in(*make_staff("board"))
    assert 'href="/staff/actions"' not in client.get("/staff/").get_data(as_text=True)
    assert client.get("/staff/actions").status_code == 403


def test_adding_an_action_stores_it_audits_it_and_opens_its_page(app, worker):
    response = worker.post("/staff/actions/new", valid())
    action = the_action(app)
    assert response.status_code == 302 and response.location == f"/staff/actions/{action.id}"
    assert (action.title, action.priority_code, action.owner, action.due_on, action.status) == (
        "Launch the Local Offer", "eet", "Head of Service, Care Leavers", dt.date(2026, 3, 31), "planned")
    page = worker.page(response.location)
    assert "Action 14.9 added" in page and "<h1>Launch the Local Offer</h1>" in page
    assert audit_actions(app) == [("action created", "14.9: Launch the Local Offer")]


def test_a_form_with_mistakes_lists_them_marks_each_field_and_keeps_what_was_typed(app, worker):
    typed = valid(reference="14..9", title="Counselling  sooner", priority="", owner="jo@council.example",
                  due_day="31", due_month="2", due_year="2026", status="not_doing", not_doing_reason="")
    response = worker.post("/staff/actions/new", typed)
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert page.count('class="error-message"') == 5
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    for anchor in ("#reference", "#priority-0", "#owner", "#due_day", "#not_doing_reason"):
        assert f'href="{anchor}"' in summary
    assert "<title>Error: Add an action" in page
    assert 'value="14..9"' in page and ">Counselling  sooner</textarea>" in page
    assert 'value="jo@council.example"' in page
    assert 'name="due_day" type="text" inputmode="numeric" autocomplete="off" value="31"' in page
    assert 'value="not_doing" checked' in page
    assert the_action(app) is None


def test_changing_an_action_keeps_its_page_and_refuses_a_reference_in_use(app, worker, make_round):
    slug = make_round("care-leavers")
    worker.post("/staff/actions/new", valid())
    worker.post("/staff/actions/new", valid(reference="15.2", title="Counselling sooner", priority="health"))
    action = the_action(app)
    form = worker.page(f"/staff/actions/{action.id}/edit")
    assert 'value="14.9"' in form and 'value="31"' in form and 'value="eet" checked' in form
    response = worker.post(f"/staff/actions/{action.id}/edit", valid(reference="15.2", owner="Head of Service"))
    assert response.status_code == 400
    assert "There is already an action 15.2" in unescape(response.get_data(as_text=True))
    response = worker.post(f"/staff/actions/{action.id}/edit", valid(round=slug, status="in_progress", due_day=""
                                                                    , due_month="", due_year=""))
    assert response.status_code == 302
    changed = the_action(app)
    assert (changed.status, changed.due_on, changed.round_id) == ("in_progress", None, round_by_slug_id(app, slug))


def round_by_slug_id(app, slug: str) -> int:
    with app.app_context():
        return round_by_slug(slug).id


def test_the_action_page_shows_everything_and_overdue(app, worker):
    worker.post("/staff/actions/new", valid(due_day="1", due_month="1", due_year="2020", status="in_progress"))
    action = the_action(app)
    page = worker.page(f"/staff/actions/{action.id}")
    assert "This action is overdue: it was due on 1 January 2020" in page
    assert "Education, employment and training for care leavers" in page and "Head of Service, Care Leavers" in page
    listing = worker.page("/staff/actions")
    assert "Overdue</strong>" in listing and "1 action, 1 overdue" in listing


def test_the_list_page_filters_and_says_when_nothing_matches(app, worker):
    worker.post("/staff/actions/new", valid())
    worker.post("/staff/actions/new", valid(reference="15.2", title="Counselling sooner", priority="health"))
    page = worker.page("/staff/actions?priority=health")
    assert "Counselling sooner" in page and "Launch the Local Offer" not in page
    assert '<option value="health" selected>' in page
    assert "No actions match these choices" in worker.page("/staff/actions?status=done")
    everything = worker.page("/staff/actions?priority=nonsense&status=nope&round=nowhere")
    assert "Counselling sooner" in everything and "Launch the Local Offer" in everything


def test_deleting_asks_first_then_deletes_with_updates_and_findings_and_audits(app, worker):
    worker.post("/staff/actions/new", valid())
    action = the_action(app)
    worker.post(f"/staff/actions/{action.id}/updates/new", {"text": "Pages written."})
    worker.post(f"/staff/actions/{action.id}/findings/new", {"kind": "theme", "theme": "money"})
    page = worker.page(f"/staff/actions/{action.id}/delete")
    assert "Delete action 14.9?" in page and "Its 1 progress update and 1 link to findings" in page
    assert worker.client.post(f"/staff/actions/{action.id}/delete").status_code == 400  # no CSRF token
    assert the_action(app) is not None
    response = worker.post(f"/staff/actions/{action.id}/delete", {})
    assert response.status_code == 302 and response.location == "/staff/actions"
    assert the_action(app) is None
    with app.app_context():
        assert db.session.scalar(select(ActionUpdate.id)) is None
        assert db.session.scalar(select(ActionFinding.id)) is None
    assert ("action deleted", "14.9: Launch the Local Offer") in audit_actions(app)
    assert worker.client.get(f"/staff/actions/{action.id}").status_code == 404


def test_a_progress_update_is_added_on_the_action_page_and_a_mistake_keeps_the_words(app, worker):
    worker.post("/staff/actions/new", valid())
    action = the_action(app)
    response = worker.post(f"/staff/actions/{action.id}/updates/new", {"text": "Money pages written | live soon",
                                                                      "written_day": "3", "written_month": "13",
                                                                      "written_year": "2026"})
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert ">Money pages written | live soon</textarea>" in page and 'value="13"' in page
    assert 'href="#text"' in page and 'href="#written_day"' in page
    response = worker.post(f"/staff/actions/{action.id}/updates/new", {"text": "Money pages written."})
    assert response.status_code == 302
    assert "Money pages written." in worker.page(f"/staff/actions/{action.id}")
    assert [(u.written_on, u.text) for u in the_action(app).updates] == [(dt.date.today(), "Money pages written.")]


def test_findings_are_linked_and_removed_on_the_action_page(app, worker, make_round):
    slug = make_round("care-leavers")
    with app.app_context():
        approved = make_quote(slug, "There is no website for care leavers")
        pending = make_quote(slug, "Sarah", "pending")
    worker.post("/staff/actions/new", valid(round=slug))
    action = the_action(app)
    page = worker.page(f"/staff/actions/{action.id}")
    assert "There is no website for care leavers" in page and ">Sarah<" not in page
    for kind, ref in (("question", "heard_of_local_offer"), ("theme", "money"), ("quote", str(approved))):
        assert worker.post(f"/staff/actions/{action.id}/findings/new", {"kind": kind, kind: ref}).status_code == 302
    refused = worker.post(f"/staff/actions/{action.id}/findings/new", {"kind": "quote", "quote": str(pending)})
    assert refused.status_code == 400 and "Only approved quotes" in unescape(refused.get_data(as_text=True))
    empty = worker.post(f"/staff/actions/{action.id}/findings/new", {"kind": "theme", "theme": ""})
    assert empty.status_code == 400 and 'href="#theme"' in empty.get_data(as_text=True)
    linked = the_action(app).findings
    assert [(f.kind, f.ref) for f in linked] == [("question", "heard_of_local_offer"), ("theme", "money"),
                                                 ("quote", str(approved))]
    page = worker.page(f"/staff/actions/{action.id}")
    assert "Question:</span> Have you heard of the Local Offer?" in page
    assert "Approved quote:</span> “There is no website for care leavers”" in page
    response = worker.post(f"/staff/actions/{action.id}/findings/{linked[1].id}/remove", {})
    assert response.status_code == 302
    assert [f.ref for f in the_action(app).findings] == ["heard_of_local_offer", str(approved)]
    again = worker.post(f"/staff/actions/{action.id}/findings/{linked[1].id}/remove", {}, follow_redirects=True)
    assert "That link had already been removed" in again.get_data(as_text=True)


def test_a_finding_of_another_action_cannot_be_removed_through_this_one(app, worker):
    worker.post("/staff/actions/new", valid())
    worker.post("/staff/actions/new", valid(reference="15.2"))
    first, second = the_action(app), the_action(app, "15.2")
    worker.post(f"/staff/actions/{second.id}/findings/new", {"kind": "theme", "theme": "money"})
    finding = the_action(app, "15.2").findings[0]
    worker.post(f"/staff/actions/{first.id}/findings/{finding.id}/remove", {})
    assert len(the_action(app, "15.2").findings) == 1
