"""The written answers table: 100 a page, search and filters (each and together) applied by the database
and kept in the address while paging, bulk coding of ticked answers (all or nothing, audited), and the
link to the one-by-one view."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent, ManualCoding, Quote
from survey_app.models.statuses import QuoteStatus
from survey_app.moderation.coding import recode

from .moderation import QUESTION, add_written_answers, restore_themes, round_id, token, worker  # noqa: F401

pytestmark = pytest.mark.usefixtures("worker", "restore_themes")

SCHOOL = "more lessons at school"  # automatic theme: education; neutral
HAPPY = "i love my carers, they are great and kind"  # positive
SAD = "i hate it here, it is awful and i feel alone"  # negative
MUM = "i want to see my mum more"  # family_contact
OTHER_QUESTION = "grow_up_to_be"
ROW = re.compile(r'<input type="checkbox" name="answer" value="([^"]+)"')


def table(client, **args) -> tuple[str, list[str]]:
    """The page's HTML and the response ids of its rows, in order."""
    response = client.get("/staff/written-answers", query_string=args)
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    return html, [key.split(".")[0] for key in ROW.findall(html)]


@pytest.fixture
def answers(app, make_round):
    """A round with four answers to one question and one to another; returns (slug, ids by text)."""
    slug = make_round("younger-children")
    school, happy, sad, mum = add_written_answers(app, slug, [SCHOOL, HAPPY, SAD, MUM])
    (doctor,) = add_written_answers(app, slug, ["a doctor at school"], OTHER_QUESTION)
    return slug, {"school": school, "happy": happy, "sad": sad, "mum": mum, "doctor": doctor}


def test_the_table_shows_each_answer_with_its_question_themes_sentiment_and_coding(client, answers):
    slug, ids = answers
    html, rows = table(client, round=slug)
    assert sorted(rows) == sorted(ids.values())
    assert "5 answers" in html
    assert "School, college and education" in html and "Positive" in html and "Negative" in html
    assert "Automatic" in html
    assert f'href="/staff/rounds/{slug}/free-text/{QUESTION}?answer={ids["school"]}#answer-{ids["school"]}"' in html


def test_redaction_is_marked_in_the_table_as_on_the_other_staff_pages(app, client, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["my sw Sarah never calls back 07700 900123"])
    html, _rows = table(client, round=slug)
    assert 'my sw <mark title="name">Sarah</mark> never calls back <mark title="phone">07700 900123</mark>' in html


def test_each_filter_on_its_own_finds_exactly_the_matching_answers(app, client, answers):
    slug, ids = answers
    assert set(table(client, round=slug, question=OTHER_QUESTION)[1]) == {ids["doctor"]}
    assert set(table(client, round=slug, q="school")[1]) == {ids["school"], ids["doctor"]}
    assert set(table(client, round=slug, q="SCHOOL at")[1]) == {ids["school"], ids["doctor"]}
    assert set(table(client, round=slug, q="lessons at")[1]) == {ids["school"]}
    assert set(table(client, round=slug, theme="family_contact")[1]) == {ids["mum"]}
    assert set(table(client, round=slug, sentiment="positive")[1]) == {ids["happy"]}
    assert set(table(client, round=slug, sentiment="negative")[1]) == {ids["sad"]}
    assert ids["school"] in table(client, round=slug, sentiment="neutral")[1]
    assert not {ids["happy"], ids["sad"]} & set(table(client, round=slug, sentiment="neutral")[1])
    rid = round_id(app, slug)
    with app.app_context():
        recode(rid, ids["mum"], QUESTION, [])  # "no theme" by hand
        db.session.add(Quote(round_id=rid, response_id=ids["school"], question_id=QUESTION, text=SCHOOL,
                             status=QuoteStatus.PENDING))
        db.session.add(Quote(round_id=rid, response_id=ids["happy"], question_id=QUESTION, text=HAPPY,
                             status=QuoteStatus.APPROVED))
        db.session.commit()
    assert set(table(client, round=slug, state="coded")[1]) == {ids["mum"]}
    assert set(table(client, round=slug, state="not_coded")[1]) == set(ids.values()) - {ids["mum"]}
    assert set(table(client, round=slug, state="put_forward")[1]) == {ids["school"]}
    assert set(table(client, round=slug, state="approved")[1]) == {ids["happy"]}
    assert ids["mum"] in table(client, round=slug, theme="none")[1]  # coded "no theme" by hand
    assert ids["mum"] not in table(client, round=slug, theme="family_contact")[1]  # hand coding replaces it


def test_the_round_filter_keeps_other_rounds_answers_out(app, client, answers, make_round):
    slug, ids = answers
    other = make_round("younger-children")
    (elsewhere,) = add_written_answers(app, other, ["more help with school please"])
    assert elsewhere not in table(client, round=slug)[1]
    assert table(client, round=other)[1] == [elsewhere]
    assert set(table(client)[1]) == {*ids.values(), elsewhere}  # all rounds


def test_filters_combine(client, answers):
    slug, ids = answers
    assert set(table(client, round=slug, q="school", question=QUESTION)[1]) == {ids["school"]}
    assert set(table(client, round=slug, theme="education", sentiment="neutral", q="lessons")[1]) == {ids["school"]}
    assert table(client, round=slug, theme="education", sentiment="positive")[1] == []
    html, _rows = table(client, round=slug, theme="education", sentiment="positive")
    assert "No written answers match these choices." in html


def test_unknown_filter_values_are_read_as_any(client, answers):
    slug, ids = answers
    assert len(table(client, round=slug, sentiment="furious", state="odd", page="x")[1]) == len(ids)


def test_100_answers_a_page_and_paging_keeps_the_filters(app, client, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, [f"more trips to the park {n}" for n in range(103)] + [SCHOOL, MUM])
    html, first = table(client, round=slug, q="park")
    assert len(first) == 100 and "103 answers match" in html and "Page 1 of 2" in html
    assert f'href="/staff/written-answers?round={slug}&q=park&page=2"' in html
    html, second = table(client, round=slug, q="park", page=2)
    assert len(second) == 3 and not set(first) & set(second)
    assert f'href="/staff/written-answers?round={slug}&q=park" rel="prev"' in html
    assert '<input type="hidden" name="q" value="park">' in html  # bulk coding comes back here
    response = client.get("/staff/written-answers", query_string={"round": slug, "q": "park", "page": 9})
    assert response.status_code == 302 and response.location.endswith("page=2")


def bulk(client, **form):
    return client.post("/staff/written-answers/code", data={"csrf_token": token(client), **form})


def hand_themes(app, response_ids: list[str], question_id: str = QUESTION) -> dict[str, str]:
    with app.app_context():
        return {coding.response_id: coding.themes for coding in db.session.scalars(
            select(ManualCoding).where(ManualCoding.response_id.in_(response_ids),
                                       ManualCoding.question_id == question_id))}


def test_bulk_coding_adds_a_theme_to_every_ticked_answer_and_says_how_many(app, client, answers):
    slug, ids = answers
    ticked = [f"{ids['school']}.{QUESTION}", f"{ids['mum']}.{QUESTION}", f"{ids['doctor']}.{OTHER_QUESTION}"]
    response = bulk(client, round=slug, q="e", answer=ticked, code="friends", action="add")
    assert response.status_code == 302 and response.location.endswith(f"/staff/written-answers?round={slug}&q=e")
    html = unescape(client.get(response.location).get_data(as_text=True))
    assert "Coded 3 answers as “Friends”." in html
    assert hand_themes(app, [ids["school"], ids["mum"]]) == {ids["school"]: "education friends",
                                                              ids["mum"]: "family_contact friends"}
    assert "friends" in hand_themes(app, [ids["doctor"]], OTHER_QUESTION)[ids["doctor"]].split()
    assert hand_themes(app, [ids["happy"], ids["sad"]]) == {}  # not ticked
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "answers coded in bulk"))
    assert event.actor.startswith("worker-")
    assert event.detail.startswith("added friends: 3 of 3 written answers changed")
    assert SCHOOL not in event.detail

    response = bulk(client, round=slug, answer=ticked[:2], code=["friends", "education"], action="remove")
    assert "Removed “Friends” and “School, college and education” from 2 answers." in unescape(
        client.get(response.location).get_data(as_text=True))
    assert hand_themes(app, [ids["school"], ids["mum"]]) == {ids["school"]: "", ids["mum"]: "family_contact"}


def test_bulk_coding_says_how_many_already_had_the_theme(app, client, answers):
    slug, ids = answers
    response = bulk(client, round=slug, answer=[f"{ids['school']}.{QUESTION}", f"{ids['mum']}.{QUESTION}"],
                    code="education", action="add")
    assert "Coded 1 answer as “School, college and education”. 1 already had it." in unescape(
        client.get(response.location).get_data(as_text=True))
    assert hand_themes(app, [ids["school"], ids["mum"]]) == {ids["mum"]: "education family_contact"}


def test_select_all_on_this_page_codes_every_answer_listed_and_no_other(app, client, answers):
    slug, ids = answers
    html, rows = table(client, round=slug, question=QUESTION)
    on_page = ROW.findall(html)
    response = bulk(client, round=slug, question=QUESTION, all_on_page="1", on_page=on_page, code="money",
                    action="add")
    assert "Coded 4 answers as “Money”." in unescape(client.get(response.location).get_data(as_text=True))
    assert set(hand_themes(app, list(ids.values()))) == set(rows)
    assert hand_themes(app, [ids["doctor"]], OTHER_QUESTION) == {}


@pytest.mark.parametrize("form, message", [
    ({"code": "friends"}, "Choose at least one answer"),
    ({"answer": "{school}." + QUESTION}, "Choose a theme to add to the answers"),
    ({"answer": "{school}." + QUESTION, "code": "no_such_theme"}, "Choose themes from the list"),
    ({"answer": ["{school}." + QUESTION, "0123abcd." + QUESTION], "code": "friends"},
     "1 of the 2 answers chosen is not a written answer in this round. Nothing was changed"),
    ({"answer": ["{school}." + QUESTION, "{school}." + OTHER_QUESTION], "code": "friends"},
     "1 of the 2 answers chosen is not a written answer in this round"),  # no answer to that question
    ({"answer": ["{school}." + QUESTION, "{elsewhere}." + QUESTION], "code": "friends"},
     "1 of the 2 answers chosen is not a written answer in this round"),  # another round's answer
    ({"answer": ["{school}"], "code": "friends"}, "is not a written answer"),
])
def test_bulk_coding_refuses_the_lot_when_anything_is_wrong(app, client, answers, make_round, form, message):
    slug, ids = answers
    other = make_round("younger-children")
    (elsewhere,) = add_written_answers(app, other, ["more help with school please"])
    values = {"school": ids["school"], "elsewhere": elsewhere}
    form = {name: [item.format(**values) for item in value] if isinstance(value, list) else value.format(**values)
            for name, value in form.items()}
    response = bulk(client, round=slug, action="add", **form)
    assert response.status_code == 302
    assert message in unescape(client.get(response.location).get_data(as_text=True))
    assert hand_themes(app, [ids["school"], elsewhere]) == {}


def test_answers_from_several_rounds_can_be_coded_together_when_no_round_is_chosen(app, client, answers,
                                                                                    make_round):
    slug, ids = answers
    other = make_round("younger-children")
    (elsewhere,) = add_written_answers(app, other, ["more help with school please"])
    response = bulk(client, answer=[f"{ids['school']}.{QUESTION}", f"{elsewhere}.{QUESTION}"], code="friends")
    assert "Coded 2 answers" in unescape(client.get(response.location).get_data(as_text=True))


def test_bulk_coding_needs_the_csrf_token(client, answers):
    slug, ids = answers
    response = client.post("/staff/written-answers/code",
                           data={"round": slug, "answer": f"{ids['school']}.{QUESTION}", "code": "friends"})
    assert response.status_code == 400


def test_open_shows_the_page_of_the_one_by_one_view_that_holds_the_answer(app, client, make_round):
    slug = make_round("younger-children")
    made = add_written_answers(app, slug, [f"answer number {n}" for n in range(45)])
    pages = set()
    for response_id in made:
        page = client.get(f"/staff/rounds/{slug}/free-text/{QUESTION}?answer={response_id}").get_data(as_text=True)
        assert f'id="answer-{response_id}"' in page
        pages.add(re.search(r"Page (\d) of 3", page).group(1))
    assert pages == {"1", "2", "3"}
    assert "Page 1 of 3" in client.get(f"/staff/rounds/{slug}/free-text/{QUESTION}?answer=nope").get_data(as_text=True)


def test_the_round_and_question_pages_link_to_the_table(app, client, answers):
    slug, _ids = answers
    overview = client.get(f"/staff/rounds/{slug}/free-text").get_data(as_text=True)
    assert f'href="/staff/written-answers?round={slug}"' in overview
    assert f'href="/staff/written-answers?round={slug}&amp;question={QUESTION}"' in overview
    one_by_one = client.get(f"/staff/rounds/{slug}/free-text/{QUESTION}").get_data(as_text=True)
    assert f'href="/staff/written-answers?round={slug}&amp;question={QUESTION}"' in one_by_one


def test_the_table_loads_its_script_and_no_other_page_does(client, answers):
    slug, _ids = answers
    assert "written_answers" in client.get("/staff/written-answers").get_data(as_text=True)
    assert "written_answers" not in client.get(f"/staff/rounds/{slug}/free-text").get_data(as_text=True)


def test_coding_one_answer_by_hand_is_audited_like_bulk_coding(app, client, answers):
    slug, ids = answers
    url = f"/staff/rounds/{slug}/free-text/{QUESTION}/{ids['school']}/themes"
    client.post(url, data={"csrf_token": token(client), "action": "save", "themes": ["friends"]})
    client.post(url, data={"csrf_token": token(client), "action": "auto"})
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "answer coded by hand")
                                    .order_by(AuditEvent.id)).all()
    rid = round_id(app, slug)
    assert [event.detail for event in events] == [f"round {rid}, question {QUESTION}: friends",
                                                  f"round {rid}, question {QUESTION}: automatic themes again"]
