"""The survey in a young person's language: picked on the start page (or by the browser), narrowed to the
languages the round's questionnaire is ready in, kept in the draft and its carry-on code, stored with the
response; answers stay option codes whatever the language.

These tests write their own translation files (translations.po_text), so they hold whether or not the
shipped ones exist: Welsh complete ("CY " before every English string) and Arabic missing one string."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Answer, Draft, SurveyResponse
from survey_app.questionnaire.store import definition, latest

from .journey import CSRF, Journey

KEY = "younger-children"
NOTE_IN_ARABIC = "عذرًا، هذا الاستبيان ليس جاهزًا بلغتك بعد، لذلك هو باللغة الإنجليزية."
SHOWN_CODE = re.compile(r'<p class="carry-on-code" id="carry-on-code"[^>]*>(.*?)</p>', re.S)
# The answers a child gives below: option codes (and one written answer), none of them worrying.
ANSWERS = {"smiley3": ["3"], "yes_no": ["yes"], "short_text": ["A vet"]}


@pytest.fixture
def welsh(translate, make_round) -> str:
    """A round of the 8-11 survey, ready in Welsh and not in Arabic (its title untranslated); its slug."""
    translate(KEY, "cy")
    translate(KEY, "ar", leave_out="title")
    return make_round(KEY)


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([a-z]+)"', page).group(1)


def picker(page: str) -> list[tuple[str, str, bool]]:
    """The language picker's links: (code, name, current)."""
    nav = re.search(r'<nav class="language-picker" aria-label="[^"]+">(.*?)</nav>', page, re.S)
    assert nav, "no language picker"
    return [(code, name, bool(current)) for code, current, name in re.findall(
        r'<a href="[^"]*lang=([a-z]+)" lang="[a-z]+" dir="[a-z]+" hreflang="[a-z]+"( aria-current="true")?>([^<]+)</a>',
        nav.group(1))]


def welsh_text(app, question_id: str) -> str:
    with app.app_context():
        return "CY " + definition(latest(KEY)).question(question_id).text


def go_through(child: Journey, first: str) -> None:
    """Answer every question from `first` to the check page with ANSWERS (or skip), in any language."""
    with child.client.application.app_context():
        questionnaire = definition(latest(KEY))
    where = first
    while where != "check":
        kind = questionnaire.question(where).type
        response = child.answer(*ANSWERS[kind]) if kind in ANSWERS else child.answer(skip=True)
        where = child.follow(response.location)
        if where == "help":  # the help page's way back, whatever language its words are in
            where = child.follow(parse_qs(urlsplit(response.location).query)["next"][0])


def test_the_picker_lists_only_languages_the_survey_is_ready_in_each_named_in_itself(client, welsh):
    page = client.get(f"/r/{welsh}").get_data(as_text=True)
    assert picker(page) == [("en", "English", True), ("cy", "Cymraeg", False)]
    assert f'href="/r/{welsh}?lang=cy" lang="cy" dir="ltr" hreflang="cy">Cymraeg</a>' in page
    assert "العربية" not in page


def test_no_picker_when_the_survey_is_only_in_english(client, shipped_questionnaires_only, make_round):
    slug = make_round("care-leavers")
    page = client.get(f"/r/{slug}").get_data(as_text=True)
    assert 'class="language-picker"' not in page and html_lang(page) == "en"


def test_a_survey_taken_in_welsh_is_asked_checked_and_stored_in_welsh(app, client, welsh):
    child = Journey(client, welsh)
    start = child.open(f"/r/{welsh}?lang=cy").get_data(as_text=True)
    assert html_lang(start) == "cy" and picker(start)[1] == ("cy", "Cymraeg", True)
    assert "CY We want to know what life is like for you." in start
    response = client.post(f"/r/{welsh}/start", data={"csrf_token": child.csrf()})
    assert child.follow(response.location) == "feel_about_home"
    assert html_lang(child.page) == "cy" and welsh_text(app, "feel_about_home") in child.page
    go_through(child, "feel_about_home")
    assert html_lang(child.page) == "cy" and welsh_text(app, "feel_about_school") in child.page
    assert ">How do you feel about school?<" not in child.page
    child.send()
    with app.app_context():
        assert db.session.scalars(select(SurveyResponse.language)).all() == ["cy"]


def test_the_same_answers_in_welsh_and_in_english_are_the_same_codes(app, client, welsh):
    stored_answers = []
    for language in ("cy", "en"):
        child = Journey(app.test_client(), welsh)
        child.open(f"/r/{welsh}?lang={language}")
        response = child.client.post(f"/r/{welsh}/start", data={"csrf_token": child.csrf()})
        go_through(child, child.follow(response.location))
        child.send()
        with app.app_context():
            response_row = db.session.scalar(select(SurveyResponse).filter_by(language=language))
            stored_answers.append(sorted(
                (answer.question_id, answer.position, answer.choice, answer.text, answer.skipped)
                for answer in db.session.scalars(select(Answer).filter_by(response_id=response_row.id))))
    welsh_answers, english_answers = stored_answers
    assert welsh_answers == english_answers
    assert ("feel_safe_home", 0, "yes", None, False) in welsh_answers
    assert ("grow_up_to_be", 0, None, "A vet", False) in welsh_answers


def test_the_browsers_preferred_language_picks_welsh(client, welsh):
    page = client.get(f"/r/{welsh}", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert html_lang(page) == "cy" and ("cy", "Cymraeg", True) in picker(page)


def test_a_language_the_survey_is_not_ready_in_gives_english_and_says_so_in_that_language(client, welsh):
    page = client.get(f"/r/{welsh}?lang=ar").get_data(as_text=True)
    assert html_lang(page) == "en" and ("en", "English", True) in picker(page)
    assert f'<p class="notice" lang="ar" dir="rtl">{NOTE_IN_ARABIC}</p>' in page
    assert "AR " not in page and "We want to know what life is like for you." in page


def test_a_made_up_language_is_ignored(client, welsh):
    page = client.get(f"/r/{welsh}?lang=zz").get_data(as_text=True)
    assert html_lang(page) == "en" and 'class="notice" lang=' not in page
    child = Journey(client, welsh)
    assert child.open(f"/r/{welsh}?lang=cy").status_code == 200
    client.post(f"/r/{welsh}/start", data={"csrf_token": child.csrf()})
    page = client.get(f"/r/{welsh}/q/feel_about_home?lang=zz").get_data(as_text=True)
    assert html_lang(page) == "cy"


def test_the_draft_keeps_the_language_on_every_page_and_lang_changes_it(app, client, welsh):
    child = Journey(client, welsh)
    child.open(f"/r/{welsh}?lang=cy")
    client.post(f"/r/{welsh}/start", data={"csrf_token": child.csrf()})
    with client.session_transaction() as session:
        session["lang"] = "en"  # the draft's language, not the session's, decides
    page = client.get(f"/r/{welsh}/q/feel_about_home").get_data(as_text=True)
    assert html_lang(page) == "cy" and welsh_text(app, "feel_about_home") in page
    assert html_lang(client.get(f"/r/{welsh}/check").get_data(as_text=True)) == "cy"
    english = client.get(f"/r/{welsh}/q/feel_about_home?lang=en").get_data(as_text=True)
    assert html_lang(english) == "en" and "How do you feel about where you live?" in english
    with app.app_context():
        assert db.session.scalars(select(Draft.language)).all() == ["en"]
    assert html_lang(client.get(f"/r/{welsh}/q/feel_safe_home").get_data(as_text=True)) == "en"
    assert html_lang(client.get(f"/r/{welsh}?lang=cy").get_data(as_text=True)) == "cy"  # the picker, mid-survey
    with app.app_context():
        assert db.session.scalars(select(Draft.language)).all() == ["cy"]
    assert html_lang(client.get(f"/r/{welsh}/q/feel_safe_home").get_data(as_text=True)) == "cy"


def _code(client, slug: str) -> str:
    page = client.get(f"/r/{slug}/save").get_data(as_text=True)
    response = client.post(f"/r/{slug}/save", data={"csrf_token": CSRF.search(page).group(1)})
    return " ".join(re.findall(r"<span>([a-z0-9]+)</span>",
                               SHOWN_CODE.search(response.get_data(as_text=True)).group(1)))


def test_a_carry_on_code_brings_the_language_back_on_another_device(app, client, welsh):
    child = Journey(client, welsh)
    child.open(f"/r/{welsh}?lang=cy")
    response = client.post(f"/r/{welsh}/start", data={"csrf_token": child.csrf()})
    child.follow(response.location)
    assert child.answer_and_go("3") == "feel_safe_home"
    code = _code(client, welsh)
    other = app.test_client()
    start = other.get(f"/r/{welsh}", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert html_lang(start) == "en"
    typed = other.post(f"/r/{welsh}/carry-on", data={"csrf_token": CSRF.search(start).group(1), "carry_on_code": code})
    assert typed.status_code == 303 and typed.location.endswith("/q/feel_safe_home")
    page = other.get(typed.location, headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert html_lang(page) == "cy" and welsh_text(app, "feel_safe_home") in page


def test_the_review_card_and_save_pages_are_in_the_drafts_language(client, welsh):
    child = Journey(client, welsh)
    child.open(f"/r/{welsh}?lang=cy")
    client.post(f"/r/{welsh}/start", data={"csrf_token": child.csrf()})
    with client.session_transaction() as session:
        session.pop("lang", None)
    for page in ("save", "review-card"):
        assert html_lang(client.get(f"/r/{welsh}/{page}").get_data(as_text=True)) == "cy", page


def test_a_welsh_question_page_costs_one_small_statement_more(client, welsh, sql_statements):
    child = Journey(client, welsh)
    child.open(f"/r/{welsh}?lang=cy")
    client.post(f"/r/{welsh}/start", data={"csrf_token": child.csrf()})
    client.get(f"/r/{welsh}/q/feel_about_home")  # the translation read and kept once per process
    with sql_statements() as sent:
        page = client.get(f"/r/{welsh}/q/feel_about_home").get_data(as_text=True)
    assert html_lang(page) == "cy"
    assert len(sent) <= 2, sent
    assert "questionnaire_translations.source" not in " ".join(sent)


def test_a_translation_changed_to_incomplete_is_not_offered_any_more(client, welsh, translate):
    assert html_lang(client.get(f"/r/{welsh}?lang=cy").get_data(as_text=True)) == "cy"
    translate(KEY, "cy", leave_out="intro")
    page = client.get(f"/r/{welsh}").get_data(as_text=True)
    assert html_lang(page) == "en" and 'class="language-picker"' not in page
    assert 'class="notice" lang="cy" dir="ltr">' in page
