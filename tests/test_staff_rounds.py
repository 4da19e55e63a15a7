"""Survey rounds in the staff workspace: opening a round (and every way the form can be wrong), the
round page with its link, QR codes, counts and invitation card, closing and reopening, and the shared
access code a young person types on the start page."""

from __future__ import annotations

import datetime as dt
import re
import struct

import pytest
from sqlalchemy import select, text
from werkzeug.security import check_password_hash

from survey_app.extensions import db
from survey_app.models import AuditEvent, Draft, RoundCohort, StoredQuestionnaire, SurveyResponse, SurveyRound
from survey_app.models.statuses import VersionStatus
from survey_app.questionnaire.store import latest
from survey_app.rounds.access_code import code_matches, code_problem, normalise_code
from survey_app.rounds.setup import has_ended, parse_cohort, parse_date, reopen_round, round_state
from survey_app.survey.views import CODE_MISSING, CODE_WRONG

from .journey import CSRF, Journey

TODAY = dt.date.today()
NEXT_MONTH = TODAY + dt.timedelta(days=30)


# -- fixtures and helpers ----------------------------------------------------------------------------

@pytest.fixture
def worker(client, make_staff, sign_in):
    """The test client, signed in as a participation worker."""
    assert sign_in(*make_staff("worker")).status_code == 302
    return client


def token(client, url: str) -> str:
    return CSRF.search(client.get(url).get_data(as_text=True)).group(1)


def version_id(app, key: str = "younger-children") -> int:
    with app.app_context():
        return latest(key).id


def form_data(app, **changes) -> dict:
    data = {
        "questionnaire": str(version_id(app)), "title": "Your life, your say: spring",
        "audience": "in_care",
        "opens_day": str(TODAY.day), "opens_month": str(TODAY.month), "opens_year": str(TODAY.year),
        "closes_day": str(NEXT_MONTH.day), "closes_month": str(NEXT_MONTH.month), "closes_year": str(NEXT_MONTH.year),
        "access_code": "", "in_care_8_11": "12", "in_care_12_17": "20", "care_leavers": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def open_round(app, client, **changes):
    data = form_data(app, **changes)
    data["csrf_token"] = token(client, "/staff/rounds/new")
    return client.post("/staff/rounds/new", data=data)


def the_round(app, slug: str) -> SurveyRound:
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        db.session.expunge_all()
        return survey_round


def round_count(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(SurveyRound)).all())


def slug_from(response) -> str:
    return response.location.rstrip("/").split("/")[-1]


def set_round(app, slug: str, **values) -> None:
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        for name, value in values.items():
            setattr(survey_round, name, value)
        db.session.commit()


# -- opening a round ---------------------------------------------------------------------------------

def test_the_open_a_round_page_offers_each_published_questionnaire_version(app, worker):
    page = worker.get("/staff/rounds/new").get_data(as_text=True)
    assert worker.get("/staff/rounds/new").status_code == 200
    with app.app_context():
        published = db.session.scalars(
            select(StoredQuestionnaire).where(StoredQuestionnaire.status == VersionStatus.PUBLISHED)).all()
        assert published
        for stored in published:
            assert f'value="{stored.id}"' in page and stored.title in page
    assert "<legend" in page and 'inputmode="numeric"' in page


def test_a_worker_opens_a_round_with_dates_audience_code_and_cohorts(app, worker):
    response = open_round(app, worker, access_code="Sun 42", care_leavers="")
    assert response.status_code == 302 and response.location.startswith("/staff/rounds/")
    survey_round = the_round(app, slug_from(response))
    assert survey_round.title == "Your life, your say: spring"
    assert survey_round.audience == "in_care" and survey_round.status == "open"
    assert (survey_round.opens_on, survey_round.closes_on) == (TODAY, NEXT_MONTH)
    assert "SUN42" not in survey_round.access_code_hash and "Sun 42" not in survey_round.access_code_hash
    assert check_password_hash(survey_round.access_code_hash, "SUN42")
    with app.app_context():
        cohorts = {c.group: c.expected for c in db.session.scalars(select(RoundCohort))}
        assert cohorts == {"in_care_8_11": 12, "in_care_12_17": 20}
        assert "round opened" in [e.action for e in db.session.scalars(select(AuditEvent))]
    page = worker.get(response.location).get_data(as_text=True)
    assert "The round is open" in page and "Your life, your say: spring" in page


def test_a_round_without_dates_code_or_cohorts_is_open_now_until_closed(app, worker):
    response = open_round(app, worker, opens_day="", opens_month="", opens_year="", closes_day="", closes_month="",
                          closes_year="", in_care_8_11="", in_care_12_17="", audience="both",
                          questionnaire=str(version_id(app, "priorities-2018")))
    survey_round = the_round(app, slug_from(response))
    assert survey_round.opens_on is None and survey_round.closes_on is None
    assert survey_round.access_code_hash is None and survey_round.audience == "both"
    assert worker.get(f"/r/{survey_round.slug}").status_code == 200


def test_a_one_day_round_may_open_and_close_on_the_same_day(app, worker):
    response = open_round(app, worker, closes_day=str(TODAY.day), closes_month=str(TODAY.month),
                          closes_year=str(TODAY.year))
    assert response.status_code == 302


def test_a_cohort_of_zero_is_kept_and_commas_in_numbers_are_fine(app, worker):
    response = open_round(app, worker, audience="both", in_care_8_11="0", care_leavers="1,200",
                          questionnaire=str(version_id(app, "priorities-2018")))
    assert response.status_code == 302
    with app.app_context():
        cohorts = {c.group: c.expected for c in db.session.scalars(select(RoundCohort))}
    assert cohorts == {"in_care_8_11": 0, "in_care_12_17": 20, "care_leavers": 1200}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"questionnaire": None}, "questionnaire", "Choose a questionnaire from the list"),
    ({"questionnaire": "999999"}, "questionnaire", "That questionnaire can’t be used. Choose one from the list"),
    ({"questionnaire": "not-a-number"}, "questionnaire", "That questionnaire can’t be used"),
    ({"title": "   "}, "title", "Enter a title for the round"),
    ({"title": "x" * 201}, "title", "The title must be 200 characters or fewer"),
    ({"audience": None}, "audience", "Choose who the round is for"),
    ({"audience": "everyone"}, "audience", "Choose who the round is for"),
    ({"opens_day": "31", "opens_month": "2"}, "opens_day", "The open date must be a real date"),
    ({"opens_month": ""}, "opens_day", "The open date must include a month"),
    ({"closes_day": "", "closes_year": ""}, "closes_day", "The close date must include a day and year"),
    ({"closes_year": "26"}, "closes_day", "The year of the close date must include 4 numbers"),
    ({"closes_month": "March"}, "closes_day", "The close date must be a real date"),
    ({"opens_day": str(NEXT_MONTH.day), "opens_month": str(NEXT_MONTH.month), "opens_year": str(NEXT_MONTH.year),
      "closes_day": str(TODAY.day), "closes_month": str(TODAY.month), "closes_year": str(TODAY.year)},
     "closes_day", "The close date must be the same as or after the open date"),
    ({"opens_day": "", "opens_month": "", "opens_year": "", "closes_day": "1", "closes_month": "1",
      "closes_year": "2020"}, "closes_day", "The close date must be today or in the future"),
    ({"access_code": "ab1"}, "access_code", "The access code must be 4 characters or more"),
    ({"access_code": "sun!42"}, "access_code", "The access code must only include letters and numbers"),
    ({"access_code": "A" * 21}, "access_code", "The access code must be 20 characters or fewer"),
    ({"in_care_8_11": "-3"}, "in_care_8_11", "The number of children in care aged 8 to 11 must be 0 or more"),
    ({"in_care_12_17": "3.5"}, "in_care_12_17", "Enter the number of children in care aged 12 to 17 as a whole number"),
    ({"in_care_12_17": "lots"}, "in_care_12_17", "as a whole number, like 12"),
    ({"in_care_12_17": "1000000"}, "in_care_12_17", "must be 100,000 or fewer"),
    ({"care_leavers": "9"}, "care_leavers", "for children in care only: leave the number of care leavers"),
])
def test_each_mistake_gets_a_friendly_message_linked_from_the_error_summary(app, worker, changes, field, message):
    response = open_round(app, worker, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page and "<title>Error: " in page
    anchor = {"questionnaire": "questionnaire-0", "audience": "audience-0"}.get(field, field)
    assert re.search(rf'<a href="#{anchor}">[^<]*{re.escape(message)}', page), page[:3000]
    assert f'id="{field}-error"' in page
    assert f'id="{anchor}"' in page
    assert round_count(app) == 0


def test_every_mistake_on_the_page_is_listed_at_once_and_what_was_typed_is_kept(app, worker):
    response = open_round(app, worker, title="", in_care_8_11="-1", access_code="x", opens_month="13")
    page = response.get_data(as_text=True)
    assert page.count("<li><a href=") == 4
    assert 'value="20"' in page  # the good cohort number is kept
    assert f'value="{version_id(app)}" checked' in page and 'value="in_care" checked' in page


def test_a_questionnaire_version_that_is_not_published_is_not_offered_or_accepted(app, worker):
    with app.app_context():
        stored = latest("care-leavers")
        stored.status = "draft"
        db.session.commit()
        draft_id = stored.id
    try:
        page = worker.get("/staff/rounds/new").get_data(as_text=True)
        assert f'value="{draft_id}"' not in page
        response = open_round(app, worker, questionnaire=str(draft_id))
        assert response.status_code == 400 and "That questionnaire can’t be used" in response.get_data(as_text=True)
    finally:
        with app.app_context():
            db.session.get(StoredQuestionnaire, draft_id).status = "published"
            db.session.commit()


def test_opening_a_round_without_the_csrf_token_is_refused(app, worker):
    assert worker.post("/staff/rounds/new", data=form_data(app)).status_code == 400
    assert round_count(app) == 0


# -- the list and the round page --------------------------------------------------------------------

def test_the_rounds_list_links_each_round_and_says_its_state(app, worker, make_round):
    open_slug, closed_slug = make_round("younger-children"), make_round("care-leavers", status="closed")
    page = worker.get("/staff/rounds").get_data(as_text=True)
    assert f'href="/staff/rounds/{open_slug}"' in page and f'href="/staff/rounds/{closed_slug}"' in page
    assert "<td>Open</td>" in page and "<td>Closed</td>" in page
    assert 'href="/staff/rounds/new"' in page


def test_the_dashboard_links_to_the_rounds_and_to_open_a_round(worker):
    page = worker.get("/staff/").get_data(as_text=True)
    assert 'href="/staff/rounds/new"' in page and 'href="/staff/rounds"' in page
    assert "flask --app" not in page


def test_the_round_page_shows_the_public_link_qr_code_and_card(app, worker):
    slug = slug_from(open_round(app, worker))
    page = worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)
    link = f"http://localhost/r/{slug}"
    assert f'<a href="{link}" dir="ltr">{link}</a>' in page
    assert f'src="/staff/rounds/{slug}/qr.svg"' in page and f'alt="QR code that opens {link}"' in page
    assert f'href="/staff/rounds/{slug}/qr.png"' in page and f'href="/staff/rounds/{slug}/card"' in page
    assert "Children in care aged 8 to 11" in page and "<td>12</td>" in page
    assert "Close the round" in page and "Reopen" not in page


def test_the_round_page_counts_started_sent_and_flagged_with_no_detail(app, worker, make_round, release_flags):
    slug = make_round("younger-children")
    started = Journey(app.test_client(), slug)
    started.begin()
    sent = Journey(app.test_client(), slug)
    assert sent.begin() == "feel_about_home"
    sent.answer_and_go("3")
    sent.answer("no")  # "do you feel safe at home": a help answer, held for the lead at once
    sent.send()
    page = worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)", page))
    # Not counted until released with the next batch: a worker sitting beside a child must not see
    # the count go up as the child answers.
    assert counts == {"Started and not sent yet": "1", "Sent": "1", "Flagged answers waiting for review": "0"}
    release_flags()
    page = worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)", page))
    assert "feel_safe_home" not in page and "Good" not in page


def test_a_sent_count_is_shown_against_the_young_people_who_could_answer(app, worker):
    slug = slug_from(open_round(app, worker, in_care_8_11="3", in_care_12_17="1"))
    child = Journey(app.test_client(), slug)
    child.begin()
    child.send()
    assert "1 of 4 young people who could answer (25%)" in worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)


def test_an_unknown_round_is_not_found(worker):
    for url in ("/staff/rounds/nope", "/staff/rounds/nope/qr.svg", "/staff/rounds/nope/qr.png",
                "/staff/rounds/nope/card"):
        assert worker.get(url).status_code == 404


# -- QR codes and the invitation card ---------------------------------------------------------------

def test_the_qr_code_comes_as_svg(worker, make_round):
    slug = make_round("younger-children")
    response = worker.get(f"/staff/rounds/{slug}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    body = response.get_data(as_text=True)
    assert body.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in body and "viewBox" in body
    assert "<path" in body


def test_the_qr_code_comes_as_a_png_that_is_really_a_png(worker, make_round):
    slug = make_round("younger-children")
    response = worker.get(f"/staff/rounds/{slug}/qr.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    body = response.get_data()
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    assert body[12:16] == b"IHDR"
    width, height = struct.unpack(">II", body[16:24])
    assert width == height >= 21 * 10  # at least a version 1 code at scale 10
    assert body[-8:-4] == b"IEND"


def test_the_card_has_the_link_qr_code_what_it_is_for_and_who_to_talk_to(app, worker, make_round):
    slug = make_round("younger-children")
    page = worker.get(f"/staff/rounds/{slug}/card").get_data(as_text=True)
    assert f"http://localhost/r/{slug}" in page
    assert f'src="/staff/rounds/{slug}/qr.svg"' in page
    assert "anonymous" in page and "minutes" in page
    assert "0800 1111" in page and "01632 960100" in page and "999" in page
    assert "Your code" not in page and 'name="code"' not in page  # this round has no code


def test_the_card_prints_the_access_code_only_when_typed_again_correctly(app, worker):
    slug = slug_from(open_round(app, worker, access_code="SUN42"))
    blank = worker.get(f"/staff/rounds/{slug}/card").get_data(as_text=True)
    assert 'name="code"' in blank and "Your code:" in blank and "SUN42" not in blank
    typed = worker.get(f"/staff/rounds/{slug}/card?code=sun-42")
    assert typed.status_code == 200 and '<strong dir="ltr">SUN42</strong>' in typed.get_data(as_text=True)
    wrong = worker.get(f"/staff/rounds/{slug}/card?code=MOON7")
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and "That is not this round’s access code" in page
    assert "MOON7" not in page and 'href="#code"' in page


def test_a_code_typed_for_a_round_without_one_is_not_printed(worker, make_round):
    slug = make_round("younger-children")
    response = worker.get(f"/staff/rounds/{slug}/card?code=SUN42")
    assert response.status_code == 400 and "SUN42" not in response.get_data(as_text=True)


def test_the_print_stylesheet_prints_the_card_alone_on_a5(client):
    with client.get("/static/app.css") as response:  # a file response: close it
        css = response.get_data(as_text=True)
    assert "@page card{size:A5" in css and "@media print" in css and ".card{page:card" in css


# -- closing and reopening --------------------------------------------------------------------------

def close(client, slug: str, **extra):
    return client.post(f"/staff/rounds/{slug}/close",
                       data={"csrf_token": token(client, f"/staff/rounds/{slug}"), **extra})


def test_closing_a_round_with_nobody_answering_closes_it_at_once(app, worker, client, make_round):
    slug = make_round("younger-children")
    response = close(worker, slug)
    assert response.status_code == 302 and response.location == f"/staff/rounds/{slug}"
    assert the_round(app, slug).status == "closed"
    page = worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)
    assert "Reopen the round" in page and "The round is closed" in page
    assert app.test_client().get(f"/r/{slug}").status_code == 410


def test_closing_a_round_with_drafts_in_progress_asks_first_and_keeps_the_drafts(app, worker, make_round):
    slug = make_round("younger-children")
    child = Journey(app.test_client(), slug)
    assert child.begin() == "feel_about_home"

    warning = close(worker, slug)
    page = warning.get_data(as_text=True)
    assert warning.status_code == 200 and "1 young person has started the survey and not sent it" in page
    assert the_round(app, slug).status == "open"
    assert 'name="confirm" type="hidden" value="yes"' in page and "Keep it open" in page

    confirm = close(worker, slug, confirm="yes")
    assert confirm.status_code == 302 and the_round(app, slug).status == "closed"
    with app.app_context():
        assert len(db.session.scalars(select(Draft)).all()) == 1  # kept until it expires
    # The child presses on and sees the friendly closed page; nothing is stored.
    response = child.answer("3", expect_status=410)
    assert "This survey has closed" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(SurveyResponse)).all() == []


def test_an_expired_draft_does_not_hold_up_closing(app, worker, make_round):
    slug = make_round("younger-children")
    Journey(app.test_client(), slug).begin()
    with app.app_context():
        for draft in db.session.scalars(select(Draft)):
            draft.expires_at = dt.datetime(2000, 1, 1)
        db.session.commit()
    assert close(worker, slug).status_code == 302


def test_reopening_a_closed_round_takes_answers_again(app, worker, make_round):
    slug = make_round("younger-children", status="closed")
    response = worker.post(f"/staff/rounds/{slug}/reopen", data={"csrf_token": token(worker, f"/staff/rounds/{slug}")})
    assert response.status_code == 302 and the_round(app, slug).status == "open"
    assert "The round is open again." in worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)
    assert app.test_client().get(f"/r/{slug}").status_code == 200
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent))]
    assert "round reopened" in actions


def test_reopening_a_round_past_its_close_date_removes_the_date(app, worker, make_round):
    slug = make_round("younger-children")
    set_round(app, slug, closes_on=TODAY - dt.timedelta(days=3))
    page = worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)
    assert "has passed" in page and "Reopen the round" in page and "Close the round</button>" not in page
    worker.post(f"/staff/rounds/{slug}/reopen", data={"csrf_token": token(worker, f"/staff/rounds/{slug}")})
    survey_round = the_round(app, slug)
    assert survey_round.closes_on is None and survey_round.status == "open"
    assert "had passed, so it has been removed" in worker.get(f"/staff/rounds/{slug}").get_data(as_text=True)


def test_close_and_reopen_need_the_csrf_token(app, worker, make_round):
    slug = make_round("younger-children")
    assert worker.post(f"/staff/rounds/{slug}/close").status_code == 400
    assert the_round(app, slug).status == "open"
    set_round(app, slug, status="closed")
    assert worker.post(f"/staff/rounds/{slug}/reopen").status_code == 400
    assert the_round(app, slug).status == "closed"


# -- the access code on the young person's start page ----------------------------------------------

@pytest.fixture
def coded_round(app, make_round):
    slug = make_round("younger-children")
    from survey_app.rounds.access_code import hash_code

    set_round(app, slug, access_code_hash=hash_code("SUN42"))
    return slug


def press_start(client, slug: str, **data):
    page = client.get(f"/r/{slug}").get_data(as_text=True)
    return client.post(f"/r/{slug}/start", data={"csrf_token": CSRF.search(page).group(1), **data})


def drafts(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Draft)).all())


def test_a_round_with_a_code_asks_for_it_on_the_start_page(client, coded_round, make_round):
    page = client.get(f"/r/{coded_round}").get_data(as_text=True)
    assert '<label class="label" for="access_code">Your code</label>' in page and 'name="access_code"' in page
    assert 'name="access_code"' not in client.get(f"/r/{make_round('care-leavers')}").get_data(as_text=True)


@pytest.mark.parametrize(("typed", "message"), [("", CODE_MISSING), ("   ", CODE_MISSING), ("MOON7", CODE_WRONG)])
def test_a_missing_or_wrong_code_gets_a_friendly_message_and_starts_nothing(app, client, coded_round, typed, message):
    response = press_start(client, coded_round, access_code=typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error: " in page and 'href="#access_code"' in page and 'id="access_code-error"' in page
    assert message in page
    assert typed.strip() == "" or typed not in page  # what was typed is not shown back
    assert drafts(app) == 0


def test_the_right_code_starts_the_survey_in_any_case_and_spacing(app, client, coded_round):
    response = press_start(client, coded_round, access_code=" sun 42 ")
    assert response.status_code == 302 and "/q/" in response.location
    assert drafts(app) == 1


def test_carrying_on_does_not_ask_for_the_code_again(app, client, coded_round):
    press_start(client, coded_round, access_code="SUN42")
    page = client.get(f"/r/{coded_round}").get_data(as_text=True)
    assert "Carry on where you left off" in page and 'name="access_code"' not in page
    assert press_start(client, coded_round).status_code == 302
    assert press_start(client, coded_round, again="1").status_code == 302
    assert drafts(app) == 1


def test_nothing_about_the_code_is_stored_with_the_answers_or_anywhere(app, client, coded_round):
    child = Journey(client, coded_round)
    child.open(f"/r/{coded_round}")
    response = client.post(f"/r/{coded_round}/start", data={"csrf_token": child.csrf(), "access_code": "sun42"})
    child.follow(response.location)
    child.answer_and_go("3")
    child.send()
    with app.app_context():
        assert db.session.scalars(select(SurveyResponse)).all()
        for table in db.metadata.sorted_tables:
            if table.name in ("survey_rounds", "audit_events", "staff_users", "questionnaire_versions"):
                continue
            for row in db.session.execute(text(f'SELECT * FROM "{table.name}"')):
                assert "sun42" not in str(row).lower() and "access" not in str(row).lower(), (table.name, row)
        hashes = db.session.scalars(select(SurveyRound.access_code_hash)).all()
    assert all("SUN42" not in h for h in hashes if h)


# -- small rules --------------------------------------------------------------------------------------

def test_dates_from_three_boxes():
    assert parse_date("", " ", "", "open date") is None
    assert parse_date("7", "03", "2026", "open date") == dt.date(2026, 3, 7)
    with pytest.raises(ValueError, match="must include a month and year"):
        parse_date("7", "", "", "close date")


def test_cohort_numbers():
    assert parse_cohort("", "Care leavers") is None
    assert parse_cohort(" 0 ", "Care leavers") == 0
    with pytest.raises(ValueError, match="care leavers must be 0 or more"):
        parse_cohort("-1", "Care leavers")


def test_access_codes_ignore_case_spaces_and_hyphens():
    assert normalise_code(" sun-4 2 ") == "SUN42"
    assert code_problem("SUN42") is None
    assert code_matches(None, "anything") and code_matches(None, None)
    from survey_app.rounds.access_code import hash_code

    assert code_matches(hash_code("sun42"), "SUN 42") and not code_matches(hash_code("sun42"), "")


def test_round_states_in_words(app):
    survey_round = SurveyRound(status="open", opens_on=TODAY + dt.timedelta(days=2), closes_on=None)
    assert round_state(survey_round).startswith("Opens on")
    survey_round.opens_on, survey_round.closes_on = None, TODAY - dt.timedelta(days=1)
    assert round_state(survey_round).startswith("Closed (its close date") and has_ended(survey_round)
    with app.app_context():  # reopening writes an audit line
        assert reopen_round(survey_round, "test") is True and survey_round.closes_on is None
        db.session.rollback()
    assert round_state(survey_round) == "Open" and not has_ended(survey_round)
