"""A young person going through each shipped survey on a phone (the Flask test client, CSRF on):
answering, skipping, branching, going back, changing their mind, being shown help, making mistakes,
losing the connection, pressing Send twice and leaving in a hurry."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlalchemy import func, select, update

from survey_app.extensions import db
from survey_app.models import Draft, HeldFlag, SafeguardingFlag, SurveyResponse, SurveyRound
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.schema import RATHER_NOT_SAY
from survey_app.questionnaire.store import shipped_files
from survey_app.responses.answers import CHOOSE_REQUIRED, GLITCH

from .journey import Journey

SURVEYS = {path.stem: load_file(path) for path in shipped_files()}
KEYS = ["priorities-2018", "younger-children", "care-leavers"]
FRIENDLY_TEXT = "I like playing football with my friends"
BACK = re.compile(r'<a class="back" href="([^"]+)">Back</a>')


# -- helpers ---------------------------------------------------------------------------------------

def everything(question, overrides=None) -> tuple[list[str], bool]:
    """A real answer that is not a help answer (or the one in `overrides`)."""
    if overrides and question.id in overrides:
        value = overrides[question.id]
        return (value if isinstance(value, list) else [value]), False
    if question.is_text:
        return [FRIENDLY_TEXT], False
    values = [o.value for o in question.options if o.value != RATHER_NOT_SAY and o.value not in question.help_if]
    return (values[:2] if question.allows_many else values[:1]), False


def skip_all(question, overrides=None) -> tuple[list[str], bool]:
    if question.required:
        return [RATHER_NOT_SAY], False
    return [], True


def current_question(child: Journey) -> str:
    return child.url.split("?")[0].split("/q/")[1]


def walk(child: Journey, key: str, choose=everything, overrides=None, *, begun=False) -> dict:
    """Answer question after question until the check page. Returns what happened: the ids visited
    in order, the answers given, each page's Back link and the help pages seen."""
    survey = SURVEYS[key]
    where = current_question(child) if begun else child.begin()
    trail: dict = {"visited": [], "given": {}, "back": {}, "help": {}}
    while where != "check":
        question = survey.question(where)
        trail["visited"].append(where)
        trail["back"][where] = unescape(BACK.search(child.page).group(1))
        assert ("Skip this question" in child.page) is not question.required
        values, skip = choose(question, overrides)
        response = child.answer(*values, skip=skip)
        trail["given"][where] = {"skipped": True} if skip else (
            {"text": values[0]} if question.is_text else {"choices": values})
        if response.location.startswith("/help/now"):
            child.follow(response.location)
            trail["help"][where] = child.carry_on_link()
            where = child.follow(child.carry_on_link())
        else:
            where = child.follow(response.location)
        assert len(trail["visited"]) <= len(survey.questions)
    return trail


def stored_responses(app) -> list[dict]:
    """Every stored response as {question id: answer}, in the journey's own answer format."""
    with app.app_context():
        result = []
        for response in db.session.scalars(select(SurveyResponse)):
            answers: dict = {}
            for row in sorted(response.answers, key=lambda row: (row.question_id, row.position)):
                if row.skipped:
                    answers[row.question_id] = {"skipped": True}
                elif row.text is not None:
                    answers[row.question_id] = {"text": row.text}
                else:
                    answers.setdefault(row.question_id, {"choices": []})["choices"].append(row.choice)
            result.append(answers)
        return result


def flags(app) -> list[dict]:
    with app.app_context():
        return [
            {column.name: getattr(flag, column.name) for column in SafeguardingFlag.__table__.columns}
            for flag in db.session.scalars(select(SafeguardingFlag))
        ]


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def draft_of(app, client) -> dict | None:
    with client.session_transaction() as session:
        draft_id = session.get("draft")
    with app.app_context():
        draft = db.session.get(Draft, draft_id) if draft_id else None
        return dict(draft.answers) if draft else None


def back_link(child: Journey) -> str:
    return unescape(BACK.search(child.page).group(1))


# -- completing each survey ----------------------------------------------------------------------------

@pytest.mark.parametrize("key", KEYS)
def test_child_who_answers_everything_sends_every_answer(app, journey, key):
    child = journey(key)
    trail = walk(child, key)
    survey = SURVEYS[key]
    always_shown = [q.id for q in survey.questions
                    if q.show_if is None and survey.section(q.section_id).show_if is None]
    assert set(always_shown) <= set(trail["visited"])
    for question_id in trail["visited"]:
        assert f"<dt>{survey.question(question_id).text}</dt>" in unescape(child.page)
    assert unescape(child.page).count("<dt>") == len(trail["visited"])
    child.send()
    assert stored_responses(app) == [trail["given"]]
    assert flags(app) == []


def test_the_check_page_groups_the_answers_a_child_gave_under_their_sections(journey):
    child = journey("priorities-2018")
    trail = walk(child, "priorities-2018", everything, {"care_status": "in_care", "living_with": "foster_family"})
    survey = SURVEYS["priorities-2018"]
    page = unescape(child.page)
    body = page[page.index("<h1>Check your answers</h1>"):page.index("<h2>Send your answers</h2>")]
    heading = re.compile(r'<h2 class="section-heading[^"]*">.*?<span>([^<]+)</span></h2>', re.S)
    headings = heading.findall(body)
    assert headings == [section.title for section in survey.sections if section.id != "eet"]
    for section_html in body.split('<h2 class="section-heading')[1:]:
        title = heading.search('<h2 class="section-heading' + section_html).group(1)
        [section] = [section for section in survey.sections if section.title == title]
        shown = re.findall(r"<dt>([^<]+)</dt>", section_html)
        asked = [survey.question(q) for q in trail["visited"]]
        assert shown == [question.text for question in asked if question.section_id == section.id]
        for question_text in shown:
            assert f'<span class="visually-hidden"> your answer to: {question_text}</span>' in section_html


@pytest.mark.parametrize("key", KEYS)
def test_child_who_skips_every_question_can_still_send(app, journey, key):
    child = journey(key)
    trail = walk(child, key, skip_all)
    survey = SURVEYS[key]
    assert "Skipped" in child.page
    child.send()
    [stored] = stored_responses(app)
    assert stored == trail["given"]
    for question_id, answer in stored.items():
        expected = {"choices": [RATHER_NOT_SAY]} if survey.question(question_id).required else {"skipped": True}
        assert answer == expected
    # Nothing that depends on an answer was shown to a child who gave none.
    assert all(survey.question(q).show_if is None for q in trail["visited"])


def test_a_required_question_has_no_skip_button_and_needs_an_answer_or_rather_not_say(journey):
    child = journey("priorities-2018")
    assert child.begin() == "care_status"
    assert "Skip this question" not in child.page
    assert "I&#39;d rather not say" in child.page or "I'd rather not say" in child.page
    child.answer(skip=True, expect_status=400)
    assert CHOOSE_REQUIRED in child.page
    assert child.answer_and_go(RATHER_NOT_SAY) == "age_band"


# -- branching -------------------------------------------------------------------------------------

BRANCHES = [
    ("priorities-2018", {"care_status": "care_leaver"},
     {"in_sixth_form_or_college", "in_apprenticeship_or_work", "unemployed", "how_spend_time"}, set()),
    ("priorities-2018", {"care_status": "in_care"},
     set(), {"in_sixth_form_or_college", "in_apprenticeship_or_work", "unemployed", "how_spend_time"}),
    ("priorities-2018", {"living_with": "foster_family"}, {"feel_part_of_family"}, {"help_to_manage"}),
    ("priorities-2018", {"living_with": "own_flat"}, {"help_to_manage"}, {"feel_part_of_family"}),
    ("priorities-2018", {"living_with": "childrens_home"}, set(), {"help_to_manage", "feel_part_of_family"}),
    ("priorities-2018", {"care_status": "care_leaver", "in_sixth_form_or_college": "yes", "unemployed": "no"},
     {"college_enough_help"}, {"help_into_work_or_college"}),
    ("priorities-2018", {"care_status": "care_leaver", "in_sixth_form_or_college": "no", "unemployed": "yes"},
     {"help_into_work_or_college"}, {"college_enough_help"}),
    ("priorities-2018", {"care_status": "in_care"},
     {"hear_more_in_care"}, {"in_care_leavers_group", "hear_more_or_meet"}),
    ("priorities-2018", {"care_status": "care_leaver"},
     {"in_care_leavers_group", "hear_more_or_meet"}, {"hear_more_in_care"}),
    ("priorities-2018", {"care_status": RATHER_NOT_SAY},
     set(), {"in_care_leavers_group", "hear_more_or_meet", "hear_more_in_care", "unemployed"}),
    ("care-leavers", {"age_band": "age_18_25"}, {"adult_health_help"}, {"adult_health_ready"}),
    ("care-leavers", {"age_band": "age_16_17"}, {"adult_health_ready"}, {"adult_health_help"}),
    ("care-leavers", {"age_band": RATHER_NOT_SAY}, set(), {"adult_health_ready", "adult_health_help"}),
    ("care-leavers", {"heard_of_local_offer": "yes"}, {"local_offer_helped"}, set()),
    ("care-leavers", {"heard_of_local_offer": "no"}, set(), {"local_offer_helped"}),
    ("care-leavers", {"have_pathway_plan": "no"}, set(), {"pathway_plan_your_views"}),
    ("care-leavers", {"have_pathway_plan": "yes"}, {"pathway_plan_your_views"}, set()),
]


@pytest.mark.parametrize(("key", "overrides", "shown", "hidden"), BRANCHES)
def test_each_child_sees_only_the_questions_meant_for_them(journey, key, overrides, shown, hidden):
    trail = walk(journey(key), key, everything, overrides)
    assert shown <= set(trail["visited"])
    assert not hidden & set(trail["visited"])


def test_younger_children_see_every_question_in_order(journey):
    trail = walk(journey("younger-children"), "younger-children")
    assert trail["visited"] == [q.id for q in SURVEYS["younger-children"].questions]


def test_progress_counts_the_questions_this_child_will_see(journey):
    child = journey("priorities-2018")
    child.begin()
    assert '<progress id="progress" max="33" value="1">' in child.page
    child.answer_and_go("in_care")
    # The care leavers' part (the EET section and 2 group questions) is gone for a child in care: 24 left.
    assert '<progress id="progress" max="24" value="2">' in child.page and "Part 1 of 5" in child.page
    child.answer_and_go("age_12_15")
    assert '<progress id="progress" max="24" value="3">' in child.page
    assert "Part 2 of 5" in child.page and "Where you live · </span>Question 1 of 10" in child.page
    child.answer_and_go("foster_family")
    assert '<progress id="progress" max="23" value="4">' in child.page
    assert "Where you live · </span>Question 2 of 9" in child.page


# -- going back and changing answers -----------------------------------------------------------------------

@pytest.mark.parametrize(("key", "overrides"), [
    ("priorities-2018", {"care_status": "care_leaver", "living_with": "own_flat"}),
    ("priorities-2018", {"care_status": "in_care", "living_with": "childrens_home"}),
    ("younger-children", None),
    ("care-leavers", None),
])
def test_back_goes_to_the_previous_question_this_child_saw(journey, key, overrides):
    child = journey(key)
    trail = walk(child, key, everything, overrides)
    visited = trail["visited"]
    assert trail["back"][visited[0]] == f"/r/{child.slug}"
    for earlier, later in zip(visited, visited[1:], strict=False):
        assert trail["back"][later] == f"/r/{child.slug}/q/{earlier}"


def test_back_skips_questions_hidden_by_an_earlier_answer(journey):
    child = journey("priorities-2018")
    child.begin()
    child.answer_and_go("in_care")
    child.answer_and_go("age_12_15")
    child.answer_and_go("childrens_home")
    child.open(f"/r/{child.slug}/q/happy_or_sad")
    assert back_link(child) == f"/r/{child.slug}/q/what_we_should_do"
    child.open(f"/r/{child.slug}/q/on_children_in_care_council")
    assert back_link(child) == f"/r/{child.slug}/q/education_help_ideas"


@pytest.mark.parametrize("key", KEYS)
def test_changing_an_answer_from_the_check_page_returns_to_the_check_page(app, journey, key):
    child = journey(key)
    trail = walk(child, key)
    question = SURVEYS[key].question(next(q for q in trail["visited"] if not SURVEYS[key].question(q).required))
    child.open(f"/r/{child.slug}/q/{question.id}?change=1")
    assert back_link(child) == f"/r/{child.slug}/check"
    response = child.answer(skip=True)
    assert response.location == f"/r/{child.slug}/check"
    child.follow(response.location)
    row = re.search(re.escape(question.text.replace("'", "&#39;")) + r'</dt>\s*<dd class="value">([^<]*)<', child.page)
    assert row and row.group(1) == "Skipped"
    child.send()
    assert stored_responses(app)[0][question.id] == {"skipped": True}


def test_changing_an_earlier_answer_drops_answers_to_questions_now_hidden(app, journey):
    child = journey("priorities-2018")
    trail = walk(child, "priorities-2018", everything, {"care_status": "care_leaver", "living_with": "foster_family"})
    assert {"in_sixth_form_or_college", "feel_part_of_family"} <= set(trail["given"])
    child.open(f"/r/{child.slug}/q/care_status?change=1")
    assert child.answer_and_go("in_care") == "hear_more_in_care"  # a question they can now see, not yet answered
    assert child.answer_and_go("yes") == "check"
    child.open(f"/r/{child.slug}/q/living_with?change=1")
    assert child.answer_and_go("childrens_home") == "check"
    page = unescape(child.page)
    assert "Are you in sixth form or a college?" not in page
    assert "Do you feel part of a family?" not in page
    assert "Are you in the care leavers' participation group?" not in page
    child.send()
    [stored] = stored_responses(app)
    eet = set(SURVEYS["priorities-2018"].section("eet").question_ids)
    assert not eet & set(stored)
    assert "feel_part_of_family" not in stored
    assert stored["care_status"] == {"choices": ["in_care"]}
    assert stored["happy_where_living"] == trail["given"]["happy_where_living"]


def test_changing_an_answer_back_brings_the_kept_answer_back(journey, app):
    """A child who changes their mind twice does not lose what they had answered in between."""
    child = journey("care-leavers")
    walk(child, "care-leavers", everything, {"heard_of_local_offer": "yes"})
    child.open(f"/r/{child.slug}/q/heard_of_local_offer?change=1")
    child.answer_and_go("no")
    assert "Has it helped you?" not in child.page
    child.open(f"/r/{child.slug}/q/heard_of_local_offer?change=1")
    child.answer_and_go("yes")
    assert "Has it helped you?" in child.page
    child.send()
    assert "local_offer_helped" in stored_responses(app)[0]


# -- help straight away -------------------------------------------------------------------------------

TRIGGERS = [
    ("priorities-2018", "feel_safe", "no"),
    ("priorities-2018", "happy_or_sad", "1"),
    ("younger-children", "feel_safe_home", "no"),
    ("younger-children", "feel_most_days", "1"),
    ("care-leavers", "living_now", "no_settled_home"),
    ("care-leavers", "know_mental_health_help", "no"),
]


@pytest.mark.parametrize(("key", "trigger", "value"), TRIGGERS)
def test_a_help_answer_shows_help_at_once_and_is_flagged_once_released(app, journey, release_flags, key, trigger,
                                                                         value):
    child = journey(key)
    trail = walk(child, key, everything, {trigger: value})
    visited = trail["visited"]
    next_id = visited[visited.index(trigger) + 1]
    assert list(trail["help"]) == [trigger]
    assert trail["help"][trigger] == f"/r/{child.slug}/q/{next_id}"
    assert count(app, HeldFlag) == 1  # held the moment it was given...
    assert count(app, SafeguardingFlag) == 0  # ...and released to the lead in a later batch, never with the response
    child.send()
    assert release_flags() == 1
    [flag] = flags(app)
    question = SURVEYS[key].question(trigger)
    assert flag["question_id"] == trigger and flag["reason"] == "trigger_answer"
    assert flag["raised_on"] == dt.date.today()
    assert flag["answer_text"] == f"{question.text} — {question.label_for(value)}"
    with app.app_context():
        response = db.session.scalars(select(SurveyResponse)).one()
        survey_round = db.session.scalars(select(SurveyRound)).one()
    assert flag["round_id"] == survey_round.id
    assert not any("response" in column for column in flag)
    assert response.id not in {str(value) for value in flag.values()}


def test_the_help_page_says_who_to_talk_to_and_how_to_carry_on(journey):
    child = journey("younger-children")
    child.begin()
    child.answer_and_go("2")
    response = child.answer("no")
    assert response.location.startswith("/help/now?")
    child.follow(response.location)
    page = unescape(child.page)
    for words in ("You can get help now", "Childline", "0800 1111", "999", "01632 960100", "Exit this page"):
        assert words in page
    assert child.carry_on_link() == f"/r/{child.slug}/q/grown_ups_look_after_you"


@pytest.mark.parametrize(("key", "text_question"), [
    ("priorities-2018", "what_safe_means"),
    ("younger-children", "grow_up_to_be"),
    ("care-leavers", "anything_else"),
])
def test_worrying_words_show_help_and_flag_the_answer(app, journey, release_flags, key, text_question):
    child = journey(key)
    worry = "Sometimes he HITS  me"
    trail = walk(child, key, everything, {text_question: worry})
    assert list(trail["help"]) == [text_question]
    visited = trail["visited"]
    after = visited[visited.index(text_question) + 1] if text_question != visited[-1] else None
    expected = f"/r/{child.slug}/q/{after}" if after else f"/r/{child.slug}/check"
    assert trail["help"][text_question] == expected
    child.send()
    release_flags()
    [flag] = flags(app)
    assert flag["question_id"] == text_question and flag["reason"] == "worrying_words"
    assert worry in flag["answer_text"]


def test_a_help_answer_changed_from_the_check_page_carries_on_to_the_check_page(journey):
    child = journey("priorities-2018")
    walk(child, "priorities-2018")
    child.open(f"/r/{child.slug}/q/feel_safe?change=1")
    response = child.answer("no")
    child.follow(response.location)
    assert child.carry_on_link() == f"/r/{child.slug}/check"


def test_the_help_page_will_not_carry_on_to_another_site(client):
    page = client.get("/help/now?next=//evil.example/q").get_data(as_text=True)
    assert "evil.example" not in page
    page = client.get("/help/now?next=https://evil.example/").get_data(as_text=True)
    assert "evil.example" not in page


# -- the pages around the questions -----------------------------------------------------------------------

@pytest.mark.parametrize("key", KEYS)
def test_the_start_page_tells_the_child_what_they_need_to_know(client, make_round, key):
    slug = make_round(key)
    response = client.get(f"/r/{slug}")
    assert response.status_code == 200
    page = unescape(response.get_data(as_text=True))
    for words in ("It’s anonymous", "We don’t ask for your name", f"{SURVEYS[key].minutes} minutes",
                  "<strong>Skip</strong> moves on with no answer.",
                  "<strong>“I’d rather not say”</strong> tells us you chose not to answer.",
                  "Who you can talk to", "Childline", "0800 1111", "01632 960100",
                  "Testshire Council", "999", ">Start</button>"):
        assert words in page, words
    # The essentials, then Start; the longer explanations folded in <details> below it.
    start, folded = page.index(">Start</button>"), page.index("<details")
    assert start < folded < page.index("We don’t ask for your name") and start < folded < page.index("Childline")
    assert page.count('<details class="more">') == 3
    assert ("personal adviser" in page) is (key != "younger-children")  # the 2018 (11-25) and care leavers surveys


def test_the_confirmation_page_says_what_happens_next(app, journey):
    child = journey("younger-children")
    walk(child, "younger-children", skip_all)
    response = child.send()
    assert response.location == f"/r/{child.slug}/sent"
    child.open(response.location)
    page = unescape(child.page)
    for words in ("Your answers have been sent", "What happens next", "You said, we did",
                  app.config["REPLY_EXPECTED"], "Childline"):
        assert words in page


def test_the_confirmation_page_is_only_for_someone_who_sent(client, make_round):
    slug = make_round("younger-children")
    response = client.get(f"/r/{slug}/sent")
    assert response.status_code == 302 and response.location == f"/r/{slug}"


def test_an_unknown_round_is_a_friendly_not_found(client):
    response = client.get("/r/no-such-round")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.get_data(as_text=True)


@pytest.mark.parametrize("key", KEYS)
def test_a_closed_round_shows_the_closed_page_everywhere(client, make_round, key):
    slug = make_round(key, status="closed")
    first = SURVEYS[key].questions[0].id
    for url in (f"/r/{slug}", f"/r/{slug}/q/{first}", f"/r/{slug}/check"):
        response = client.get(url)
        assert response.status_code == 410, url
        page = unescape(response.get_data(as_text=True))
        assert "This survey has closed" in page and "Childline" in page


def test_a_round_past_its_closing_date_is_closed(app, client, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        db.session.execute(update(SurveyRound).where(SurveyRound.slug == slug)
                           .values(closes_on=dt.date.today() - dt.timedelta(days=1)))
        db.session.commit()
    assert client.get(f"/r/{slug}").status_code == 410


def test_a_round_that_closes_while_a_child_is_answering_keeps_nothing_new(app, journey):
    child = journey("younger-children")
    child.begin()
    child.answer_and_go("3")
    with app.app_context():
        db.session.execute(update(SurveyRound).where(SurveyRound.slug == child.slug).values(status="closed"))
        db.session.commit()
    response = child.client.post(child.url, data={"csrf_token": child.csrf(), "answer": ["yes"]})
    assert response.status_code == 410
    response = child.client.post(f"/r/{child.slug}/send", data={"csrf_token": child.csrf()})
    assert response.status_code == 410
    assert count(app, SurveyResponse) == 0
    assert draft_of(app, child.client) == {"feel_about_home": {"choices": ["3"]}}


# -- mistakes and tampering -----------------------------------------------------------------------------

def test_continue_without_answering_a_required_question_shows_the_error_summary_and_message(app, journey):
    child = journey("priorities-2018")
    child.begin()
    child.answer(expect_status=400)
    assert re.search(r"<title>Error: ", child.page)
    assert 'class="error-summary"' in child.page and "There is a problem" in child.page
    assert f'<a href="#answer-0">{CHOOSE_REQUIRED}</a>' in child.page
    assert f'<span class="visually-hidden">Error:</span> {CHOOSE_REQUIRED}' in child.page
    assert draft_of(app, child.client) == {}


@pytest.mark.parametrize(("key", "question_id"), [
    ("younger-children", "feel_about_home"),
    ("younger-children", "grow_up_to_be"),
    ("care-leavers", "money_help_wanted"),
])
def test_continue_without_answering_an_optional_question_skips_it_with_no_error(app, journey, key, question_id):
    child = journey(key)
    child.begin()
    child.open(f"/r/{child.slug}/q/{question_id}")
    following = child.answer_and_go()
    assert following != question_id and "There is a problem" not in child.page
    assert draft_of(app, child.client) == {question_id: {"skipped": True}}


def test_rather_not_say_is_kept_as_an_answer_not_a_skip(app, journey):
    child = journey("younger-children")
    assert child.begin() == "feel_about_home"
    child.answer_and_go(RATHER_NOT_SAY)
    assert draft_of(app, child.client) == {"feel_about_home": {"choices": [RATHER_NOT_SAY]}}


def test_a_question_page_without_an_error_has_no_error_title(journey):
    child = journey("younger-children")
    child.begin()
    assert "<title>Error:" not in child.page and "There is a problem" not in child.page


@pytest.mark.parametrize(("key", "question_id", "values"), [
    ("younger-children", "feel_about_home", ["7"]),
    ("younger-children", "feel_about_home", ["1", "3"]),
    ("priorities-2018", "care_status", ["in_care", "care_leaver"]),
    ("care-leavers", "money_help_wanted", ["budgeting", "lottery_win"]),
    ("younger-children", "grow_up_to_be", ["one", "two"]),
])
def test_answers_a_page_could_not_send_are_refused_and_nothing_is_saved(app, journey, key, question_id, values):
    child = journey(key)
    child.begin()
    child.open(f"/r/{child.slug}/q/{question_id}")
    child.answer(*values, expect_status=400)
    assert GLITCH in child.page
    assert draft_of(app, child.client) == {}


def test_an_unknown_question_in_the_address_is_a_friendly_not_found(app, journey):
    child = journey("younger-children")
    child.begin()
    token = child.csrf()
    response = child.open(f"/r/{child.slug}/q/what_is_your_name")
    assert response.status_code == 404
    assert "We couldn’t find that question" in child.page
    response = child.client.post(f"/r/{child.slug}/q/what_is_your_name", data={"csrf_token": token, "answer": "x"})
    assert response.status_code == 404
    assert draft_of(app, child.client) == {}


def test_an_answer_to_a_question_this_child_should_not_see_is_refused(app, journey):
    child = journey("priorities-2018")
    child.begin()
    child.answer_and_go("in_care")
    response = child.client.post(f"/r/{child.slug}/q/in_sixth_form_or_college",
                                 data={"csrf_token": child.csrf(), "answer": "yes"})
    assert response.status_code == 409
    assert "isn’t part of your survey" in response.get_data(as_text=True)
    assert draft_of(app, child.client) == {"care_status": {"choices": ["in_care"]}}
    assert child.client.get(f"/r/{child.slug}/q/in_sixth_form_or_college").status_code == 409


@pytest.mark.parametrize("field", ["input", "textarea"])
def test_text_that_is_too_long_is_refused_and_kept_in_the_box(app, journey, field):
    key, question_id, limit = (("younger-children", "grow_up_to_be", 200) if field == "input"
                               else ("priorities-2018", "what_we_should_do", 2000))
    child = journey(key)
    child.begin()
    if key == "priorities-2018":
        child.answer_and_go("in_care")
    child.open(f"/r/{child.slug}/q/{question_id}")
    before = draft_of(app, child.client)
    words = "<b>My & \"dream\"</b> " + "x" * limit
    child.answer(words, expect_status=400)
    assert "a bit too long" in child.page and f"up to {limit}" in child.page
    escaped = words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    if field == "input":
        assert f'value="{escaped}"' in child.page
    else:
        assert f'spellcheck="true">{escaped}</textarea>' in child.page
    assert "<b>My" not in child.page
    assert draft_of(app, child.client) == before


def test_a_request_that_is_far_too_big_gets_the_friendly_413_page(app, journey):
    child = journey("younger-children")
    child.begin()
    child.open(f"/r/{child.slug}/q/grow_up_to_be")
    response = child.client.post(child.url, data={"csrf_token": child.csrf(), "answer": "a" * 70_000})
    assert response.status_code == 413
    assert "That was too much to send in one go" in response.get_data(as_text=True)
    assert draft_of(app, child.client) == {}


def test_a_post_without_the_csrf_token_is_refused_and_saves_nothing(app, journey):
    child = journey("younger-children")
    child.begin()
    response = child.client.post(child.url, data={"answer": "3"})
    assert response.status_code == 400
    assert "open for a very long time" in response.get_data(as_text=True)
    assert draft_of(app, child.client) == {}
    response = child.client.post(child.url, data={"answer": "3", "csrf_token": "forged"})
    assert response.status_code == 400
    assert draft_of(app, child.client) == {}
    walk(child, "younger-children", skip_all, begun=True)
    assert child.client.post(f"/r/{child.slug}/send", data={}).status_code == 400
    assert count(app, SurveyResponse) == 0


def test_starting_without_the_csrf_token_makes_no_draft(app, client, make_round):
    slug = make_round("younger-children")
    client.get(f"/r/{slug}")
    assert client.post(f"/r/{slug}/start", data={}).status_code == 400
    assert count(app, Draft) == 0


# -- coming back, starting again, sending twice, leaving quickly --------------------------------------------

def test_a_child_who_loses_the_connection_carries_on_where_they_left_off(app, journey):
    child = journey("younger-children")
    child.begin()
    child.answer_and_go("3")
    child.answer_and_go("yes")
    child.answer_and_go(skip=True)
    child.open(f"/r/{child.slug}")
    assert "Carry on where you left off" in child.page and "Start again" in child.page
    assert child.begin() == "seeing_family"
    child.open(f"/r/{child.slug}/q/feel_about_home")
    assert 'value="3" checked' in child.page
    child.open(f"/r/{child.slug}/q/feel_safe_home")
    assert 'value="yes" checked' in child.page


def test_a_child_who_answered_everything_and_comes_back_goes_to_the_check_page(journey):
    child = journey("younger-children")
    walk(child, "younger-children", skip_all)
    child.open(f"/r/{child.slug}")
    response = child.client.post(f"/r/{child.slug}/start", data={"csrf_token": child.csrf()})
    assert response.location == f"/r/{child.slug}/check"


def test_start_again_throws_the_old_answers_away(app, journey):
    child = journey("younger-children")
    child.begin()
    child.answer_and_go("3")
    with child.client.session_transaction() as session:
        old_draft = session["draft"]
    child.open(f"/r/{child.slug}")
    response = child.client.post(f"/r/{child.slug}/start", data={"csrf_token": child.csrf(), "again": "1"})
    assert child.follow(response.location) == "feel_about_home"
    assert "checked" not in child.page
    assert draft_of(app, child.client) == {}
    with app.app_context():
        assert db.session.get(Draft, old_draft) is None
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 1


def test_pressing_send_twice_stores_one_response(app, journey):
    child = journey("younger-children")
    walk(child, "younger-children", skip_all)
    token = child.csrf()
    first = child.client.post(f"/r/{child.slug}/send", data={"csrf_token": token})
    second = child.client.post(f"/r/{child.slug}/send", data={"csrf_token": token})
    assert first.location == f"/r/{child.slug}/sent"
    # The first send forgot the session and its token; the second still lands on the confirmation.
    assert second.status_code == 302 and second.location == f"/r/{child.slug}/sent"
    assert count(app, SurveyResponse) == 1


def test_two_tabs_sharing_one_cookie_store_one_response(app, journey, release_flags):
    child = journey("priorities-2018")
    walk(child, "priorities-2018", everything, {"feel_safe": "no"})
    other_tab = app.test_client()
    other_tab.set_cookie("vic", child.client.get_cookie("vic").value)
    token = child.csrf()
    assert other_tab.get(f"/r/{child.slug}/check").status_code == 200
    first = child.client.post(f"/r/{child.slug}/send", data={"csrf_token": token})
    second = other_tab.post(f"/r/{child.slug}/send", data={"csrf_token": token})
    assert first.status_code == second.status_code == 302
    assert count(app, SurveyResponse) == 1
    release_flags()
    assert count(app, SafeguardingFlag) == 1


def test_after_sending_the_start_page_begins_a_new_survey(app, journey):
    child = journey("younger-children")
    walk(child, "younger-children", skip_all)
    child.send()
    child.open(f"/r/{child.slug}")
    assert "Carry on where you left off" not in child.page
    assert child.client.get(f"/r/{child.slug}/check").location == f"/r/{child.slug}"


def test_quick_exit_forgets_everything_and_leaves_for_a_neutral_site(app, journey):
    child = journey("younger-children")
    child.begin()
    child.answer_and_go("1")
    with child.client.session_transaction() as session:
        draft_id = session["draft"]
    response = child.client.get("/exit")
    assert response.status_code == 302
    assert response.location == app.config["QUICK_EXIT_URL"]
    assert "cookies" in response.headers["Clear-Site-Data"] and "cache" in response.headers["Clear-Site-Data"]
    with child.client.session_transaction() as session:
        assert dict(session) == {}
    with app.app_context():
        assert db.session.get(Draft, draft_id) is None
    child.open(f"/r/{child.slug}")
    assert "Carry on where you left off" not in child.page


def test_quick_exit_works_for_someone_who_has_not_started(client):
    response = client.get("/exit")
    assert response.status_code == 302 and response.headers["Clear-Site-Data"]


def _expire_draft(app, client) -> str:
    with client.session_transaction() as session:
        draft_id = session["draft"]
    with app.app_context():
        db.session.execute(update(Draft).where(Draft.id == draft_id)
                           .values(expires_at=dt.datetime(2000, 1, 1)))
        db.session.commit()
    return draft_id


def test_purge_drafts_deletes_expired_drafts_and_flags_unsent_help_answers(app, journey, runner):
    leaving = journey("priorities-2018")
    leaving.begin()
    leaving.answer_and_go("in_care")
    leaving.answer_and_go("age_12_15")
    leaving.answer_and_go("childrens_home")
    leaving.open(f"/r/{leaving.slug}/q/feel_safe")
    assert leaving.answer("no").location.startswith("/help/now")
    staying = Journey(app.test_client(), leaving.slug)
    staying.begin()
    staying.answer_and_go("in_care")
    expired = _expire_draft(app, leaving.client)

    result = runner.invoke(args=["survey", "purge-drafts"])
    assert result.exit_code == 0, result.output
    assert "1 expired drafts deleted; 0 new responses mixed; 1 flagged answers released" in result.output
    with app.app_context():
        assert db.session.get(Draft, expired) is None
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
    [flag] = flags(app)
    assert flag["question_id"] == "feel_safe" and flag["reason"] == "trigger_answer"
    assert count(app, SurveyResponse) == 0
    assert draft_of(app, staying.client) == {"care_status": {"choices": ["in_care"]}}


def test_an_expired_draft_cannot_be_carried_on_or_sent(app, journey):
    child = journey("younger-children")
    walk(child, "younger-children", skip_all)
    _expire_draft(app, child.client)
    child.open(f"/r/{child.slug}")
    assert "Carry on where you left off" not in child.page
    response = child.client.post(f"/r/{child.slug}/send", data={"csrf_token": child.csrf()})
    assert response.status_code == 410
    assert "Please start the survey again" in response.get_data(as_text=True)
    assert child.client.get(f"/r/{child.slug}/sent").location == f"/r/{child.slug}"
    assert count(app, SurveyResponse) == 0


def test_starting_a_new_survey_never_purges_other_drafts_in_the_childs_request(app, journey, release_flags):
    # Purging runs from the scheduled command only: a child's Start request must not do it (two
    # children starting at once used to purge the same drafts twice and raise every flag twice).
    first = journey("younger-children")
    first.begin()
    first.answer_and_go("1")
    first.answer("no")
    _expire_draft(app, first.client)
    Journey(app.test_client(), first.slug).begin()
    assert count(app, Draft) == 2
    assert count(app, SafeguardingFlag) == 0
    assert release_flags() == 1
    assert [f["question_id"] for f in flags(app)] == ["feel_safe_home"]
