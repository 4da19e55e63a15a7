"""The children's "You said, we did" page in the young person's language (issue 12, item 8): a worker writes
each language's version of the points and of an action's words; a reader sees it where it is written, and
where it isn't, the English with a note in their language (never a machine guess). Rendered pages are kept
per language. The board report and the staff round page say how many answered in each language, small
numbers hidden."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Action, ActionLanguage, Answer, RoundReportLanguage, SurveyResponse
from survey_app.questionnaire.schema import ChildrenSay
from survey_app.reporting import children, counts
from survey_app.reporting.children_texts import Line, in_language
from survey_app.reporting.report import Report
from survey_app.rounds.operations import round_by_slug

from .journey import CSRF
from .report_sample import sample_report
from .test_children_wording import page_points

WELSH_GOOD = "Mae’r rhan fwyaf ohonoch chi’n teimlo’n ddiogel lle rydych chi’n byw."
WELSH_CHANGE = "Dydy rhai ohonoch chi ddim yn teimlo’n ddiogel lle rydych chi’n byw."
NOT_READY_AR = "هذه الصفحة ليست جاهزة باللغة العربية بعد: ها هي بالإنجليزية."
SOME_NOT_READY_CY = "Dydy rhan o’r dudalen hon ddim yn barod yn Gymraeg eto"
NOT_READY_CY = "Dydy’r dudalen hon ddim yn barod yn Gymraeg eto: dyma hi yn Saesneg."


def text_of(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def add_responses(round_id: int, languages: list[str], choices: list[str] | None = None) -> None:
    choices = choices or ["yes"] * len(languages)
    for language, choice in zip(languages, choices, strict=True):
        db.session.add(SurveyResponse(round_id=round_id, week_of=dt.date(2026, 11, 16), channel="online",
                                      language=language,
                                      answers=[Answer(question_id="feel_safe_home", position=0, choice=choice)]))
    db.session.commit()


@pytest.fixture
def answered(app, make_round):
    """A younger-children round 20 answered (12 feel safe where they live, 6 don't, 2 not sure): 14 in
    English, 4 in Welsh, 2 in Arabic."""
    slug = make_round("younger-children")
    with app.app_context():
        add_responses(round_by_slug(slug).id, ["en"] * 14 + ["cy"] * 4 + ["ar"] * 2,
                      ["yes"] * 12 + ["no"] * 6 + ["not_sure"] * 2)
    return slug


@pytest.fixture
def worker(client, make_staff, sign_in):
    assert sign_in(*make_staff("worker")).status_code == 302
    return client


def csrf(client, url: str) -> str:
    return CSRF.search(client.get(url).get_data(as_text=True)).group(1)


def save_texts(client, slug: str, **fields):
    url = f"/staff/reports/{slug}/publish"
    return client.post(url, data={"csrf_token": csrf(client, url), "board_summary": "", "children_good": "",
                                  "children_change": "", **fields})


def publish(client, slug: str) -> None:
    token = csrf(client, f"/staff/reports/{slug}/preview/children")
    assert client.post(f"/staff/reports/{slug}/publish/confirm", data={"csrf_token": token}).status_code == 302


def reader(app, language: str):
    """A young person's browser asking for `language` (Accept-Language, as a phone set to it does)."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


# -- the worker's versions -----------------------------------------------------------------------------------

def test_a_welsh_reader_sees_the_workers_welsh_points_and_an_arabic_reader_the_english_with_a_note(
        app, worker, answered):
    response = save_texts(worker, answered, children_good_cy=WELSH_GOOD, children_change_cy=WELSH_CHANGE)
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(RoundReportLanguage, (round_by_slug(answered).id, "cy"))
        assert (row.children_good, row.children_change) == (WELSH_GOOD, WELSH_CHANGE)
        assert db.session.get(RoundReportLanguage, (round_by_slug(answered).id, "ar")) is None
    publish(worker, answered)

    welsh = reader(app, "cy-GB,cy;q=0.9").get(f"/r/{answered}/you-said-we-did").get_data(as_text=True)
    assert '<html lang="cy" dir="ltr">' in welsh
    assert page_points(welsh, "good-title") == [WELSH_GOOD]
    assert page_points(welsh, "change-title") == [WELSH_CHANGE]
    assert "Dywedoch chi, gwnaethon ni" in welsh and "Beth sy’n dda" in unescape(welsh)
    assert "ddim yn barod" not in unescape(welsh) and 'lang="en"' not in welsh

    arabic = reader(app, "ar").get(f"/r/{answered}/you-said-we-did").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic
    assert NOT_READY_AR in unescape(arabic)
    assert page_points(arabic, "good-title") == ["Most of you feel safe where you live."]
    assert re.search(r'<li lang="en" dir="ltr">Most of you feel safe where you live\.</li>', arabic)
    assert "ما هو جيد" in arabic  # the headings are the interface's, translated

    english = reader(app, "en").get(f"/r/{answered}/you-said-we-did").get_data(as_text=True)
    assert page_points(english, "good-title") == ["Most of you feel safe where you live."]
    assert "isn’t ready" not in unescape(english) and "You said, we did" in english


def test_a_welsh_version_with_a_c_in_it_is_refused_like_the_english(app, worker, answered):
    response = save_texts(worker, answered, children_good_cy="Mae c ohonoch chi’n hapus.")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and "“What’s good” in Welsh has a “c” in it" in page
    with app.app_context():
        assert db.session.scalars(select(RoundReportLanguage)).all() == []


def test_the_publish_page_keeps_each_languages_boxes_and_the_preview_shows_each_version(app, worker, answered):
    save_texts(worker, answered, children_good_ar="معظمكم يشعرون بالأمان حيث تعيشون.")
    page = worker.get(f"/staff/reports/{answered}/publish").get_data(as_text=True)
    assert re.search(r'<textarea[^>]*id="children_good_ar"[^>]*lang="ar" dir="rtl"[^>]*>معظمكم', page)
    assert re.search(r'<textarea[^>]*id="children_good_cy"[^>]*>\s*</textarea>', page)
    preview = worker.get(f"/staff/reports/{answered}/preview/children?version=ar").get_data(as_text=True)
    assert page_points(preview, "good-title") == ["معظمكم يشعرون بالأمان حيث تعيشون."]
    # "What needs to change" has no Arabic version yet: in English, and the note says only some isn't ready
    assert page_points(preview, "change-title") == ["Some of you don't feel safe where you live."]
    assert "بعض هذه الصفحة ليس جاهزًا باللغة العربية بعد" in preview
    # the worker's own pages stay in their language: ?version= is not kept in the session
    assert '<html lang="en"' in worker.get(f"/staff/reports/{answered}/publish").get_data(as_text=True)


def test_generated_points_are_said_in_another_language_only_from_the_questionnaires_own_translated_words(app):
    english = _question(ChildrenSay(positive="feel safe where you live", negative="don't feel safe where you live"))
    welsh = _question(ChildrenSay(positive="yn teimlo’n ddiogel lle rydych chi’n byw",
                                  negative="ddim yn teimlo’n ddiogel lle rydych chi’n byw"))
    with app.test_request_context("/?lang=cy"):
        assert children.point_in("most", True, english, welsh) == \
            "Mae’r rhan fwyaf ohonoch chi yn teimlo’n ddiogel lle rydych chi’n byw."
        assert children.point_in("a few", False, english, welsh) == \
            "Mae ychydig ohonoch chi ddim yn teimlo’n ddiogel lle rydych chi’n byw."
        assert children.point_in("most", True, english, english) is None  # not translated: no guess
        assert children.point_in("most", True, _question(None), _question(None)) is None  # no children_say
    with app.test_request_context("/?lang=ar"):
        arabic = _question(ChildrenSay(positive="تشعرون بالأمان", negative="لا تشعرون بالأمان"))
        assert children.point_in("some", False, english, arabic) == "بعضكم لا تشعرون بالأمان."


def _question(children_say):
    from survey_app.questionnaire.schema import Question

    return Question(id="feel_safe_home", type="yes_no", text="Do you feel safe where you live?", priority="placement",
                    section_id="home", children_say=children_say)


def test_the_texts_fall_back_part_by_part_and_hidden_numbers_are_left_out_in_every_language():
    report = Report.from_json(sample_report())
    english = in_language(report, "en")
    assert english.good and all(line.language == "en" for line in english.good)
    welsh = in_language(report, "cy")  # the sample has no Welsh version and no generated parts
    assert [line.text for line in welsh.good] == [line.text for line in english.good]
    assert welsh.missing and all(line.language == "en" for line in welsh.good)
    assert str(Line("Helo", "cy")) == "Helo"


# -- an action's words ----------------------------------------------------------------------------------------

def _action(app, round_slug: str | None = None) -> int:
    with app.app_context():
        round_id = round_by_slug(round_slug).id if round_slug else None
        action = Action(reference="15.8", title="Check every home is safe", priority_code="placement",
                        round_id=round_id, owner="Head of Children in Care", status="in_progress",
                        due_on=dt.date(2027, 3, 31))
        db.session.add(action)
        db.session.commit()
        return action.id


def _action_form(client, action_id: int, **fields):
    url = f"/staff/actions/{action_id}/edit"
    data = {"csrf_token": csrf(client, url), "reference": "15.8", "title": "Check every home is safe",
            "priority": "placement", "round": "", "owner": "Head of Children in Care", "due_day": "31",
            "due_month": "3", "due_year": "2027", "status": "in_progress", "not_doing_reason": "", **fields}
    return client.post(url, data=data)


def test_the_staff_action_form_keeps_the_words_in_each_language(app, worker, answered):
    action_id = _action(app)
    form = worker.get(f"/staff/actions/{action_id}/edit").get_data(as_text=True)
    assert re.search(r'<textarea[^>]*id="title_ar"[^>]*lang="ar" dir="rtl"', form)
    assert '<label class="label" for="title_cy">What will the council do? (in Welsh)</label>' in form

    response = _action_form(worker, action_id, round=answered, title_cy="Gwirio bod pob cartref yn ddiogel",
                            owner_cy="Pennaeth Plant mewn Gofal")
    assert response.status_code == 302
    with app.app_context():
        row = db.session.get(ActionLanguage, (action_id, "cy"))
        assert (row.title, row.owner, row.not_doing_reason) == ("Gwirio bod pob cartref yn ddiogel",
                                                                "Pennaeth Plant mewn Gofal", "")
        assert db.session.get(ActionLanguage, (action_id, "ar")) is None
    form = worker.get(f"/staff/actions/{action_id}/edit").get_data(as_text=True)
    assert re.search(r'id="title_cy"[^>]*>Gwirio bod pob cartref yn ddiogel</textarea>', form)

    too_long = _action_form(worker, action_id, title_ar="ت" * 301)
    assert too_long.status_code == 400
    assert "“What will the council do?” in Arabic must be 300 characters or fewer" in \
        unescape(too_long.get_data(as_text=True))

    save_texts(worker, answered, children_good_cy=WELSH_GOOD, children_change_cy=WELSH_CHANGE)
    publish(worker, answered)
    welsh = reader(app, "cy").get(f"/r/{answered}/you-said-we-did").get_data(as_text=True)
    what = text_of(welsh)
    assert "Gwirio bod pob cartref yn ddiogel" in what and "Pennaeth Plant mewn Gofal" in what
    assert "Rydyn ni wedi dechrau gwneud hyn" in what and "erbyn Mawrth 2027" in what
    assert "Check every home is safe" not in what and "ddim yn barod" not in what

    arabic = reader(app, "ar").get(f"/r/{answered}/you-said-we-did").get_data(as_text=True)
    assert re.search(r'<h3 lang="en" dir="ltr">Check every home is safe</h3>', arabic)
    assert "بدأنا القيام بهذا" in arabic and NOT_READY_AR in unescape(arabic)


# -- kept pages by language -----------------------------------------------------------------------------------

def test_a_kept_page_is_never_given_to_a_reader_of_another_language(app, worker, answered):
    save_texts(worker, answered, children_good_cy=WELSH_GOOD)
    publish(worker, answered)
    url = f"/r/{answered}/you-said-we-did"
    first_english = reader(app, "en").get(url).get_data(as_text=True)
    welsh = reader(app, "cy").get(url).get_data(as_text=True)
    arabic = reader(app, "ar").get(url).get_data(as_text=True)
    english_again = reader(app, "en").get(url).get_data(as_text=True)
    welsh_by_choice = reader(app, "en").get(url + "?lang=cy").get_data(as_text=True)
    assert first_english == english_again and '<html lang="en"' in english_again
    assert '<html lang="cy"' in welsh and page_points(welsh, "good-title") == [WELSH_GOOD]
    assert '<html lang="ar"' in arabic and WELSH_GOOD not in arabic
    assert WELSH_GOOD not in english_again and "Dywedoch chi" not in english_again
    assert welsh_by_choice == welsh


# -- how many answered in each language -----------------------------------------------------------------------

def test_language_counts_hide_small_numbers_like_the_channels():
    assert counts.by_language({"en": 41, "cy": 12}, exact=False) == [("en", 41), ("cy", 12)]
    # 3 in Arabic is hidden, and so is the next smallest, or it could be worked out from the total
    assert counts.by_language({"en": 41, "cy": 12, "ar": 3}, exact=False) == [("en", 41), ("cy", "c"), ("ar", "c")]
    assert counts.by_language({"en": 41, "cy": 12, "ar": 3}, exact=True) == [("en", 41), ("cy", 12), ("ar", 3)]
    assert counts.by_language({"en": 20}, exact=False) == [("en", 20)]
    assert counts.by_language({"en": 9, "pl": 6}, exact=False) == [("en", 9), ("pl", 6)]


def test_the_board_report_and_the_staff_round_page_say_how_many_answered_in_each_language(
        app, worker, make_staff, sign_in, answered):
    publish(worker, answered)
    staff_report = text_of(worker.get(f"/staff/reports/{answered}").get_data(as_text=True))
    assert "Answered in: English 14, Cymraeg 4, العربية 2" in staff_report  # staff: exact
    round_page = worker.get(f"/staff/rounds/{answered}").get_data(as_text=True)
    assert "Answered in English 14, Cymraeg c, العربية c" in text_of(round_page)
    assert '<span lang="ar" dir="rtl">العربية</span>' in round_page

    board = app.test_client()
    token = CSRF.search(board.get("/staff/sign-in").get_data(as_text=True)).group(1)
    email, password = make_staff("board")
    board.post("/staff/sign-in", data={"csrf_token": token, "email": email, "password": password})
    board_page = text_of(board.get(f"/staff/board/reports/{answered}").get_data(as_text=True))
    assert "Answered in: English 14, Cymraeg c, العربية c" in board_page
    assert "Cymraeg 4" not in board_page and "العربية 2" not in board_page


def test_a_point_made_from_the_answers_is_said_in_welsh_once_the_questionnaire_has_welsh_words(
        app, make_round, worker, monkeypatch):
    """Where the translated questionnaire is connected (children.questionnaire_in), a Welsh reader sees the
    generated point in Welsh with no worker version; other points stay English, marked, with the note."""
    from survey_app.questionnaire import store, strings

    slug = make_round("care-leavers")
    with app.app_context():
        round_id = round_by_slug(slug).id
        for choice in ["yes"] * 12 + ["no"] * 3:
            db.session.add(SurveyResponse(
                round_id=round_id, week_of=dt.date(2026, 11, 16), channel="online",
                answers=[Answer(question_id="know_mental_health_help", position=0, choice=choice),
                         Answer(question_id="feel_safe_home", position=0, choice=choice)]))
        db.session.commit()
    welsh_words = {"question.know_mental_health_help.children_say.positive":
                   "yn gwybod ble i gael help gyda’ch iechyd meddwl petai angen"}
    monkeypatch.setattr(children, "questionnaire_in",
                        lambda language, stored: strings.translate(store.definition(stored), welsh_words))
    publish(worker, slug)
    welsh = reader(app, "cy").get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    good = page_points(welsh, "good-title")
    assert "Mae’r rhan fwyaf ohonoch chi yn gwybod ble i gael help gyda’ch iechyd meddwl petai angen." in good
    assert not any("would know where to get help" in point for point in good)
    english = reader(app, "en").get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    assert "Most of you would know where to get help with your mental health if you needed it." in \
        page_points(english, "good-title")
