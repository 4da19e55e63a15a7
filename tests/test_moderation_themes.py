"""The themes page: add a theme (code from the title or typed, words optional), rename it (the code
stays so hand codings stay valid), retire it and bring it back; all audited."""

from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent, Theme
from survey_app.moderation.coding import codebook, coded_answers, recode
from survey_app.moderation.themes import code_from_title

from .moderation import QUESTION, add_written_answers, restore_themes, round_id, token, worker  # noqa: F401

pytestmark = pytest.mark.usefixtures("worker", "restore_themes")


def theme(app, code: str) -> Theme | None:
    with app.app_context():
        row = db.session.scalar(select(Theme).where(Theme.code == code))
        if row is not None:
            db.session.expunge(row)
        return row


def audit_actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(event.action, event.detail) for event in
                db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("theme%")).order_by(AuditEvent.id))]


def test_the_themes_page_lists_each_theme_with_its_priority_words_and_answers(app, client, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["more help with school", "school", "my mum"])
    page = unescape(client.get("/staff/themes").get_data(as_text=True))
    row = page.split("School, college and education</a>", 1)[1].split("</tr>", 1)[0]
    assert "<td>Education</td>" in row or "<td>School" in row, row
    assert "school, " in row
    assert "<td>2</td>" in row
    assert ">Seeing family</a>" in page


def test_adding_a_theme_makes_a_code_from_the_title_and_allows_no_words(app, client, make_round):
    response = client.post("/staff/themes/new", data={"csrf_token": token(client), "title": "Being treated fairly",
                                                      "priority_code": "voice", "words": ""})
    assert response.status_code == 302
    added = theme(app, "being_treated_fairly")
    assert (added.title, added.priority_code, added.words, added.active) == ("Being treated fairly", "voice", "", True)
    assert audit_actions(app)[-1] == ("theme added", "being_treated_fairly: Being treated fairly (voice, 0 words)")
    assert "none: coded by hand only" in client.get("/staff/themes").get_data(as_text=True)

    slug = make_round("younger-children")
    unfair, *_ = add_written_answers(app, slug, ["it is not fair"])
    rid = round_id(app, slug)
    with app.app_context():
        assert coded_answers(rid).empty  # no words: never found automatically
        recode(rid, unfair, QUESTION, ["being_treated_fairly"])
        db.session.commit()
        assert coded_answers(rid)["theme"].tolist() == ["being_treated_fairly"]

    again = client.post("/staff/themes/new", data={"csrf_token": token(client), "title": "Being treated  fairly!",
                                                   "priority_code": "voice", "words": "unfair\nfair"})
    assert again.status_code == 302
    assert theme(app, "being_treated_fairly_2").words == "unfair\nfair"


def test_a_typed_code_must_be_well_formed_and_new_and_mistakes_keep_what_was_typed(app, client):
    response = client.post("/staff/themes/new", data={"csrf_token": token(client), "title": "", "code": "Pets!",
                                                      "priority_code": "", "words": "dog\ncat"})
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert "Enter a title" in page and "Choose the priority" in page and "A code is lower-case letters" in page
    assert 'value="Pets!"' in page and ">dog\ncat</textarea>" in page
    response = client.post("/staff/themes/new", data={"csrf_token": token(client), "title": "Pets", "code": "friends",
                                                      "priority_code": "health", "words": "dog"})
    assert "There is already a theme with that code" in response.get_data(as_text=True)
    assert client.post("/staff/themes/new", data={"csrf_token": token(client), "title": "Pets", "code": "pets",
                                                  "priority_code": "health", "words": "dog"}).status_code == 302
    assert theme(app, "pets").title == "Pets"


def test_code_from_title():
    assert code_from_title("Being treated fairly") == "being_treated_fairly"
    assert code_from_title("Café & crèche") == "cafe_creche"
    assert code_from_title("123 go") == "theme_123_go"
    assert code_from_title("!!!") == "theme"


def test_renaming_keeps_the_code_so_hand_codings_stay_valid(app, client, make_round):
    slug = make_round("younger-children")
    school, *_ = add_written_answers(app, slug, ["i love football"])
    rid = round_id(app, slug)
    with app.app_context():
        recode(rid, school, QUESTION, ["friends"])
        db.session.commit()
    friends = theme(app, "friends")
    response = client.post(f"/staff/themes/{friends.id}", data={
        "csrf_token": token(client), "title": "Friends and people my age", "priority_code": "placement",
        "words": "mates\nbest friend", "code": "should_be_ignored"})
    assert response.status_code == 302
    renamed = theme(app, "friends")
    assert (renamed.title, renamed.priority_code, renamed.words) == ("Friends and people my age", "placement",
                                                                     "mates\nbest friend")
    assert theme(app, "should_be_ignored") is None
    assert audit_actions(app)[-1] == ("theme changed", "friends: title, priority, words changed "
                                                       "(was “Friends”, now “Friends and people my age”)")
    with app.app_context():
        assert coded_answers(rid)[["theme", "source"]].values.tolist() == [["friends", "manual"]]


def test_renaming_to_an_empty_title_is_refused_and_changes_nothing(app, client):
    food = theme(app, "food")
    response = client.post(f"/staff/themes/{food.id}", data={"csrf_token": token(client), "title": " ",
                                                             "priority_code": food.priority_code, "words": "pizza"})
    assert response.status_code == 400 and "Enter a title" in unescape(response.get_data(as_text=True))
    assert theme(app, "food").words == food.words


def test_retiring_a_theme_keeps_its_hand_codings_counted_and_says_how_many(app, client, make_round):
    slug = make_round("younger-children")
    first, second, third = add_written_answers(app, slug, ["my mates", "my friends are nice", "school"])
    rid = round_id(app, slug)
    with app.app_context():
        recode(rid, first, QUESTION, ["friends"])
        recode(rid, third, QUESTION, ["friends", "education"])
        db.session.commit()
    friends = theme(app, "friends")
    page = client.get(f"/staff/themes/{friends.id}").get_data(as_text=True)
    assert "2 answers coded with it by hand keep it" in page
    response = client.post(f"/staff/themes/{friends.id}/retire", data={"csrf_token": token(client)},
                           follow_redirects=True)
    assert "2 answers coded with it by hand keep it and still count" in response.get_data(as_text=True)
    assert theme(app, "friends").active is False
    assert audit_actions(app)[-1] == ("theme retired", "friends: Friends; 2 hand-coded answers keep it")
    with app.app_context():
        coded = coded_answers(rid)  # no crash: the retired theme is still in the codebook for its hand codings
        assert [item.words for item in codebook().themes if item.code == "friends"] == [()]
    assert sorted(map(tuple, coded[["response_id", "theme"]].values.tolist())) == sorted(
        [(first, "friends"), (third, "education"), (third, "friends")])  # "my friends are nice" no longer matches
    assert second not in set(coded["response_id"])
    assert "(retired)" in client.get(f"/staff/rounds/{slug}/free-text").get_data(as_text=True)

    response = client.post(f"/staff/themes/{friends.id}/restore", data={"csrf_token": token(client)})
    assert response.status_code == 302 and theme(app, "friends").active is True
    assert audit_actions(app)[-1][0] == "theme brought back"
    with app.app_context():
        assert second in set(coded_answers(rid)["response_id"])


def test_a_retired_theme_nobody_used_leaves_the_codebook(app, client):
    money = theme(app, "money")
    client.post(f"/staff/themes/{money.id}/retire", data={"csrf_token": token(client)})
    with app.app_context():
        assert "money" not in codebook().codes
    page = unescape(client.get("/staff/themes").get_data(as_text=True))
    assert "Money</a> <strong>(retired)</strong>" in page
