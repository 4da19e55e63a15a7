"""Paper and group-session responses: one form through the staff page, or many through a CSV file.
Every answer is checked like an online answer and stored as paper; a CSV file is all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent, SafeguardingFlag, SurveyResponse
from survey_app.models.response import week_of
from survey_app.paper.csv_import import MAX_BYTES, MAX_ROWS
from survey_app.paper.rules import PaperRefused, check_response, shown_when
from survey_app.questionnaire.store import definition, latest
from survey_app.safeguarding.flags import release_and_notify

from .journey import CSRF


class Paper:
    """A participation worker on the paper pages of one round, with the Flask test client."""

    def __init__(self, client, slug: str):
        self.client = client
        self.slug = slug
        self.base = f"/staff/rounds/{slug}/paper"

    def token(self, url: str) -> str:
        return CSRF.search(self.client.get(url).get_data(as_text=True)).group(1)

    def enter(self, answers: dict[str, str | list[str]]):
        data: dict = {"csrf_token": self.token(f"{self.base}/new")}
        data.update({f"answer-{question_id}": value for question_id, value in answers.items()})
        return self.client.post(f"{self.base}/new", data=data)

    def upload(self, content: bytes | str | None, filename: str = "responses.csv"):
        data: dict = {"csrf_token": self.token(f"{self.base}/upload")}
        if content is not None:
            raw = content.encode("utf-8") if isinstance(content, str) else content
            data["file"] = (io.BytesIO(raw), filename)
        return self.client.post(f"{self.base}/upload", data=data, content_type="multipart/form-data")

    def template(self) -> list[str]:
        response = self.client.get(f"{self.base}/template.csv")
        assert response.status_code == 200
        return next(csv.reader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture
def paper(client, make_round, make_staff, sign_in):
    """paper("care-leavers") signs a worker in and opens the paper pages of a new round."""

    def start(key: str) -> Paper:
        slug = make_round(key)
        assert sign_in(*make_staff("worker")).status_code == 302
        return Paper(client, slug)

    return start


def stored(app) -> list[dict]:
    """Every stored response as {question_id: answer} plus its channel, week and id (in no particular order)."""
    with app.app_context():
        responses = db.session.scalars(select(SurveyResponse)).unique().all()
        result = []
        for response in responses:
            answers: dict = {"_channel": response.channel, "_week_of": response.week_of, "_id": response.id}
            for row in sorted(response.answers, key=lambda row: (row.question_id, row.position)):
                if row.skipped:
                    answers[row.question_id] = "skipped"
                elif row.text is not None:
                    answers[row.question_id] = row.text
                else:
                    answers.setdefault(row.question_id, []).append(row.choice)
            result.append(answers)
        return result


def flags(app) -> list[tuple[str, str]]:
    """The flags raised, once held answers are released (as the scheduled command does)."""
    with app.app_context():
        release_and_notify()
        return sorted((flag.question_id, flag.reason) for flag in db.session.scalars(select(SafeguardingFlag)))


def page_text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def csv_text(rows: list[dict[str, str]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# -- the round's paper page and the list of rounds ---------------------------------------------------------------

def test_it_lists_rounds_and_links_each_to_its_paper_page(client, paper):
    worker = paper("younger-children")
    page = client.get("/staff/paper").get_data(as_text=True)
    assert f'href="{worker.base}"' in page


def test_the_round_page_links_to_entry_template_and_upload_and_counts_paper_apart(app, client, paper):
    worker = paper("younger-children")
    worker.enter({"feel_about_home": "3"})
    page = client.get(worker.base)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for link in ("/new", "/template.csv", "/upload"):
        assert f'href="{worker.base}{link}' in html
    assert "This round has 1 paper response and 0 sent online." in page_text(page)


def test_a_round_that_does_not_exist_is_not_found(client, paper):
    paper("younger-children")
    for suffix in ("", "/new", "/template.csv", "/upload"):
        assert client.get(f"/staff/rounds/no-such-round/paper{suffix}").status_code == 404


# -- one form at a time ----------------------------------------------------------------------------------------------

def test_the_entry_form_shows_every_question_with_no_answer_chosen(app, client, paper):
    worker = paper("care-leavers")
    page = client.get(f"{worker.base}/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    with app.app_context():
        questionnaire = definition(latest("care-leavers"))
    for question in questionnaire.questions:
        assert f'name="answer-{question.id}"' in html
    assert html.count("I&#39;d rather not say") + html.count("I'd rather not say") >= 20
    assert 'type="checkbox" value="budgeting"' in html
    assert re.search(r'name="answer-doing_now" type="radio" value="" checked', html)
    assert "Has it helped you? Only asked when the answer to “Have you heard of the Local Offer?” is “Yes”." \
        in page_text(page)


def test_an_entered_form_is_stored_as_one_paper_response_with_blank_questions_skipped(app, paper):
    worker = paper("younger-children")
    response = worker.enter({"feel_about_home": "3", "feel_safe_home": "yes", "seeing_family": "",
                             "grow_up_to_be": "  A vet  "})
    assert response.status_code == 302 and response.location == f"{worker.base}/new"
    [answers] = stored(app)
    assert answers["_channel"] == "paper"
    assert answers["_week_of"] == week_of(dt.date.today()) and answers["_week_of"].weekday() == 0
    assert re.fullmatch(r"[0-9a-f]{32}", answers["_id"])
    assert answers["feel_about_home"] == ["3"]
    assert answers["feel_safe_home"] == ["yes"]
    assert answers["grow_up_to_be"] == "A vet"
    assert answers["seeing_family"] == "skipped"
    assert answers["make_things_better"] == "skipped"
    assert flags(app) == []
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "paper response entered"))


def test_after_adding_the_form_is_empty_and_says_it_was_added(client, paper):
    worker = paper("younger-children")
    page = client.get(worker.enter({"feel_about_home": "2"}).location)
    assert "Paper response added." in page_text(page)
    assert 'checked' not in re.sub(r'value="" checked', "", page.get_data(as_text=True))


def test_a_trigger_answer_and_worrying_words_are_flagged_like_online(app, client, paper):
    worker = paper("younger-children")
    response = worker.enter({"feel_safe_home": "no", "make_things_better": "I am scared at night"})
    assert response.status_code == 302
    assert flags(app) == [("feel_safe_home", "trigger_answer"), ("make_things_better", "worrying_words")]
    assert "flagged for the safeguarding lead" in page_text(client.get(response.location))


def test_a_multiple_choice_answer_keeps_every_ticked_option(app, paper):
    worker = paper("care-leavers")
    assert worker.enter({"money_help_wanted": ["bills_and_debts", "budgeting"]}).status_code == 302
    [answers] = stored(app)
    assert answers["money_help_wanted"] == ["budgeting", "bills_and_debts"]


def test_an_answer_to_a_question_hidden_by_another_answer_is_refused_naming_it(app, paper):
    worker = paper("care-leavers")
    response = worker.enter({"heard_of_local_offer": "no", "local_offer_helped": "yes"})
    assert response.status_code == 400
    text = page_text(response)
    assert "this response has not been added" in text
    assert ("Has it helped you? – Leave this blank: it is only asked when the answer to “Have you heard of the "
            "Local Offer?” is “Yes”, and the answers given mean it was not asked.") in text
    assert 'href="#answer-local_offer_helped"' in response.get_data(as_text=True)
    assert stored(app) == []


def test_a_question_whose_condition_was_left_blank_is_hidden_too(app, paper):
    worker = paper("care-leavers")
    assert worker.enter({"local_offer_helped": "yes"}).status_code == 400
    assert worker.enter({"heard_of_local_offer": "yes", "local_offer_helped": "yes"}).status_code == 302
    [answers] = stored(app)
    assert answers["local_offer_helped"] == ["yes"]


def test_a_required_question_left_blank_on_paper_is_stored_as_skipped(app, paper):
    worker = paper("care-leavers")
    assert worker.enter({"doing_now": "college"}).status_code == 302
    [answers] = stored(app)
    assert answers["heard_of_local_offer"] == "skipped"
    assert "local_offer_helped" not in answers


def test_text_that_is_too_long_is_refused_and_kept_in_the_box(app, paper):
    worker = paper("younger-children")
    words = "x" * 201
    response = worker.enter({"grow_up_to_be": words})
    assert response.status_code == 400
    assert "The writing is 201 characters long; this question takes at most 200." in page_text(response)
    assert f'value="{words}"' in response.get_data(as_text=True)
    assert stored(app) == []


def test_rather_not_say_ticked_with_another_answer_is_refused(app, paper):
    worker = paper("care-leavers")
    response = worker.enter({"money_help_wanted": ["budgeting", "rather_not_say"]})
    assert response.status_code == 400
    assert "given together with another answer" in page_text(response)
    assert stored(app) == []


def test_an_answer_that_is_not_an_option_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.enter({"feel_about_home": "7"})
    assert response.status_code == 400
    assert "“7” is not an answer to this question. Use one of: 1 (Not good), 2 (OK), 3 (Good)" in page_text(response)
    assert stored(app) == []


def test_an_empty_form_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.enter({})
    assert response.status_code == 400
    assert "Nothing has been entered." in page_text(response)
    assert stored(app) == []


def test_every_problem_on_the_form_is_listed_and_nothing_is_stored(app, paper):
    worker = paper("care-leavers")
    response = worker.enter({"doing_now": "flying", "feeling_recently": "9", "heard_of_local_offer": "no",
                             "local_offer_helped": "no"})
    assert response.status_code == 400
    assert response.get_data(as_text=True).count('<p class="error-message"') == 3
    assert stored(app) == []


# -- the CSV template --------------------------------------------------------------------------------------------------

def test_the_template_is_one_header_row_of_the_question_ids_in_order(app, client, paper):
    worker = paper("younger-children")
    response = client.get(f"{worker.base}/template.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="younger-children-v1-paper-responses.csv"'
    lines = response.get_data(as_text=True).splitlines()
    with app.app_context():
        questionnaire = definition(latest("younger-children"))
    assert lines == [",".join(question.id for question in questionnaire.questions)]


def test_the_upload_page_explains_how_to_fill_in_each_column(client, paper):
    worker = paper("care-leavers")
    text = page_text(client.get(f"{worker.base}/upload"))
    assert "How to fill in the template" in text
    assert "One or more of: budgeting = Help to plan and budget" in text
    assert "Leave empty unless the answer to heard_of_local_offer is yes." in text
    assert "rather_not_say = I'd rather not say" in text


def test_the_template_header_round_trips_download_fill_upload(app, client, paper):
    worker = paper("care-leavers")
    header = worker.template()
    row = {column: "" for column in header}
    row.update({"doing_now": "college", "money_help_wanted": "budgeting;benefits", "heard_of_local_offer": "yes",
                "local_offer_helped": "not_sure", "anything_else": "More help with forms, please"})
    response = worker.upload(csv_text([row], header))
    assert response.status_code == 302 and response.location == worker.base
    [answers] = stored(app)
    assert answers["_channel"] == "paper"
    assert answers["money_help_wanted"] == ["budgeting", "benefits"]
    assert answers["local_offer_helped"] == ["not_sure"]
    assert answers["anything_else"] == "More help with forms, please"
    assert "1 paper response added." in page_text(client.get(response.location))


# -- uploading a CSV file ---------------------------------------------------------------------------------------------

YOUNGER = "feel_about_home,feel_safe_home,seeing_family,grow_up_to_be,make_things_better\r\n"


def test_a_clean_file_of_three_rows_stores_three_paper_responses_with_the_right_answers(app, client, paper):
    worker = paper("younger-children")
    response = worker.upload(YOUNGER + "3,yes,,A vet,\r\n1,no,2,,\r\n,rather_not_say,3,,More trips out\r\n")
    assert response.status_code == 302
    assert "3 paper responses added. 1 of them has an answer flagged" in page_text(client.get(response.location))
    responses = sorted(stored(app), key=lambda answers: str(answers.get("feel_about_home")))
    assert [answers["_channel"] for answers in responses] == ["paper"] * 3
    second, first, third = responses  # sorted: ["1"], ["3"], "skipped"
    assert (first["feel_about_home"], first["feel_safe_home"], first["grow_up_to_be"]) == (["3"], ["yes"], "A vet")
    assert first["seeing_family"] == "skipped" and first["fun_things"] == "skipped"
    assert (second["feel_about_home"], second["feel_safe_home"], second["seeing_family"]) == (["1"], ["no"], ["2"])
    assert third["feel_about_home"] == "skipped"
    assert (third["feel_safe_home"], third["make_things_better"]) == (["rather_not_say"], "More trips out")
    assert flags(app) == [("feel_safe_home", "trigger_answer")]


def test_a_file_with_one_bad_row_of_three_stores_nothing_and_names_line_3(app, paper):
    worker = paper("younger-children")
    response = worker.upload(YOUNGER + "3,yes,,,\r\nmaybe,,,,\r\n2,no,,,\r\n")
    assert response.status_code == 400
    text = page_text(response)
    assert "Nothing has been added: 1 problem to fix" in text
    assert "Line 3: feel_about_home: “maybe” is not an answer to this question. Use one of: 1 (Not good)" in text
    assert stored(app) == [] and flags(app) == []


def test_every_bad_row_is_reported_with_its_line_and_reason(app, paper):
    worker = paper("care-leavers")
    header = "doing_now,money_help_wanted,heard_of_local_offer,local_offer_helped,feeling_recently,anything_else\n"
    rows = [
        "college,,,,,",  # line 2: fine
        "flying,,,,,",  # 3: unknown option
        ",,no,yes,,",  # 4: hidden question answered
        ",budgeting;rather_not_say,,,,",  # 5: rather not say with another
        "college;working,,,,,",  # 6: two answers to a one-answer question
        ",,,,6,",  # 7: smiley out of range
        f",,,,,{'x' * 2001}",  # 8: text too long
        ",,,,,",  # 9: empty row, ignored
        '"college",,,,,"two\nlines"',  # 10-11: fine, a text cell over two lines
        "1,,,,,",  # 12: an option value from another question
    ]
    response = worker.upload(header + "\n".join(rows) + "\n")
    assert response.status_code == 400
    text = page_text(response)
    assert "Nothing has been added: 7 problems to fix" in text
    for expected in (
        "Line 3: doing_now: “flying” is not an answer to this question.",
        "Line 4: local_offer_helped: Leave this blank: it is only asked when the answer to heard_of_local_offer "
        "is yes, and the answers given mean it was not asked.",
        "Line 5: money_help_wanted: “I'd rather not say” (rather_not_say) is given together with another answer.",
        "Line 6: doing_now: Only one answer is allowed here, but 2 are given.",
        "Line 7: feeling_recently: “6” is not an answer to this question.",
        "Line 8: anything_else: The writing is 2001 characters long; this question takes at most 2000.",
        "Line 12: doing_now: “1” is not an answer to this question.",
    ):
        assert expected in text, expected
    assert "Line 2" not in text and "Line 9" not in text and "Line 10" not in text
    assert stored(app) == []


def test_an_unknown_column_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.upload("feel_about_home,how_old_are_you\r\n3,12\r\n")
    assert response.status_code == 400
    assert "Line 1: column 2, “how_old_are_you”, is not a question in this questionnaire." in page_text(response)
    assert stored(app) == []


def test_a_column_given_twice_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.upload("feel_about_home,feel_about_home\r\n3,2\r\n")
    assert response.status_code == 400
    assert "Line 1: the column “feel_about_home” appears twice." in page_text(response)


def test_a_value_under_a_column_without_a_question_id_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.upload("feel_about_home,\r\n3,\r\n2,oops\r\n")
    assert response.status_code == 400
    assert "Line 3: there is a value in column 2, which has no question id in the header row." in page_text(response)
    assert stored(app) == []


def test_a_file_not_saved_as_utf8_is_refused_naming_the_line(app, paper):
    worker = paper("younger-children")
    response = worker.upload((YOUNGER + "3,yes,,,\r\n2,no,,Café owner,\r\n").encode("cp1252"))
    assert response.status_code == 400
    assert "Line 3: The file is not saved as UTF-8 text" in page_text(response)
    assert stored(app) == []


def test_an_excel_utf8_file_with_a_byte_order_mark_is_read(app, paper):
    worker = paper("younger-children")
    response = worker.upload(("\ufeff" + YOUNGER + "3,yes,,Café owner,\r\n").encode("utf-8"))
    assert response.status_code == 302
    [answers] = stored(app)
    assert answers["grow_up_to_be"] == "Café owner"


@pytest.mark.parametrize(("content", "message"), [
    ("", "The file is empty."),
    ("\r\n\r\n", "The file is empty."),
    (YOUNGER, "There are no responses in the file"),
    (YOUNGER + ",,,,\r\n", "There are no responses in the file"),
])
def test_an_empty_file_or_one_without_responses_is_refused(app, paper, content, message):
    worker = paper("younger-children")
    response = worker.upload(content)
    assert response.status_code == 400
    assert message in page_text(response)


def test_more_than_2000_rows_are_refused(app, paper):
    worker = paper("younger-children")
    response = worker.upload(YOUNGER + "3,,,,\r\n" * (MAX_ROWS + 1))
    assert response.status_code == 400
    assert f"The file has {MAX_ROWS + 1} responses; at most {MAX_ROWS} can be added at a time." in page_text(response)
    assert stored(app) == []


def test_2000_rows_are_stored(app, paper):
    worker = paper("younger-children")
    response = worker.upload(YOUNGER + "3,yes,,,\r\n" * MAX_ROWS)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.query(SurveyResponse).filter_by(channel="paper").count() == MAX_ROWS


def test_a_file_too_large_to_read_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.upload(YOUNGER + ("3,yes,,," + "x" * 100 + "\r\n") * (MAX_BYTES // 100))
    assert response.status_code == 413
    assert "The file is larger than 4 MB." in page_text(response)
    assert stored(app) == []


def test_a_file_with_a_character_that_is_not_text_is_refused_naming_the_line(app, paper):
    worker = paper("younger-children")
    response = worker.upload(YOUNGER + "3,yes,,,\r\n2,no,,\0,\r\n")
    assert response.status_code == 400
    assert "Line 3: This line has a character that is not text (a NUL byte)" in page_text(response)
    assert stored(app) == []


def test_a_line_that_is_not_csv_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.upload(YOUNGER + "3,yes,,,\r\n2,no,," + "x" * 140_000 + ",\r\n")
    assert response.status_code == 400
    assert "Line 3: This line cannot be read as CSV: field larger than field limit" in page_text(response)
    assert stored(app) == []


def test_text_with_a_character_that_is_not_text_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.enter({"grow_up_to_be": "a\0b"})
    assert response.status_code == 400
    assert "a character that is not text" in page_text(response)


def test_an_upload_without_a_file_is_refused(app, paper):
    worker = paper("younger-children")
    response = worker.upload(None)
    assert response.status_code == 400
    assert "Choose a CSV file to upload" in page_text(response)


def test_choice_values_may_have_capitals_and_spaces(app, paper):
    worker = paper("care-leavers")
    assert worker.upload("doing_now,money_help_wanted\r\n College , Budgeting ; Benefits\r\n").status_code == 302
    [answers] = stored(app)
    assert answers["doing_now"] == ["college"] and answers["money_help_wanted"] == ["budgeting", "benefits"]


def test_an_upload_is_recorded_in_the_audit_log_with_the_count_only(app, paper):
    worker = paper("younger-children")
    worker.upload(YOUNGER + "3,yes,,,\r\n2,,,,\r\n")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "paper responses uploaded"))
        assert event.detail == f"2 for round {worker.slug}"


# -- the rules, without the web ------------------------------------------------------------------------------------

@pytest.fixture
def care_leavers(app):
    with app.app_context():
        return definition(latest("care-leavers"))


def test_the_shown_when_words_name_the_question_and_answer(care_leavers):
    question = care_leavers.question("local_offer_helped")
    assert shown_when(question, care_leavers) == "the answer to “Have you heard of the Local Offer?” is “Yes”"
    assert shown_when(question, care_leavers, by_id=True) == "the answer to heard_of_local_offer is yes"
    assert shown_when(care_leavers.question("doing_now"), care_leavers) is None


def test_an_error_in_an_answer_does_not_also_blame_the_questions_that_depend_on_it(care_leavers):
    with pytest.raises(PaperRefused) as refused:
        check_response(care_leavers, {"heard_of_local_offer": ["perhaps"], "local_offer_helped": ["yes"]})
    assert [problem.question_id for problem in refused.value.each] == ["heard_of_local_offer"]
