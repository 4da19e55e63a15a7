"""The questionnaire builder: pages, rules, versioning, import/export and preview."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Draft, StoredQuestionnaire
from survey_app.questionnaire.editing import slug_id
from survey_app.questionnaire.export import dump, export_questionnaire, parse_document
from survey_app.questionnaire.loader import load_file, load_text
from survey_app.questionnaire.store import shipped_files

from .journey import CSRF

SHIPPED = shipped_files()
VERSION = {loaded.id: loaded.version for loaded in map(load_file, SHIPPED)}  # each shipped file's version


def without_lines(questionnaire):
    """Line numbers say where a question was in its file; everything else must survive a round trip."""
    return dataclasses.replace(
        questionnaire, questions=tuple(dataclasses.replace(q, line=0) for q in questionnaire.questions))


pytestmark = pytest.mark.usefixtures("shipped_questionnaires_only")


@pytest.fixture
def worker(client, make_staff, sign_in):
    email, password = make_staff("worker")
    assert sign_in(email, password).status_code == 302
    return client


def token(client) -> str:
    return CSRF.search(client.get("/staff/questionnaires/new").get_data(as_text=True)).group(1)


def post(client, url: str, data: dict | None = None, **kwargs):
    return client.post(url, data={"csrf_token": token(client), **(data or {})}, **kwargs)


def stored_versions(app, key: str) -> list[tuple[int, str]]:
    with app.app_context():
        return [(row.version, row.status) for row in db.session.scalars(
            select(StoredQuestionnaire).filter_by(key=key).order_by(StoredQuestionnaire.version))]


def latest_source(app, key: str) -> str:
    with app.app_context():
        return db.session.scalars(select(StoredQuestionnaire).filter_by(key=key)
                                  .order_by(StoredQuestionnaire.version.desc())).first().source


def version_id(app, key: str, version: int) -> int:
    with app.app_context():
        return db.session.scalar(select(StoredQuestionnaire.id).filter_by(key=key, version=version))


def question(**fields) -> dict:
    data = {"type": "yes_no", "shown_type": fields.get("type", "yes_no"), "priority": "voice", "text": "", "save": "1"}
    data.update(fields)
    data.setdefault("shown_type", data["type"])
    return data


def new_questionnaire(client, key="summer-2025", title="Summer survey", keep_example=False):
    """A new questionnaire; without its example question (so its one section is empty) unless kept."""
    response = post(client, "/staff/questionnaires/new", {"key": key, "title": title})
    assert response.status_code == 302, response.get_data(as_text=True)
    if not keep_example:
        assert post(client, f"/staff/questionnaires/{key}/questions/example_question/delete").status_code == 302
    return key


# What the publish page asks for: the introduction, the ages (kept as they are) and the time (the estimate).
PUBLISH = {"intro": "Tell us what life is like for you.", "ages_choice": "keep", "minutes_choice": "estimate"}


def add(client, key: str, section: str = "section_1", **fields):
    return post(client, f"/staff/questionnaires/{key}/sections/{section}/questions/new", question(**fields))


# -- export and import ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_it_exports_every_shipped_questionnaire_losslessly(path):
    first = load_file(path)
    exported = export_questionnaire(first)
    again = load_text(exported, "exported")
    assert without_lines(again) == without_lines(first)
    assert export_questionnaire(again) == exported  # byte for byte


def test_it_quotes_words_that_yaml_would_misread_and_keeps_every_character():
    awkward = {
        "id": "awkward", "version": 3, "title": "no", "audience": {"ages": "8-11", "groups": ["in_care"]},
        "minutes": 5, "intro": "Line one: with a colon\nLine two # not a comment\n\nLine four “quoted” ’s",
        "sections": [{"id": "s", "title": "1", "questions": [
            {"id": "a", "type": "single", "text": "- starts with a dash?", "hint": "tab\there \"and\" back\\slash",
             "priority": "voice", "required": True,
             "options": [{"value": "yes", "label": "Yes, please"}, {"value": "b", "label": "[brackets] {and}: x"},
                         {"value": "c", "label": "true"}]},
            {"id": "b", "type": "smiley3", "text": "@home: ok?", "priority": "health",
             "labels": ["null", "0.5", "Émoji 🙂"], "show_if": {"question": "a", "is": ["yes", "c"]}, "help_if": ["1"]},
            {"id": "c", "type": "short_text", "text": "Say more", "priority": "voice", "max_length": 300,
             "show_if": {"any": [{"question": "a", "answered": True}, {"question": "b", "is_not": ["2"]}]}},
        ]}],
    }
    exported = dump(awkward)
    loaded = load_text(exported, "awkward")
    assert loaded.title == "no" and loaded.sections[0].title == "1"
    assert loaded.intro == awkward["intro"]
    assert loaded.question("a").hint == awkward["sections"][0]["questions"][0]["hint"]
    assert [o.label for o in loaded.question("a").options][:3] == ["Yes, please", "[brackets] {and}: x", "true"]
    assert [o.label for o in loaded.question("b").options][:3] == ["null", "0.5", "Émoji 🙂"]
    assert export_questionnaire(loaded) == exported
    assert parse_document(exported)["sections"][0]["questions"][1]["labels"] == ["null", "0.5", "Émoji 🙂"]


def test_it_makes_question_ids_from_the_words_unique_and_never_identifying():
    assert slug_id("How do you feel about school?", set()) == "how_do_you_feel_about_school"
    assert slug_id("How do you feel about school?", {"how_do_you_feel_about_school"}) == \
        "how_do_you_feel_about_school_2"
    assert slug_id("2 things you like", set()) == "q_2_things_you_like"
    assert slug_id("Name", set()) == "question"
    assert len(slug_id("word " * 40, set())) <= 40


def test_it_exports_a_stored_version_as_a_download(app, worker):
    version = VERSION["care-leavers"]
    response = worker.get(f"/staff/questionnaires/care-leavers/versions/{version_id(app, 'care-leavers', version)}"
                          "/export")
    assert response.status_code == 200
    assert f'filename="care-leavers-v{version}.yaml"' in response.headers["Content-Disposition"]
    assert response.get_data(as_text=True) == export_questionnaire(load_file(SHIPPED[0]))


def test_it_imports_a_file_and_lists_every_problem_with_its_line(app, worker):
    bad = ("id: imported\nversion: 1\ntitle: Imported\nsections:\n  - id: s\n    title: S\n    questions:\n"
           "      - id: a\n        type: yes_no\n        text: Do you like it?\n        priority: nowhere\n"
           "      - id: b\n        type: date_of_birth\n        text: When is your birthday?\n"
           "        priority: voice\n")
    response = post(worker, "/staff/questionnaires/import", {"text": bad})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The file has 2 problems; nothing was imported" in page
    assert "Line 11 (question <code>a</code>): &#39;priority&#39; must be one of" in page
    assert "Line 12 (question <code>b</code>): this asks for a date of birth" in page
    assert stored_versions(app, "imported") == []


def test_it_imports_a_good_file_as_a_draft_and_as_the_next_version_of_a_known_key(app, worker):
    source = SHIPPED[-1].read_text(encoding="utf-8").replace("id: younger-children", "id: from-a-file")
    response = post(worker, "/staff/questionnaires/import", {"text": source})
    assert response.status_code == 302 and response.location.endswith("/staff/questionnaires/from-a-file")
    assert stored_versions(app, "from-a-file") == [(1, "draft")]
    assert without_lines(load_text(latest_source(app, "from-a-file"))) == \
        dataclasses.replace(without_lines(load_file(SHIPPED[-1])), id="from-a-file")
    from io import BytesIO
    upload = (BytesIO(SHIPPED[-1].read_bytes()), "younger-children.yaml")
    make_round_version = post(worker, "/staff/questionnaires/import", {"file": upload},
                              content_type="multipart/form-data")
    assert make_round_version.status_code == 302
    assert stored_versions(app, "younger-children") == [(1, "draft")]  # no round used v1: edited in place


# -- list, new, duplicate -----------------------------------------------------------------------------------------
def test_it_lists_each_questionnaire_with_its_key_versions_and_status(worker):
    page = worker.get("/staff/questionnaires").get_data(as_text=True)
    for title, key in (("Your life after care", "care-leavers"), ("Your life, your say", "younger-children")):
        assert title in page and f"<code>{key}</code>" in page
    for key, version in VERSION.items():
        assert re.search(rf"<code>{key}</code>.*?Published \(version {version}\)", page, re.DOTALL)


def test_a_new_questionnaire_starts_valid_with_one_section_and_an_example_question(app, worker):
    key = new_questionnaire(worker, keep_example=True)
    assert stored_versions(app, key) == [(1, "draft")]
    loaded = load_text(latest_source(app, key))
    assert [section.id for section in loaded.sections] == ["section_1"]
    assert [q.id for q in loaded.questions] == ["example_question"]
    page = worker.get(f"/staff/questionnaires/{key}").get_data(as_text=True)
    assert "problem" not in page.lower().split("<h1>")[0]
    assert "Example question: do you like where you live?" in page


def test_a_problem_is_said_in_the_workers_words_and_links_to_its_section_never_a_file_line(app, worker):
    key = new_questionnaire(worker)
    page = worker.get(f"/staff/questionnaires/{key}").get_data(as_text=True)
    assert "Version 1 has 1 problem" in page
    assert '<a href="#section-section_1">Section “Section 1”</a>: This section has no questions yet' in page
    assert 'id="section-section_1"' in page
    assert not re.search(r"Line \d+", page) and "needs a list of questions" not in page


@pytest.mark.parametrize("key, message", [
    ("Summer 2025", "The key must be lowercase letters"),
    ("care-leavers", "There is already a questionnaire with the key"),
])
def test_a_bad_or_taken_key_is_refused(worker, key, message):
    response = post(worker, "/staff/questionnaires/new", {"key": key, "title": "A title"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_duplicating_makes_version_1_of_a_new_key_with_the_same_question_ids(app, worker):
    response = post(worker, "/staff/questionnaires/care-leavers/duplicate", {"key": "care-leavers-copy", "title": ""})
    assert response.status_code == 302
    copy = load_text(latest_source(app, "care-leavers-copy"))
    original = load_file(SHIPPED[0])
    assert copy.version == 1 and copy.title == original.title
    assert [q.id for q in copy.questions] == [q.id for q in original.questions]
    assert post(worker, "/staff/questionnaires/care-leavers/duplicate",
                {"key": "care-leavers-copy"}).status_code == 400


# -- editing -----------------------------------------------------------------------------------------------------
def test_a_worker_adds_questions_of_every_type_and_publishes(app, worker):
    key = new_questionnaire(worker)
    cases = [
        {"type": "yes_no", "text": "Do you feel safe at home?", "priority": "placement", "help_if": "no"},
        {"type": "smiley3", "text": "How is school?", "priority": "education",
         "label_1": "Bad", "label_2": "OK", "label_3": "Great"},
        {"type": "smiley5", "text": "How do you feel most days?", "priority": "health", "help_if": "1"},
        {"type": "single", "text": "Where do you live?", "priority": "placement",
         "option_label_1": "With a foster family", "option_value_1": "foster",
         "option_label_2": "In a children's home", "option_label_3": ""},
        {"type": "multiple", "text": "What helps you?", "priority": "health", "hint": "Tick all that apply",
         "option_label_1": "Friends", "option_label_2": "Sport"},
        {"type": "short_text", "text": "What would you like to be?", "priority": "eet", "max_length": "150"},
        {"type": "long_text", "text": "Anything else?", "priority": "voice"},
    ]
    for case in cases:
        response = add(worker, key, **case)
        assert response.status_code == 302, response.get_data(as_text=True)
    loaded = load_text(latest_source(app, key))
    assert [q.type for q in loaded.questions] == [case["type"] for case in cases]
    assert loaded.question("do_you_feel_safe_at_home").help_if == ("no",)
    assert [o.label for o in loaded.question("how_is_school").options] == ["Bad", "OK", "Great", "I'd rather not say"]
    assert [o.value for o in loaded.question("where_do_you_live").options] == ["foster", "in_a_childrens_home",
                                                                               "rather_not_say"]
    assert loaded.question("what_would_you_like_to_be").max_length == 150
    assert loaded.question("anything_else").max_length == 2000
    assert loaded.question("how_do_you_feel_most_days").help_if == ("1",)

    response = post(worker, f"/staff/questionnaires/{key}/publish", PUBLISH, follow_redirects=True)
    assert "Version 1 is published" in response.get_data(as_text=True)
    assert stored_versions(app, key) == [(1, "published")]


def test_a_question_asking_who_the_child_is_is_refused_with_the_reason(app, worker):
    key = new_questionnaire(worker)
    for fields in ({"type": "short_text", "text": "What is your name?"},
                   {"type": "short_text", "text": "Which school do you go to?"},
                   {"type": "short_text", "text": "Your favourite thing", "question_id": "postcode"}):
        response = add(worker, key, **fields)
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert 'class="error-summary"' in page and "Surveys are anonymous" in page
        assert "This question would ask for" in page
    assert "questions: []" in latest_source(app, key)


def test_a_question_id_used_twice_is_refused(app, worker):
    key = new_questionnaire(worker)
    assert add(worker, key, text="Do you like it?", question_id="like_it").status_code == 302
    response = add(worker, key, text="Do you love it?", question_id="like_it")
    assert response.status_code == 400
    assert "The question id &#39;like_it&#39; is already used" in response.get_data(as_text=True)
    assert add(worker, key, text="Do you like it?").status_code == 302  # made from words, made unique
    assert [q.id for q in load_text(latest_source(app, key)).questions] == ["like_it", "do_you_like_it"]


def test_missing_words_priority_or_options_are_shown_against_the_field(worker):
    key = new_questionnaire(worker)
    assert "Enter the question" in add(worker, key, text="").get_data(as_text=True)
    assert "Choose the strategy priority" in add(worker, key, text="Ok?", priority="").get_data(as_text=True)
    page = add(worker, key, type="single", text="Pick one", option_label_1="Only one").get_data(as_text=True)
    assert "Give at least two options" in page and 'href="#options"' in page
    page = add(worker, key, type="short_text", text="Say", max_length="lots").get_data(as_text=True)
    assert "Enter the longest answer as a number" in page


def test_changing_the_type_shows_its_fields_without_saving(app, worker):
    url = "/staff/questionnaires/younger-children/questions/feel_safe_home"
    page = worker.get(url).get_data(as_text=True)
    assert 'name="option_label_1"' not in page
    before = latest_source(app, "younger-children")
    response = post(worker, url, {**question(type="single", text="Do you feel safe?"), "shown_type": "yes_no"})
    assert response.status_code == 200
    assert 'name="option_label_1"' in response.get_data(as_text=True)
    assert latest_source(app, "younger-children") == before


def test_editing_the_words_keeps_the_question_id(app, worker):
    url = "/staff/questionnaires/younger-children/questions/feel_about_home"
    page = worker.get(url).get_data(as_text=True)
    assert "feel_about_home" in page and 'name="question_id"' not in page
    response = post(worker, url, question(type="smiley3", text="How do you feel about your home?", priority="placement",
                                          label_1="Not good", label_2="OK", label_3="Good"))
    assert response.status_code == 302
    loaded = load_text(latest_source(app, "younger-children"))
    assert loaded.question("feel_about_home").text == "How do you feel about your home?"
    assert [q.id for q in loaded.questions] == [q.id for q in load_file(SHIPPED[-1]).questions]
    assert "labels" not in parse_document(latest_source(app, "younger-children"))["sections"][0]["questions"][0]


def test_questions_and_sections_move_up_and_down_without_javascript(app, worker):
    base = "/staff/questionnaires/younger-children"
    assert post(worker, f"{base}/questions/feel_safe_home/move", {"direction": "up"}).status_code == 302
    ids = [q.id for q in load_text(latest_source(app, "younger-children")).questions]
    assert ids[:2] == ["feel_safe_home", "feel_about_home"]
    post(worker, f"{base}/questions/seeing_family/move", {"direction": "down"})  # into the next section
    loaded = load_text(latest_source(app, "younger-children"))
    assert loaded.sections[1].question_ids[0] == "seeing_family"
    post(worker, f"{base}/sections/feelings/move", {"direction": "up"})
    assert [s.id for s in load_text(latest_source(app, "younger-children")).sections][:2] == ["feelings", "home"]
    page = worker.get(base).get_data(as_text=True)
    assert page.count('name="direction" value="up"') == 5 + 14


def test_a_move_that_would_put_a_question_before_the_answer_it_depends_on_is_refused(app, worker):
    base = "/staff/questionnaires/priorities-2018"
    before = latest_source(app, "priorities-2018")
    response = post(worker, f"{base}/questions/college_enough_help/move", {"direction": "up"},
                    follow_redirects=True)
    assert "A condition can only look at earlier questions, so it was not moved" in response.get_data(as_text=True)
    assert latest_source(app, "priorities-2018") == before  # nothing kept, not even a draft
    assert stored_versions(app, "priorities-2018") == [(VERSION["priorities-2018"], "published")]


def test_sections_are_added_renamed_and_deleted_only_when_empty(app, worker):
    key = new_questionnaire(worker)
    assert post(worker, f"/staff/questionnaires/{key}/sections", {"title": "Your health"}).status_code == 302
    assert post(worker, f"/staff/questionnaires/{key}/sections/your_health",
                {"title": "Health and feelings", "intro": "About how you feel."}).status_code == 302
    document = parse_document(latest_source(app, key))
    assert document["sections"][1] == {"id": "your_health", "title": "Health and feelings",
                                       "intro": "About how you feel.", "questions": []}
    add(worker, key, section="your_health", text="Do you feel well?", priority="health")
    page = worker.get(f"/staff/questionnaires/{key}/sections/your_health/delete").get_data(as_text=True)
    assert "Only an empty section can be deleted" in page
    assert post(worker, f"/staff/questionnaires/{key}/sections/section_1/delete").status_code == 302
    assert [s["id"] for s in parse_document(latest_source(app, key))["sections"]] == ["your_health"]


def test_a_question_others_depend_on_cannot_be_deleted_but_others_can(app, worker):
    base = "/staff/questionnaires/priorities-2018"
    page = worker.get(f"{base}/questions/living_with/delete").get_data(as_text=True)
    assert "Remove those conditions first" in page and "feel_part_of_family" in page
    response = post(worker, f"{base}/questions/living_with/delete", follow_redirects=True)
    assert "Remove those conditions first" in response.get_data(as_text=True)
    assert post(worker, f"{base}/questions/feel_part_of_family/delete").status_code == 302
    assert not load_text(latest_source(app, "priorities-2018")).has_question("feel_part_of_family")


def test_the_details_are_changed_and_mistakes_are_explained(app, worker):
    url = "/staff/questionnaires/younger-children/details"
    page = worker.get(url).get_data(as_text=True)
    assert 'value="Your life, your say"' in page
    response = post(worker, url, {"title": "New title", "ages": "8-12", "groups": ["in_care"], "minutes": "lots"})
    assert response.status_code == 400 and 'href="#minutes"' in response.get_data(as_text=True)
    response = post(worker, url, {"title": "New title", "intro": "Hello.", "ages": "8-12",
                                  "groups": ["in_care", "care_leaver"], "minutes": "7"})
    assert response.status_code == 302
    loaded = load_text(latest_source(app, "younger-children"))
    assert (loaded.title, loaded.intro, loaded.audience.ages, loaded.minutes) == ("New title", "Hello.", "8-12", 7)
    assert loaded.audience.groups == ("in_care", "care_leaver")


# -- conditions and safeguarding --------------------------------------------------------------------------------
def part(number: int, question: str, kind: str | None = None, values: list[str] | None = None) -> dict:
    """The condition form's fields for one part."""
    data: dict = {f"part-{number}-question": question}
    if kind is not None:
        data[f"part-{number}-kind"] = kind
    if values is not None:
        data[f"part-{number}-values"] = values
    return data


CONDITION_URL = "/staff/questionnaires/younger-children/questions/seeing_family/condition"


def test_a_condition_is_chosen_from_earlier_questions_and_their_answers(app, worker):
    url = CONDITION_URL
    page = worker.get(url).get_data(as_text=True)
    options = re.findall(r'<option value="([a-z_]+)"', page)
    assert options == ["feel_about_home", "feel_safe_home", "grown_ups_look_after_you"]  # earlier ones only
    page = post(worker, url, {**part(1, "feel_safe_home"), "update": "1"}).get_data(as_text=True)
    assert 'value="not_sure"' in page and 'value="rather_not_say"' in page
    response = post(worker, url, part(1, "feel_safe_home", "is", ["yes", "not_sure"]))
    assert response.status_code == 302
    loaded = load_text(latest_source(app, "younger-children"))
    condition = loaded.question("seeing_family").show_if
    assert (condition.kind, condition.question_id, condition.values) == ("is", "feel_safe_home", ("yes", "not_sure"))
    page = worker.get("/staff/questionnaires/younger-children").get_data(as_text=True)
    assert "Only shown when “Do you feel safe where you live?” is “Yes” or “Not sure”." in page

    assert post(worker, url, part(1, "feel_safe_home", "answered")).status_code == 302
    assert load_text(latest_source(app, "younger-children")).question("seeing_family").show_if.kind == "answered"
    assert post(worker, url, {"remove": "1"}).status_code == 302
    assert load_text(latest_source(app, "younger-children")).question("seeing_family").show_if is None


def test_a_worker_builds_a_condition_of_several_parts_without_javascript(app, worker):
    url = CONDITION_URL
    page = post(worker, url, {**part(1, "feel_safe_home", "is", ["yes"]), "add_part": "1"}).get_data(as_text=True)
    assert 'name="part-2-question"' in page and "Remove part 2" in page
    assert 'id="part-1-kind-is" name="part-1-kind" type="radio" value="is" checked' in page  # nothing lost
    assert 'name="join"' in page
    data = {**part(1, "feel_safe_home", "is", ["yes"]), **part(2, "feel_about_home", "is_not", ["1"]),
            "join": "any"}
    assert post(worker, url, data).status_code == 302
    condition = load_text(latest_source(app, "younger-children")).question("seeing_family").show_if
    assert condition.kind == "any"
    assert [(p.kind, p.question_id, p.values) for p in condition.parts] == [
        ("is", "feel_safe_home", ("yes",)), ("is_not", "feel_about_home", ("1",))]
    page = worker.get("/staff/questionnaires/younger-children").get_data(as_text=True)
    assert "“Do you feel safe where you live?” is “Yes”) or (" in page

    # Editing shows both parts as stored; change the join and add a third part.
    page = worker.get(url).get_data(as_text=True)
    assert 'id="join-any" name="join" type="radio" value="any" checked' in page
    assert re.search(r'name="part-2-question".*?<option value="feel_about_home" selected>', page, re.S)
    data |= {"join": "all", **part(3, "grown_ups_look_after_you", "answered")}
    assert post(worker, url, data).status_code == 302
    condition = load_text(latest_source(app, "younger-children")).question("seeing_family").show_if
    assert condition.kind == "all" and len(condition.parts) == 3

    # Remove a part (the form is redrawn, nothing saved), then save with two parts left.
    page = post(worker, url, {**data, "remove_part": "2"}).get_data(as_text=True)
    assert 'name="part-3-question"' not in page and "grown_ups_look_after_you\" selected" in page
    assert len(load_text(latest_source(app, "younger-children")).question("seeing_family").show_if.parts) == 3
    del data["part-2-question"], data["part-2-kind"], data["part-2-values"]
    assert post(worker, url, data).status_code == 302
    condition = load_text(latest_source(app, "younger-children")).question("seeing_family").show_if
    assert [p.question_id for p in condition.parts] == ["feel_safe_home", "grown_ups_look_after_you"]

    # Down to one part: a plain condition again.
    assert post(worker, url, part(1, "feel_safe_home", "is", ["no"])).status_code == 302
    condition = load_text(latest_source(app, "younger-children")).question("seeing_family").show_if
    assert (condition.kind, condition.values) == ("is", ("no",))


@pytest.mark.parametrize("data, message", [
    ({**part(1, "feel_safe_home", "is", ["yes"]), **part(2, "feel_most_days", "is", ["1"]), "join": "all"},
     "Part 2: Choose a question that comes earlier"),
    ({**part(1, "feel_safe_home", "is", ["yes"]), **part(2, "feel_about_home", "is", ["maybe"]), "join": "any"},
     "Part 2: &#39;feel_about_home&#39; has no answer &#39;maybe&#39;"),
    ({**part(1, "feel_safe_home", "is", ["yes"]), **part(2, "feel_about_home", "is", ["1"]), "join": "either"},
     "Choose whether all of these parts or any of them must be true"),
    ({**part(1, "feel_safe_home", "is", ["yes"]), **part(2, "", "is", ["1"]), "join": "all"},
     "Part 2: Choose a question that comes earlier"),
])
def test_a_wrong_part_of_a_compound_condition_gets_a_clear_message_and_nothing_changes(app, worker, data, message):
    response = post(worker, CONDITION_URL, data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'name="part-2-question"' in page  # the parts typed are still there
    assert stored_versions(app, "younger-children") == [(1, "published")]


def test_a_condition_with_groups_inside_groups_is_shown_and_can_be_replaced(app, worker):
    source = latest_source(app, "younger-children").replace(
        "      - id: seeing_family\n",
        "      - id: seeing_family\n        show_if:\n          any:\n"
        "            - {question: feel_safe_home, is: [\"no\"]}\n"
        "            - all:\n                - {question: feel_about_home, is: [\"1\"]}\n"
        "                - {question: grown_ups_look_after_you, answered: true}\n", 1)
    assert load_text(source).question("seeing_family").show_if.kind == "any"
    token = CSRF.search(worker.get("/staff/questionnaires/import").get_data(as_text=True)).group(1)
    assert worker.post("/staff/questionnaires/import", data={"csrf_token": token, "text": source}).status_code == 302
    page = worker.get(CONDITION_URL).get_data(as_text=True)
    assert "groups inside groups" in page and "Always show it" in page
    assert "“Do you feel safe where you live?” is “No”" in page
    assert post(worker, CONDITION_URL, part(1, "feel_safe_home", "answered")).status_code == 302
    assert load_text(latest_source(app, "younger-children")).question("seeing_family").show_if.kind == "answered"


@pytest.mark.parametrize("data, message", [
    (part(1, "feel_most_days", "is", ["1"]), "Choose a question that comes earlier"),
    (part(1, "seeing_family", "is", ["1"]), "Choose a question that comes earlier"),
    (part(1, "feel_safe_home", "is", ["maybe"]), "has no answer &#39;maybe&#39;"),
    (part(1, "feel_safe_home", "is"), "Choose at least one answer"),
    (part(1, "feel_safe_home", "equals", ["yes"]), "Choose how the answer is tested"),
])
def test_an_invalid_condition_is_refused_and_nothing_changes(app, worker, data, message):
    url = CONDITION_URL
    response = post(worker, url, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert stored_versions(app, "younger-children") == [(1, "published")]
    assert post(worker, url, {**part(1, "feel_most_days"), "update": "1"}).status_code == 400


def test_a_written_answer_can_only_be_tested_for_being_answered(app, worker):
    url = "/staff/questionnaires/younger-children/questions/know_social_worker/condition"
    response = post(worker, url, part(1, "grow_up_to_be", "is", ["x"]))
    assert "A written answer can only be tested for being answered" in response.get_data(as_text=True)
    assert post(worker, url, part(1, "grow_up_to_be", "answered")).status_code == 302


def test_a_section_can_be_shown_only_after_some_answers(app, worker):
    url = "/staff/questionnaires/younger-children/sections/school/condition"
    assert post(worker, url, part(1, "feel_most_days", "is_not", ["1"])).status_code == 302
    assert load_text(latest_source(app, "younger-children")).section("school").show_if.kind == "is_not"
    data = {**part(1, "feel_most_days", "is_not", ["1"]), **part(2, "feel_safe_home", "is", ["yes"]), "join": "any"}
    assert post(worker, url, data).status_code == 302
    assert load_text(latest_source(app, "younger-children")).section("school").show_if.kind == "any"


def test_safeguarding_triggers_are_the_ticked_answers(app, worker):
    url = "/staff/questionnaires/younger-children/questions/feel_about_home"
    page = worker.get(url).get_data(as_text=True)
    assert "show the help page at once when the answer is" in page
    post(worker, url, question(type="smiley3", text="How do you feel about where you live?", priority="placement",
                               label_1="Not good", label_2="OK", label_3="Good", help_if=["1", "2"]))
    assert load_text(latest_source(app, "younger-children")).question("feel_about_home").help_if == ("1", "2")


# -- publishing and versions --------------------------------------------------------------------------------------
def test_publishing_a_draft_with_problems_is_refused(app, worker):
    key = new_questionnaire(worker)
    response = post(worker, f"/staff/questionnaires/{key}/publish", PUBLISH, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "It cannot be published yet" in page and "This section has no questions yet" in page
    assert worker.get(f"/staff/questionnaires/{key}/publish").get_data(as_text=True).count("Publish version 1<") == 1
    assert stored_versions(app, key) == [(1, "draft")]


def test_editing_a_version_a_round_has_used_makes_a_new_version_and_keeps_ids(app, worker, make_round):
    make_round("younger-children")
    page = worker.get("/staff/questionnaires/younger-children").get_data(as_text=True)
    assert "Your next change makes version 2" in page
    v1_source = latest_source(app, "younger-children")
    post(worker, "/staff/questionnaires/younger-children/questions/feel_safe_home",
         question(type="yes_no", text="Do you feel safe in your home?", priority="placement", help_if="no"))
    assert stored_versions(app, "younger-children") == [(1, "published"), (2, "draft")]
    with app.app_context():
        assert db.session.scalar(select(StoredQuestionnaire.source).filter_by(key="younger-children", version=1)) \
            == v1_source
    v2 = load_text(latest_source(app, "younger-children"))
    assert v2.version == 2
    assert [q.id for q in v2.questions] == [q.id for q in load_text(v1_source).questions]
    # More edits go into the same draft; a new question gets a new id.
    add(worker, "younger-children", section="home", text="Do you feel safe where you live?", priority="placement")
    assert stored_versions(app, "younger-children") == [(1, "published"), (2, "draft")]
    assert load_text(latest_source(app, "younger-children")).sections[0].question_ids[-1] == \
        "do_you_feel_safe_where_you_live"
    # A round can only use a published version: v2 once published.
    assert make_round("younger-children") and post(worker, "/staff/questionnaires/younger-children/publish", PUBLISH)
    assert stored_versions(app, "younger-children") == [(1, "published"), (2, "published")]


def test_editing_a_published_version_no_round_has_used_edits_it_as_a_draft(app, worker):
    post(worker, "/staff/questionnaires/care-leavers/sections", {"title": "Anything else"})
    assert stored_versions(app, "care-leavers") == [(VERSION["care-leavers"], "draft")]


# -- preview ------------------------------------------------------------------------------------------------------
def test_the_preview_shows_each_question_as_a_young_person_sees_it_and_saves_nothing(app, worker):
    vid = version_id(app, "younger-children", 1)
    base = f"/staff/questionnaires/younger-children/versions/{vid}/preview"
    page = worker.get(base).get_data(as_text=True)
    assert f'<iframe class="phone-frame" src="{base}/1" width="375"' in page
    total = len(load_file(SHIPPED[-1]).questions)
    first = worker.get(f"{base}/1").get_data(as_text=True)
    assert f'<progress id="progress" max="{total}" value="1">' in first
    assert "Where you live · </span>Question 1 of 4" in first and "How do you feel about where you live?" in first
    assert 'class="face"' in first and "I&#39;d rather not say" in first and "Skip this question" in first
    response = post(worker, f"{base}/1", {"answer": "1"})
    assert response.status_code == 302 and response.location.endswith(f"{base}/2")
    assert "End of the preview" in worker.get(f"{base}/{total + 1}").get_data(as_text=True)
    assert worker.get(f"{base}/{total + 2}").status_code == 404
    with app.app_context():
        assert db.session.query(Draft).count() == 0


def test_the_preview_says_when_a_conditional_question_is_shown(app, worker):
    vid = version_id(app, "priorities-2018", VERSION["priorities-2018"])
    loaded = load_file(SHIPPED[1])
    number = [q.id for q in loaded.questions].index("feel_part_of_family") + 1
    page = worker.get(f"/staff/questionnaires/priorities-2018/versions/{vid}/preview/{number}").get_data(as_text=True)
    assert "Only shown when “Where do you live?” is “With a foster family”." in page


def test_a_draft_with_problems_cannot_be_previewed_and_says_why(app, worker):
    key = new_questionnaire(worker)
    page = worker.get(f"/staff/questionnaires/{key}/versions/{version_id(app, key, 1)}/preview").get_data(as_text=True)
    assert "cannot be shown yet" in page and "This section has no questions yet" in page


# -- the audit log ------------------------------------------------------------------------------------------------
def test_every_builder_edit_and_every_export_is_in_the_audit_log(app, client, make_staff, sign_in):
    email, password = make_staff("admin", "worker")
    sign_in(email, password)
    key = new_questionnaire(client)
    base = f"/staff/questionnaires/{key}"
    assert post(client, f"{base}/details", {"title": "Summer", "ages": "8-11", "groups": ["in_care"],
                                            "minutes": "5"}).status_code == 302
    assert post(client, f"{base}/sections", {"title": "Home"}).status_code == 302
    assert post(client, f"{base}/sections/home", {"title": "At home"}).status_code == 302
    assert post(client, f"{base}/sections/home/move", {"direction": "up"}).status_code == 302
    assert add(client, key, "section_1", type="yes_no", text="Do you feel safe?", priority="placement",
               help_if="no").status_code == 302
    assert add(client, key, "section_1", type="long_text", text="Tell us more", priority="voice").status_code == 302
    assert post(client, f"{base}/questions/tell_us_more", question(type="long_text", text="Tell us more, please",
                                                                    priority="voice")).status_code == 302
    assert post(client, f"{base}/questions/tell_us_more/move", {"direction": "up"}).status_code == 302
    assert post(client, f"{base}/questions/tell_us_more/move", {"direction": "down"}).status_code == 302
    assert post(client, f"{base}/questions/tell_us_more/condition",
                part(1, "do_you_feel_safe", "is", ["no"])).status_code == 302
    assert post(client, f"{base}/questions/tell_us_more/condition", {"remove": "1"}).status_code == 302
    assert post(client, f"{base}/questions/tell_us_more/delete").status_code == 302
    assert post(client, f"{base}/sections/section_1/move", {"direction": "up"}).status_code == 302
    assert post(client, f"{base}/sections/home/delete").status_code == 302
    assert post(client, f"{base}/publish", PUBLISH).status_code == 302
    assert post(client, f"{base}/duplicate", {"key": "summer-copy", "title": ""}).status_code == 302
    assert client.get(f"{base}/versions/{version_id(app, key, 1)}/export").status_code == 200

    page = client.get("/staff/audit").get_data(as_text=True)
    for action, detail in [
        ("questionnaire created", "summer-2025 v1"),
        ("questionnaire details edited", "summer-2025 v1"),
        ("questionnaire section added", "summer-2025 v1: section home"),
        ("questionnaire section edited", "summer-2025 v1: section home"),
        ("questionnaire section moved", "summer-2025 v1: section home up"),
        ("questionnaire question added", "summer-2025 v1: question do_you_feel_safe"),
        ("questionnaire question edited", "summer-2025 v1: question tell_us_more"),
        ("questionnaire question moved", "summer-2025 v1: question tell_us_more down"),
        ("questionnaire condition saved", "summer-2025 v1: question tell_us_more"),
        ("questionnaire condition removed", "summer-2025 v1: question tell_us_more"),
        ("questionnaire question deleted", "summer-2025 v1: question tell_us_more"),
        ("questionnaire section deleted", "summer-2025 v1: section home"),
        ("questionnaire published", "summer-2025 v1"),
        ("questionnaire duplicated", "summer-2025 v1 -&gt; summer-copy v1"),
        ("questionnaire exported", "summer-2025 v1 as YAML"),
    ]:
        assert f"<td>{action}</td><td>{detail}</td>" in page, action


def test_importing_a_questionnaire_is_in_the_audit_log(app, client, make_staff, sign_in):
    email, password = make_staff("admin", "worker")
    sign_in(email, password)
    source = latest_source(app, "care-leavers").replace("version: 1", "version: 2", 1)
    assert post(client, "/staff/questionnaires/import", {"text": source}).status_code == 302
    page = client.get("/staff/audit").get_data(as_text=True)
    assert re.search(r"<td>questionnaire imported</td><td>care-leavers v\d+</td>", page)


def test_downloading_a_csv_template_is_in_the_audit_log_and_qr_codes_are_not(app, client, make_staff, sign_in,
                                                                             make_round):
    email, password = make_staff("admin", "worker")
    sign_in(email, password)
    slug = make_round("younger-children")
    assert client.get(f"/staff/rounds/{slug}/paper/template.csv").status_code == 200
    assert client.get(f"/staff/rounds/{slug}/qr.svg").status_code == 200
    page = client.get("/staff/audit").get_data(as_text=True)
    assert f"<td>CSV template downloaded</td><td>round {slug} (younger-children v1)</td>" in page
    assert "qr" not in page.lower().split("<tbody>")[1]
