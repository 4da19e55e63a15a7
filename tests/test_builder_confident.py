"""The builder that doesn't fight back (issue 11): the time estimate, the publish page, the preview that
follows conditions with pretend answers, copying questions and sections, and the question bank."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from survey_app.extensions import db
from survey_app.models import Answer, Draft, SurveyResponse
from survey_app.questionnaire.estimate import estimated_minutes, question_seconds
from survey_app.questionnaire.export import export_questionnaire, parse_document
from survey_app.questionnaire.loader import Problem, load_file, load_text
from survey_app.questionnaire.store import shipped_files
from survey_app.questionnaire.worker_problems import for_worker

from .test_builder import (
    PUBLISH,
    add,
    latest_source,
    new_questionnaire,
    post,
    stored_versions,
    version_id,
)

pytestmark = pytest.mark.usefixtures("shipped_questionnaires_only")
SHIPPED = {load_file(path).id: load_file(path) for path in shipped_files()}


@pytest.fixture
def worker(client, make_staff, sign_in):
    email, password = make_staff("worker")
    assert sign_in(email, password).status_code == 302
    return client


def three_question_questionnaire(worker) -> str:
    key = new_questionnaire(worker)
    for text in ("Do you feel safe where you live?", "Do you like your school?", "Do you see your friends?"):
        assert add(worker, key, type="yes_no", text=text, priority="placement").status_code == 302
    return key


# -- the time estimate ----------------------------------------------------------------------------------------
def test_three_short_questions_are_estimated_at_about_three_minutes_not_ten(app, worker):
    loaded = load_text(latest_source(app, three_question_questionnaire(worker)))
    assert loaded.minutes_given is False
    # The documented rule: 60 s for the start and the check, then per question its type's time and its words
    # read at 2 a second: "Do you feel safe where you live?" + Yes/No/Not sure/I'd rather not say is 15 words.
    assert question_seconds(loaded.questions[0]) == 15 + 15 / 2
    assert estimated_minutes(loaded.questions) == loaded.minutes == 3


def test_a_written_answer_takes_longer_than_a_choice_and_the_file_s_own_minutes_win(app, worker):
    key = three_question_questionnaire(worker)
    before = load_text(latest_source(app, key)).minutes
    assert add(worker, key, type="long_text", text="Tell us more", priority="voice").status_code == 302
    assert load_text(latest_source(app, key)).minutes > before
    for loaded in SHIPPED.values():  # every shipped file says its minutes; they are kept, not estimated
        assert loaded.minutes_given and f"minutes: {loaded.minutes}" in export_questionnaire(loaded)
    assert "minutes" not in parse_document(export_questionnaire(load_text(latest_source(app, key))))


def test_the_printed_card_and_the_start_page_use_the_estimate(app, worker, make_round, client):
    key = three_question_questionnaire(worker)
    assert post(worker, f"/staff/questionnaires/{key}/publish", PUBLISH).status_code == 302
    slug = make_round(key)
    card = worker.get(f"/staff/rounds/{slug}/card").get_data(as_text=True)
    assert "It takes about 3 minutes." in card and "10 minutes" not in card
    assert "Tell us what life is like for you." in card
    start = client.get(f"/r/{slug}").get_data(as_text=True)
    assert "About <strong>3 minutes</strong>" in start


# -- publishing is a confirm page -----------------------------------------------------------------------------
def test_the_publish_page_shows_what_will_be_published_and_the_estimate(app, worker):
    key = three_question_questionnaire(worker)
    page = worker.get(f"/staff/questionnaires/{key}").get_data(as_text=True)
    assert f'href="/staff/questionnaires/{key}/publish"' in page and "3 minutes (worked out from the questions)" in page
    page = worker.get(f"/staff/questionnaires/{key}/publish").get_data(as_text=True)
    assert "What will be published" in page
    for text in ("Do you feel safe where you live?", "Do you like your school?", "Do you see your friends?"):
        assert text in page
    assert "About 3 minutes, worked out from the questions" in page
    assert not re.search(r'name="ages_choice" value="keep" checked', page)  # the ages are never chosen for them
    assert stored_versions(app, key) == [(1, "draft")]


@pytest.mark.parametrize("left_out, message", [
    ("ages_choice", "Choose the ages it is for"),
    ("intro", "Write a few words on what it is for"),
])
def test_publishing_needs_the_ages_chosen_and_an_introduction(app, worker, left_out, message):
    key = three_question_questionnaire(worker)
    response = post(worker, f"/staff/questionnaires/{key}/publish", {**PUBLISH, left_out: ""})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert stored_versions(app, key) == [(1, "draft")]


def test_publishing_saves_the_chosen_ages_intro_and_own_time(app, worker):
    key = three_question_questionnaire(worker)
    response = post(worker, f"/staff/questionnaires/{key}/publish",
                    {"intro": "What is life like?", "ages_choice": "other", "ages": "12-15",
                     "minutes_choice": "own", "minutes": "4"}, follow_redirects=True)
    assert "Version 1 is published" in response.get_data(as_text=True)
    loaded = load_text(latest_source(app, key))
    assert (loaded.audience.ages, loaded.intro, loaded.minutes) == ("12-15", "What is life like?", 4)
    assert stored_versions(app, key) == [(1, "published")]


# -- the preview follows conditions ---------------------------------------------------------------------------
def preview_base(app, key: str) -> str:
    return f"/staff/questionnaires/{key}/versions/{version_id(app, key, SHIPPED[key].version)}/preview"


def number_of(key: str, question_id: str) -> int:
    return [q.id for q in SHIPPED[key].questions].index(question_id) + 1


def test_the_preview_walks_to_the_question_an_answer_shows_and_past_one_it_hides(app, worker):
    key = "priorities-2018"
    base = preview_base(app, key)
    worker.get(base)  # opening the preview starts a new walk
    living, before = number_of(key, "living_with"), number_of(key, "feel_part_of_family") - 1
    assert post(worker, f"{base}/{living}", {"answer": "foster_family"}).status_code == 302
    shown_next = post(worker, f"{base}/{before}", {"skip": "1"})
    assert shown_next.location.endswith(f"{base}/{number_of(key, 'feel_part_of_family')}")
    worker.get(base)
    assert post(worker, f"{base}/{living}", {"answer": "own_flat"}).status_code == 302
    hidden_next = post(worker, f"{base}/{before}", {"skip": "1"})
    assert hidden_next.location.endswith(f"{base}/{number_of(key, 'help_to_manage')}")
    page = worker.get(f"{base}/{number_of(key, 'feel_part_of_family')}").get_data(as_text=True)
    assert "a young person would not be shown this question" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 0
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_pretend_answers_show_which_questions_a_young_person_is_shown(app, worker):
    base = preview_base(app, "priorities-2018")
    page = worker.get(base).get_data(as_text=True)
    assert '<select class="text" id="pretend-living_with" name="pretend-living_with">' in page
    assert "<strong>Not shown</strong>: Do you feel part of a family?" in page
    page = worker.get(f"{base}?pretend-living_with=foster_family").get_data(as_text=True)
    assert "<strong>Shown</strong>: Do you feel part of a family?" in page
    assert "<strong>Not shown</strong>: Are we doing enough to help you to manage yourself?" in page
    assert '<option value="foster_family" selected>' in page



def test_redrawing_only_the_pretend_list_keeps_the_phone_frame_s_walk_and_carries_the_counts_to_announce(
        app, worker):
    key = "priorities-2018"
    base = preview_base(app, key)
    worker.get(base)
    living = number_of(key, "living_with")
    assert post(worker, f"{base}/{living}", {"answer": "foster_family"}).status_code == 302
    page = worker.get(f"{base}?pretend-living_with=own_flat",
                      headers={"X-Refresh-Region": "pretend-shown"}).get_data(as_text=True)
    total = len(SHIPPED[key].questions)
    shown = page.count("<strong>Shown</strong>")
    assert 0 < shown < total
    assert f'id="pretend-shown" data-announce="{shown} questions shown, {total - shown} not shown"' in page
    assert 'data-pretend="pretend-shown"' in page and 'role="status" id="pretend-announce"' in page
    kept_answer = 'value="foster_family" checked'
    assert kept_answer in worker.get(f"{base}/{living}").get_data(as_text=True)
    worker.get(base)  # opening the preview (not a redraw) starts a new walk
    assert kept_answer not in worker.get(f"{base}/{living}").get_data(as_text=True)


# -- JavaScript only saves a button press ---------------------------------------------------------------------
def test_the_type_and_condition_selects_redraw_by_themselves_with_the_builder_script_only_on_builder_pages(
        app, worker, make_round, client):
    page = worker.get("/staff/questionnaires/younger-children/sections/home/questions/new").get_data(as_text=True)
    assert 'data-refresh="show_type"' in page and "/static/builder.js" in page
    assert 'name="show_type"' in page  # the button stays for JavaScript off
    assert 'data-refresh-region="type-fields"' in page and 'id="type-fields"' in page  # swapped in place
    assert 'role="status" id="type-announce"' in page
    page = worker.get("/staff/questionnaires/priorities-2018/questions/feel_part_of_family/condition") \
        .get_data(as_text=True)
    assert 'data-refresh="update"' in page and "/static/builder.js" in page
    assert 'data-refresh-region="part-1-answers"' in page and 'id="part-1-answers"' in page
    slug = make_round("younger-children")
    assert "builder.js" not in client.get(f"/r/{slug}").get_data(as_text=True)


# -- copying a question or a section --------------------------------------------------------------------------
def test_a_copied_question_comes_just_after_it_with_a_new_id_and_its_condition(app, worker):
    base = "/staff/questionnaires/priorities-2018"
    response = post(worker, f"{base}/questions/feel_part_of_family/copy")
    assert response.status_code == 302 and response.location.endswith("#question-feel_part_of_family_2")
    loaded = load_text(latest_source(app, "priorities-2018"))
    ids = [q.id for q in loaded.questions]
    assert ids[ids.index("feel_part_of_family") + 1] == "feel_part_of_family_2"
    original, copied = loaded.question("feel_part_of_family"), loaded.question("feel_part_of_family_2")
    assert (copied.text, copied.show_if, copied.section_id) == (original.text, original.show_if, original.section_id)
    assert len(ids) == len(set(ids)) == len(SHIPPED["priorities-2018"].questions) + 1


def test_a_copied_required_question_can_be_skipped_so_the_copy_stays_valid(app, worker):
    assert post(worker, "/staff/questionnaires/priorities-2018/questions/living_with/copy").status_code == 302
    loaded = load_text(latest_source(app, "priorities-2018"))  # raises if the copy broke a rule
    assert loaded.question("living_with").required and not loaded.question("living_with_2").required


def test_a_copied_section_has_new_ids_and_its_own_conditions_point_at_the_copies(app, worker):
    key = "priorities-2018"
    response = post(worker, f"/staff/questionnaires/{key}/sections/placement/copy")
    assert response.status_code == 302
    loaded = load_text(latest_source(app, key))
    section_ids = [section.id for section in loaded.sections]
    copy_section = loaded.sections[section_ids.index("placement") + 1]
    assert copy_section.id == "placement_2" and copy_section.title.endswith("(copy)")
    original = loaded.section("placement")
    assert [f"{qid}_2" for qid in original.question_ids] == list(copy_section.question_ids)
    assert loaded.question("feel_part_of_family_2").show_if.question_id == "living_with_2"
    ids = [q.id for q in loaded.questions]
    assert len(ids) == len(set(ids))


# -- the question bank -----------------------------------------------------------------------------------------
def test_the_bank_lists_the_shipped_questions_by_priority_and_searches_them(worker):
    url = "/staff/questionnaires/younger-children/sections/home/bank"
    page = worker.get(url).get_data(as_text=True)
    total = sum(len(loaded.questions) for loaded in SHIPPED.values())
    assert f"{total} questions</h2>" in page
    assert re.search(r"<legend class=\"label\">[^<]+ \(\d+\)</legend>", page)
    page = worker.get(f"{url}?q=PART+OF+A+FAMILY").get_data(as_text=True)
    assert "Do you feel part of a family?" in page and "Do you feel safe" not in page
    assert 'value="priorities-2018:feel_part_of_family"' in page


def test_picked_bank_questions_are_added_with_unique_ids_and_their_priority_kept_or_chosen(app, worker):
    key = new_questionnaire(worker)
    url = f"/staff/questionnaires/{key}/sections/section_1/bank"
    picks = ["priorities-2018:living_with", "priorities-2018:feel_part_of_family"]
    response = post(worker, url, {"pick": picks})
    assert response.status_code == 302, response.get_data(as_text=True)
    loaded = load_text(latest_source(app, key))
    source = SHIPPED["priorities-2018"]
    assert [q.id for q in loaded.questions] == ["living_with", "feel_part_of_family"]
    assert loaded.question("living_with").options == source.question("living_with").options
    assert loaded.question("feel_part_of_family").priority == source.question("feel_part_of_family").priority
    assert loaded.question("feel_part_of_family").show_if is None and not loaded.question("living_with").required
    assert post(worker, url, {"pick": picks[:1], "priority": "health"}).status_code == 302
    again = load_text(latest_source(app, key)).question("living_with_2")
    assert again.priority == "health" and again.text == source.question("living_with").text


def test_adding_from_the_bank_with_nothing_ticked_says_so(app, worker):
    response = post(worker, "/staff/questionnaires/younger-children/sections/home/bank", {})
    assert response.status_code == 400 and "Tick at least one question to add" in response.get_data(as_text=True)


def test_the_publish_page_of_a_published_version_says_there_is_nothing_to_publish(worker):
    response = worker.get("/staff/questionnaires/younger-children/publish")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "is already published; there are no changes to publish" in page and "<form" not in page.split("<h1>")[1]


def test_a_question_s_problem_names_the_question_by_number_and_words_and_links_to_it():
    document = {"sections": [{"id": "home", "title": "Home", "questions": [
        {"id": "a", "text": "First?"}, {"id": "b", "text": "Second?"}]}]}
    [said] = for_worker([Problem("x v1", 14, "b", "'priority' must be one of: health (got 'nope')")], document)
    assert (said.where, said.anchor, said.question_id) == ("Question 2: “Second?”", "question-b", "b")
    assert said.message == "Choose the strategy priority this question is about."
    [plain] = for_worker([Problem("x v1", 3, None, "'version' must be a whole number, 1 or more")], document)
    assert (plain.where, plain.message) == ("", "'version' must be a whole number, 1 or more")
