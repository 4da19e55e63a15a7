"""A round's response rate is always given or explained: a round for children in care and care leavers
can't be opened with a questionnaire that can't tell them apart (the worker is sent to the builder to add
the question); the round page and the report give the rate for everyone and each group, or say in plain
words why not (no cohort sizes; the questionnaire can't tell the groups apart; too few to show)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Answer, AuditEvent, RoundCohort, SurveyResponse, SurveyRound
from survey_app.questionnaire.store import definition, latest
from survey_app.reporting.build import build_report
from survey_app.rounds.groups import asks_care_status, groups_told_apart, missing_group_question
from survey_app.rounds.response_rate import (
    NO_COHORTS,
    NOBODY_EXPECTED,
    NOT_TOLD_APART,
    RATE_HIDDEN,
    cohorts_by_group,
    rate_rows,
)

from .journey import CSRF

WEEK = dt.date(2026, 11, 16)


@pytest.fixture
def worker(client, make_staff, sign_in):
    assert sign_in(*make_staff("worker")).status_code == 302
    return client


def open_round(app, client, key: str, audience: str, **cohorts: str):
    with app.app_context():
        version = latest(key).id
    page = client.get("/staff/rounds/new").get_data(as_text=True)
    data = {"csrf_token": CSRF.search(page).group(1), "questionnaire": str(version), "title": "Spring round",
            "audience": audience, **cohorts}
    return client.post("/staff/rounds/new", data=data)


def make(app, make_round, key: str, audience: str, cohorts: dict[str, int], people: list[str | None]) -> str:
    """A round of `key` for `audience` with those cohorts and one response per entry of `people` (its
    answer to care_status when the questionnaire asks it, None for no answer)."""
    slug = make_round(key)
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        survey_round.audience = audience
        survey_round.cohorts = [RoundCohort(group=group, expected=number) for group, number in cohorts.items()]
        asks = asks_care_status(definition(survey_round.questionnaire_version))
        for care_status in people:
            said = asks and care_status
            answers = [Answer(question_id="care_status", position=0, choice=care_status)] if said else []
            db.session.add(SurveyResponse(round_id=survey_round.id, week_of=WEEK, channel="online", answers=answers))
        db.session.commit()
    return slug


def rates(app, slug: str, for_staff: bool = False) -> dict[str, dict]:
    with app.app_context():
        round_id = db.session.scalar(select(SurveyRound.id).filter_by(slug=slug))
        return {row["group"]: row for row in build_report(round_id, for_staff=for_staff)["response_rates"]}


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# -- opening a round ------------------------------------------------------------------------------------

def test_a_round_for_both_groups_of_a_questionnaire_that_cannot_tell_them_apart_is_refused(app, worker):
    response = open_round(app, worker, "younger-children", "both", in_care_8_11="40", care_leavers="80")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'<a href="#audience-0">“Your life, your say” does not ask whether a young person is in care '
                     r"or a care leaver", page)
    assert 'href="/staff/questionnaires/younger-children">add the question' in page
    with app.app_context():
        assert db.session.scalars(select(SurveyRound)).all() == []


def test_the_same_questionnaire_opens_for_one_group_and_a_questionnaire_that_asks_opens_for_both(app, worker):
    assert open_round(app, worker, "younger-children", "in_care", in_care_8_11="40").status_code == 302
    response = open_round(app, worker, "priorities-2018", "both", in_care_8_11="40", care_leavers="80")
    assert response.status_code == 302


def test_which_questionnaires_tell_the_groups_apart(app):
    with app.app_context():
        younger, leavers, both = (definition(latest(key)) for key in ("younger-children", "care-leavers",
                                                                      "priorities-2018"))
    assert asks_care_status(both) and not asks_care_status(younger) and not asks_care_status(leavers)
    assert groups_told_apart("both", both) == ("in_care", "care_leaver")
    assert groups_told_apart("in_care", younger) == ("in_care",)
    assert groups_told_apart("", leavers) == ("care_leaver",)  # a round opened without an audience
    assert groups_told_apart("both", younger) == ()
    assert missing_group_question("both", younger) and missing_group_question("both", both) is None
    assert missing_group_question("care_leavers", leavers) is None


def test_cohorts_of_children_in_care_of_both_ages_are_one_group():
    assert cohorts_by_group([("care_leavers", 80), ("in_care_12_17", 30), ("in_care_8_11", 10)]) == {
        "in_care": 40, "care_leaver": 80}


def test_rate_rows_give_everyone_and_each_group_or_why_not(app):
    with app.app_context():
        younger, both = definition(latest("younger-children")), definition(latest("priorities-2018"))
    cohorts = [("in_care_8_11", 40), ("care_leavers", 80)]
    rows = rate_rows("both", both, cohorts, {"in_care": 10, "care_leaver": 20}, 33)
    assert [(row.label, row.cohort, row.responses, row.rate, row.reason) for row in rows] == [
        ("Children in care", 40, 10, 25.0, None), ("Care leavers", 80, 20, 25.0, None),
        ("All young people", 120, 33, 27.5, None)]
    rows = rate_rows("both", younger, cohorts, {}, 30)
    assert [(row.responses, row.rate, row.reason) for row in rows] == [
        (None, None, NOT_TOLD_APART), (None, None, NOT_TOLD_APART), (30, 25.0, None)]
    assert [(row.cohort, row.rate, row.reason) for row in rate_rows("in_care", younger, [], {}, 30)] == [
        (None, None, NO_COHORTS)]
    assert rate_rows("in_care", younger, [("in_care_8_11", 0)], {}, 3)[0].reason == NOBODY_EXPECTED


# -- the report -------------------------------------------------------------------------------------------

def test_the_report_gives_the_rate_of_everyone_when_the_groups_cannot_be_told_apart(app, make_round):
    slug = make(app, make_round, "younger-children", "both", {"in_care_8_11": 40, "care_leavers": 80}, [None] * 30)
    shown = rates(app, slug)
    assert shown["All young people"] == {"group": "All young people", "cohort": 120, "responses": 30, "rate": 25.0,
                                         "not_heard": False}
    for group in ("Children in care", "Care leavers"):
        assert (shown[group]["responses"], shown[group]["rate"], shown[group]["reason"]) == (None, None,
                                                                                          NOT_TOLD_APART)


def test_the_report_says_there_is_no_rate_when_no_cohort_sizes_were_entered(app, make_round):
    slug = make(app, make_round, "younger-children", "in_care", {}, [None] * 12)
    for for_staff in (False, True):
        assert list(rates(app, slug, for_staff).values()) == [{
            "group": "All young people", "cohort": None, "responses": 12, "rate": None, "not_heard": None,
            "reason": NO_COHORTS}]


def test_a_group_too_small_to_show_has_its_rate_hidden_and_says_why(app, make_round):
    slug = make(app, make_round, "priorities-2018", "both", {"in_care_12_17": 40, "care_leavers": 30},
                ["in_care"] * 20 + ["care_leaver"] * 3 + [None] * 2)
    board = rates(app, slug)
    assert (board["Care leavers"]["responses"], board["Care leavers"]["rate"]) == ("c", "c")
    assert board["Care leavers"]["reason"] == RATE_HIDDEN
    # the next smallest is hidden too, so the total cannot give the small one away
    assert board["Children in care"]["rate"] == "c"
    assert (board["All young people"]["responses"], board["All young people"]["rate"]) == (25, 35.7)
    staff = rates(app, slug, for_staff=True)
    assert [(row["responses"], row["rate"], row.get("reason")) for row in staff.values()] == [
        (20, 50.0, None), (3, 10.0, None), (25, 35.7, None)]
    assert staff["Care leavers"]["not_heard"] is True


def test_the_board_page_shows_the_rate_or_the_reason(app, make_round, worker):
    untold = make(app, make_round, "younger-children", "both", {"in_care_8_11": 40, "care_leavers": 80}, [None] * 30)
    page = text_of(worker.get(f"/staff/reports/{untold}?view=board").get_data(as_text=True))
    assert "All young people 120 30 25%" in page and NOT_TOLD_APART in page
    nothing = make(app, make_round, "younger-children", "in_care", {}, [None] * 12)
    page = text_of(worker.get(f"/staff/reports/{nothing}?view=board").get_data(as_text=True))
    assert NO_COHORTS in page and "Response rate by group" not in page


# -- the round page ---------------------------------------------------------------------------------------

def round_page(worker, slug: str) -> str:
    return text_of(worker.get(f"/staff/rounds/{slug}").get_data(as_text=True))


def test_the_round_page_gives_the_rate_of_everyone_and_of_each_group(app, make_round, worker):
    slug = make(app, make_round, "priorities-2018", "both", {"in_care_12_17": 40, "care_leavers": 30},
                ["in_care"] * 20 + ["care_leaver"] * 3 + [None] * 2)
    page = round_page(worker, slug)
    assert "Sent 25 of 70 young people who could answer (36%)" in page
    assert ("Children in care 40 20 50% Care leavers 30 3 10% All young people 70 25 35.7%") in page


def test_the_round_page_says_why_there_is_no_rate(app, make_round, worker):
    untold = make(app, make_round, "younger-children", "both", {"in_care_8_11": 40, "care_leavers": 80}, [])
    page = round_page(worker, untold)
    assert "Sent 0 of 120 young people who could answer (0%)" in page
    assert "Children in care 40 Not known Not known" in page and NOT_TOLD_APART in page
    nothing = make(app, make_round, "younger-children", "in_care", {}, [None] * 2)
    page = round_page(worker, nothing)
    assert NO_COHORTS in page and "Sent 2 Flagged" in page


def save_numbers(worker, slug: str, **numbers: str):
    page = worker.get(f"/staff/rounds/{slug}/numbers").get_data(as_text=True)
    return worker.post(f"/staff/rounds/{slug}/numbers", data={"csrf_token": CSRF.search(page).group(1), **numbers})


def test_a_worker_enters_the_numbers_after_opening_and_gets_the_rate(app, make_round, worker):
    slug = make(app, make_round, "younger-children", "in_care", {}, [None] * 12)
    page = worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)
    assert f'href="/staff/rounds/{slug}/numbers">Enter the numbers of young people who could answer' in page
    form = worker.get(f"/staff/rounds/{slug}/numbers").get_data(as_text=True)
    assert 'id="in_care_8_11"' in form and 'id="care_leavers"' not in form  # the round is for children in care
    response = save_numbers(worker, slug, in_care_8_11="20", in_care_12_17="1,180")
    assert response.status_code == 302 and response.location.endswith(f"/staff/rounds/{slug}#response-rate")
    page = round_page(worker, slug)
    assert "Sent 12 of 1200 young people who could answer (1%)" in page and NO_COHORTS not in page
    with app.app_context():
        (event,) = db.session.scalars(select(AuditEvent).filter_by(action="round numbers changed")).all()
        assert event.detail.endswith("(children in care aged 8 to 11: 20, children in care aged 12 to 17: 1,180)")


def test_numbers_can_be_corrected_or_emptied_and_wrong_ones_are_refused(app, make_round, worker):
    slug = make(app, make_round, "younger-children", "in_care", {"in_care_8_11": 40}, [None] * 3)
    assert 'value="40"' in worker.get(f"/staff/rounds/{slug}/numbers").get_data(as_text=True)
    response = save_numbers(worker, slug, in_care_8_11="lots", care_leavers="9")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter the number of children in care aged 8 to 11 as a whole number" in page
    assert "This round is for children in care only: leave the number of care leavers" in page
    assert save_numbers(worker, slug, in_care_8_11="").status_code == 302
    assert NO_COHORTS in round_page(worker, slug)
    with app.app_context():
        assert db.session.scalars(select(RoundCohort)).all() == []
