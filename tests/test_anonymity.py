"""Anonymous by construction: after a young person's whole journey, nothing in the database or the
logs holds their IP address, their browser or the time of day, and no page sends them elsewhere."""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid

from sqlalchemy import MetaData, inspect, select

from survey_app.extensions import db
from survey_app.models import SafeguardingFlag, SurveyResponse
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.store import shipped_files
from survey_app.safeguarding.flags import release_and_notify

from .journey import Journey

IP = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (Linux; Android 14; VoicesTestPhone-7Q) Chrome/126.0 ZebraBrowser/9.9"
TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")
HEX_ID = re.compile(r"^[0-9a-f]{32}$")
PRIORITIES = load_file(next(path for path in shipped_files() if path.stem == "priorities-2018"))
FREE_TEXT = "Safe means my own room with a lock"
WORRY = "Sometimes I am scared at night"
ANSWERS = {
    "care_status": "care_leaver", "living_with": "own_flat", "feel_safe": "no",
    "what_safe_means": FREE_TEXT, "what_we_should_do": WORRY, "education_help_ideas": "More help with maths",
    "in_sixth_form_or_college": "yes", "in_apprenticeship_or_work": "no", "unemployed": "no",
    "how_spend_time": "Football and drawing",
}
SENSITIVE_TABLES = {"responses", "answers", "safeguarding_flags"}


def phone(client):
    """Every request from now on comes from this address and browser."""
    client.environ_base.update(REMOTE_ADDR=IP, HTTP_USER_AGENT=USER_AGENT,
                               HTTP_X_FORWARDED_FOR=IP, HTTP_ACCEPT_LANGUAGE="en-GB")
    return client


def whole_journey(client, slug) -> Journey:
    child = Journey(phone(client), slug)
    where = child.begin()
    while where != "check":
        question = PRIORITIES.question(where)
        if where in ANSWERS:
            value = ANSWERS[where]
        elif question.is_text:
            value = "Nothing else, thanks"
        else:
            value = question.options[1].value if question.options[1].value not in question.help_if else "yes"
        where = child.answer_and_go(value)
    child.send()
    with client.application.app_context():
        release_and_notify()  # as the scheduled command does
    return child


def every_row(app):
    """(table, column, value) for every column of every row of every table."""
    with app.app_context():
        metadata = MetaData()
        metadata.reflect(bind=db.engine)
        assert set(metadata.tables) >= SENSITIVE_TABLES
        assert set(inspect(db.engine).get_table_names()) == set(metadata.tables)
        for table in metadata.tables.values():
            for row in db.session.execute(select(table)).mappings():
                for column, value in row.items():
                    yield table.name, column, value


def test_nothing_stored_holds_the_ip_the_browser_or_the_time_of_day(app, client, make_round):
    whole_journey(client, make_round("priorities-2018"))
    rows = list(every_row(app))
    texts = {str(value) for _table, _column, value in rows}
    assert FREE_TEXT in texts and any(WORRY in text for text in texts)  # the answers really were stored
    assert {table for table, _column, _value in rows} >= SENSITIVE_TABLES
    for table, column, value in rows:
        where = f"{table}.{column} = {value!r}"
        assert IP not in str(value), where
        assert "VoicesTestPhone" not in str(value) and "ZebraBrowser" not in str(value), where
        if table in SENSITIVE_TABLES:
            assert not isinstance(value, dt.datetime | dt.time), where
            assert not TIME_OF_DAY.search(str(value)), where
    assert "drafts" not in {table for table, _column, _value in rows}  # sent drafts are deleted


def test_a_response_keeps_only_its_monday_and_a_flag_only_the_day_it_reached_the_lead(app, client, make_round):
    whole_journey(client, make_round("priorities-2018"))
    with app.app_context():
        response = db.session.scalars(select(SurveyResponse)).one()
        flag_days = db.session.scalars(select(SafeguardingFlag.raised_on)).all()
    assert response.week_of.weekday() == 0
    assert flag_days and all(day == dt.date.today() for day in flag_days)


def test_response_and_flag_ids_are_random_not_counting_up(app, client, make_round):
    slug = make_round("priorities-2018")
    whole_journey(client, slug)
    whole_journey(app.test_client(), slug)
    with app.app_context():
        ids = [*db.session.scalars(select(SurveyResponse.id)), *db.session.scalars(select(SafeguardingFlag.id))]
    assert len(ids) == 6  # two responses, two flags each
    for value in ids:
        assert HEX_ID.match(value), value
        assert uuid.UUID(value).version == 4
    assert len(set(ids)) == len(ids)


def test_a_flag_cannot_be_joined_back_to_its_response(app, client, make_round):
    whole_journey(client, make_round("priorities-2018"))
    flag_columns = {column.name for column in SafeguardingFlag.__table__.columns}
    assert flag_columns == {"id", "round_id", "question_id", "reason", "answer_text", "raised_on", "status",
                            "outcome_note", "reviewed_on"}
    with app.app_context():
        response_id = db.session.scalars(select(SurveyResponse.id)).one()
        for flag in db.session.scalars(select(SafeguardingFlag)):
            assert all(response_id not in str(getattr(flag, name)) for name in flag_columns)


def test_a_journey_logs_nothing_that_holds_the_ip_or_the_browser(app, client, make_round, caplog):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
    whole_journey(client, make_round("priorities-2018"))
    client.get("/r/no-such-round")
    assert caplog.records, "logging was not captured"
    for record in caplog.records:
        message = record.getMessage()
        assert IP not in message, (record.name, message)
        assert "ZebraBrowser" not in message, (record.name, message)


def _pages(client, slug):
    """Every kind of page a young person can see (help pages included), as (url, response)."""
    child = Journey(phone(client), slug)
    seen = [(f"/r/{slug}", client.get(f"/r/{slug}"))]
    where = child.begin()
    while where != "check":
        seen.append((child.url, client.get(child.url)))
        question = PRIORITIES.question(where)
        response = child.answer(ANSWERS.get(where) or ("Fine" if question.is_text else question.options[0].value))
        where = child.follow(response.location)
        if where == "help":
            seen.append((response.location, client.get(response.location)))
            where = child.follow(child.carry_on_link())
    seen.append((child.url, client.get(child.url)))
    response = child.send()
    seen.append((response.location, client.get(response.location)))
    for url in ("/", "/help", f"/r/{slug}/q/not_a_question", "/r/missing"):
        seen.append((url, client.get(url)))
    assert sum(url.startswith("/help/now") for url, _response in seen) >= 2
    return seen


def test_survey_pages_are_never_kept_in_the_browser_cache(client, make_round):
    for url, response in _pages(client, make_round("priorities-2018")):
        assert "no-store" in response.headers.get("Cache-Control", ""), url
        assert response.headers.get("Referrer-Policy") == "no-referrer", url


def test_closed_and_error_pages_are_not_cached_either(client, make_round):
    slug = make_round("younger-children", status="closed")
    for url in (f"/r/{slug}", "/r/missing"):
        assert "no-store" in client.get(url).headers["Cache-Control"], url


def test_no_page_loads_or_links_anything_from_another_site(client, make_round):
    attributes = re.compile(r'\b(src|href|action|srcset|poster|data|formaction)\s*=\s*["\']?([^"\'\s>]+)',
                            re.IGNORECASE)
    checked = 0
    for url, response in _pages(client, make_round("priorities-2018")):
        page = response.get_data(as_text=True)
        for attribute, target in attributes.findall(page):
            checked += 1
            if target.startswith(("tel:", "data:")):
                continue
            assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", target, re.IGNORECASE), (url, attribute, target)
        assert "http://" not in page and "https://" not in page, url
    assert checked > 100


def test_static_files_are_served_from_this_site_with_a_content_hash(client, make_round):
    page = client.get(f"/r/{make_round('younger-children')}").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert {asset.split("?")[0] for asset in assets} == {"/static/app.css", "/static/app.js"}
    for asset in assets:
        assert re.search(r"\?v=[0-9a-f]{10}$", asset)
        with client.get(asset) as response:  # a file response: close it
            assert response.status_code == 200
