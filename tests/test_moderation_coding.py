"""The free-text pages: answers beside their redacted version, themes by hand replacing the automatic
ones, counts that follow, and nobody but admins and workers seeing what young people wrote."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import ManualCoding, Theme
from survey_app.moderation.coding import CodingRefused, codebook, coded_answers, manual_frame, recode

from .moderation import QUESTION, add_written_answers, restore_themes, round_id, token, worker  # noqa: F401

TEXTS = ["more help with school", "i want to see my mum more", "my sw Sarah never calls back 07700 900123",
         "nothing"]


def page_of(client, slug: str, page: int = 1) -> str:
    response = client.get(f"/staff/rounds/{slug}/free-text/{QUESTION}?page={page}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def section(html: str, response_id: str) -> str:
    """The part of the answers page about one answer."""
    return unescape(html.split(f'id="answer-{response_id}"', 1)[1].split("</section>", 1)[0])


def themes_of(app, rid: int, response_id: str) -> set[tuple[str, str]]:
    with app.app_context():
        coded = coded_answers(rid)
    return {(row.theme, row.source) for row in coded.itertuples() if row.response_id == response_id}


def recode_url(slug: str, response_id: str) -> str:
    return f"/staff/rounds/{slug}/free-text/{QUESTION}/{response_id}/themes"


@pytest.mark.usefixtures("worker")
def test_the_answers_page_shows_what_was_written_beside_the_redacted_version_with_redactions_marked(app, client,
                                                                                                    make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, TEXTS)
    html = page_of(client, slug)
    assert "my sw <mark title=\"name\">Sarah</mark> never calls back <mark title=\"phone\">07700 900123</mark>" in html
    assert "my sw <mark title=\"name\">[name]</mark> never calls back <mark title=\"phone\">[phone]</mark>" in html
    assert "School, college and education (automatic)" in unescape(html)
    assert "a rough indicator only" in html
    assert "4 written answers." in html


@pytest.mark.usefixtures("worker")
def test_recoding_by_hand_replaces_the_automatic_themes_and_the_counts_follow(app, client, make_round):
    slug = make_round("younger-children")
    school, mum, *_ = add_written_answers(app, slug, TEXTS)
    rid = round_id(app, slug)
    assert themes_of(app, rid, school) == {("education", "auto")}

    response = client.post(recode_url(slug, school), data={"csrf_token": token(client), "action": "save",
                                                           "themes": ["friends", "activities"], "page": "1"})
    assert response.status_code == 302
    assert response.location.endswith(f"/staff/rounds/{slug}/free-text/{QUESTION}?page=1#answer-{school}")
    assert themes_of(app, rid, school) == {("friends", "manual"), ("activities", "manual")}
    assert themes_of(app, rid, mum) == {("family_contact", "auto")}  # other answers untouched
    overview = unescape(client.get(f"/staff/rounds/{slug}/free-text").get_data(as_text=True))
    assert "School, college and education" not in overview
    assert re.search(r"<td>Friends[^<]*</td><td>1</td>", overview)
    assert "Things to do (by hand); Friends (by hand)" in section(page_of(client, slug), school)


@pytest.mark.usefixtures("worker")
def test_no_theme_by_hand_takes_the_answer_out_of_every_theme_and_can_be_undone(app, client, make_round):
    slug = make_round("younger-children")
    school, *_ = add_written_answers(app, slug, TEXTS)
    rid = round_id(app, slug)
    client.post(recode_url(slug, school), data={"csrf_token": token(client), "action": "none"})
    assert themes_of(app, rid, school) == set()
    with app.app_context():
        assert db.session.get(ManualCoding, (school, QUESTION)).themes == ""
        assert manual_frame(rid)["theme"].tolist() == [""]
    assert "no theme (by hand)" in page_of(client, slug)

    client.post(recode_url(slug, school), data={"csrf_token": token(client), "action": "auto"})
    assert themes_of(app, rid, school) == {("education", "auto")}
    with app.app_context():
        assert db.session.get(ManualCoding, (school, QUESTION)) is None


@pytest.mark.usefixtures("worker")
def test_saving_with_nothing_ticked_asks_for_a_theme_or_no_theme_and_changes_nothing(app, client, make_round):
    slug = make_round("younger-children")
    school, *_ = add_written_answers(app, slug, TEXTS)
    response = client.post(recode_url(slug, school), data={"csrf_token": token(client), "action": "save"},
                           follow_redirects=True)
    assert "Tick at least one theme" in unescape(response.get_data(as_text=True))
    assert themes_of(app, round_id(app, slug), school) == {("education", "auto")}


@pytest.mark.usefixtures("worker")
def test_a_made_up_theme_or_an_answer_from_another_round_is_refused(app, client, make_round):
    slug, other = make_round("younger-children"), make_round("younger-children")
    school, *_ = add_written_answers(app, slug, TEXTS)
    response = client.post(recode_url(slug, school), data={"csrf_token": token(client), "themes": ["made_up"]},
                           follow_redirects=True)
    assert "These themes cannot be used: made_up" in response.get_data(as_text=True)
    response = client.post(recode_url(other, school), data={"csrf_token": token(client), "themes": ["friends"]},
                           follow_redirects=True)
    assert "There is no written answer there to code" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(ManualCoding)).all() == []


@pytest.mark.usefixtures("worker", "restore_themes")
def test_a_retired_theme_is_not_offered_but_answers_coded_with_it_keep_it(app, client, make_round):
    slug = make_round("younger-children")
    school, mum, *_ = add_written_answers(app, slug, TEXTS)
    rid = round_id(app, slug)
    with app.app_context():
        recode(rid, school, QUESTION, ["friends"])
        db.session.scalar(select(Theme).where(Theme.code == "friends")).active = False
        db.session.commit()
        assert "friends" in codebook().codes  # still known, so analysis does not fail on the hand coding
        with pytest.raises(CodingRefused, match="friends"):
            recode(rid, mum, QUESTION, ["friends"])
        recode(rid, school, QUESTION, ["friends", "food"])  # kept when recoding the same answer
        db.session.commit()
    assert themes_of(app, rid, school) == {("friends", "manual"), ("food", "manual")}
    html = page_of(client, slug)
    assert "Friends (retired) (by hand)" in section(html, school)
    assert re.search(r'value="friends" checked><label for="t\d-friends">Friends \(retired\)', section(html, school))
    assert 'value="friends"' not in section(html, mum)  # not offered for new coding


@pytest.mark.usefixtures("restore_themes")
def test_retired_themes_never_match_automatically(app, make_round):
    slug = make_round("younger-children")
    school, *_ = add_written_answers(app, slug, TEXTS)
    with app.app_context():
        db.session.scalar(select(Theme).where(Theme.code == "education")).active = False
        db.session.commit()
        assert "education" not in codebook().codes
    assert themes_of(app, round_id(app, slug), school) == set()


@pytest.mark.usefixtures("worker")
def test_long_questions_are_shown_a_page_at_a_time(app, client, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, [f"answer number {n}" for n in range(45)])
    first, last = page_of(client, slug), page_of(client, slug, 3)
    assert first.count('class="flag"') == 20 and last.count('class="flag"') == 5
    assert "Page 3 of 3" in last and "Answer 45" in last and "Next page" not in last
    assert client.get(f"/staff/rounds/{slug}/free-text/{QUESTION}?page=9").status_code == 302


def test_board_members_and_safeguarding_leads_never_see_what_young_people_wrote(app, client, make_round, make_staff,
                                                                               sign_in):
    slug = make_round("younger-children")
    add_written_answers(app, slug, TEXTS)
    for role in ("board", "safeguarding"):
        sign_in(*make_staff(role))
        for url in (f"/staff/rounds/{slug}/free-text", f"/staff/rounds/{slug}/free-text/{QUESTION}",
                    f"/staff/rounds/{slug}/quotes", "/staff/themes"):
            response = client.get(url)
            assert response.status_code == 403
            assert "Sarah" not in response.get_data(as_text=True)


@pytest.mark.usefixtures("worker")
def test_a_question_that_is_not_a_written_one_is_not_found(client, make_round):
    slug = make_round("younger-children")
    assert client.get(f"/staff/rounds/{slug}/free-text/feel_about_home").status_code == 404
