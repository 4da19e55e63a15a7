"""Written answers in other languages are kept as written, staff see their language, and sentiment and
themes (which read English only) mark them "not scored" instead of guessing: never counted as neutral."""

from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pytest
from sqlalchemy import select

from analysis.sentiment import score_answers
from analysis.themes import auto_codes
from survey_app.extensions import db
from survey_app.models import Answer
from survey_app.moderation.coding import codebook

from .moderation import QUESTION, add_written_answers, restore_themes, worker  # noqa: F401

WELSH = "Hoffwn i weld fy mam a fy mrawd yn amlach, maen nhw'n wych ac yn garedig iawn"
ARABIC = "أريد أن أرى أمي أكثر"  # py3langid is sure: "ar"
SAD = "i hate it here, it is awful and i feel alone"
SCHOOL_IN_WELSH = "Dwi eisiau mwy o help gyda fy ngwaith ysgol a mwy o amser gyda fy mam"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return unescape(re.sub(r"\s+", " ", response.get_data(as_text=True)))


def stored_rows(app) -> dict[str, Answer]:
    with app.app_context():
        return {row.text: row for row in db.session.scalars(select(Answer).where(Answer.text.is_not(None)))}


def test_answers_are_kept_as_written_with_their_language_and_no_guessed_scores(app, make_round):
    add_written_answers(app, make_round("younger-children"), [WELSH, ARABIC, SAD, "ok"])
    rows = stored_rows(app)
    assert rows[WELSH].text == WELSH and rows[ARABIC].text == ARABIC
    assert (rows[WELSH].language, rows[WELSH].sentiment, rows[WELSH].themes) == ("cy", None, "")
    assert (rows[ARABIC].language, rows[ARABIC].sentiment, rows[ARABIC].themes) == ("ar", None, "")
    assert rows[SAD].sentiment < 0 and rows["ok"].sentiment is not None and rows["ok"].language is None


def test_sentiment_leaves_out_answers_it_cannot_read_instead_of_calling_them_neutral():
    texts = pd.DataFrame({"response_id": ["a", "b", "c"], "question_id": ["q"] * 3, "text": [WELSH, ARABIC, SAD]})
    scored = score_answers(texts)
    assert list(scored["response_id"]) == ["c"] and list(scored["label"]) == ["negative"]


def test_themes_do_not_match_english_words_inside_another_language(app):
    with app.app_context():
        book = codebook()
        assert auto_codes([SCHOOL_IN_WELSH], book) == [""]
        assert auto_codes(["more help with my school work"], book) != [""]


@pytest.mark.usefixtures("worker", "restore_themes")
def test_the_table_shows_the_language_and_not_scored_and_the_neutral_filter_leaves_it_out(app, client, make_round):
    slug = make_round("younger-children")
    welsh, _sad = add_written_answers(app, slug, [WELSH, SAD])
    html = page(client, f"/staff/written-answers?round={slug}")
    assert "Language: Welsh" in html and 'lang="cy" dir="auto"' in html
    assert html.count("Not scored (not English)") == 2  # its themes and its sentiment
    neutral = page(client, f"/staff/written-answers?round={slug}&sentiment=neutral")
    assert welsh not in neutral
    in_welsh = page(client, f"/staff/written-answers?round={slug}&lang=cy")
    assert "Tabl atebion ysgrifenedig" in in_welsh and "Iaith: Cymraeg" in in_welsh
    assert in_welsh.count("Dim sgôr (nid Saesneg)") == 2


@pytest.mark.usefixtures("worker", "restore_themes")
def test_the_free_text_pages_count_only_scored_answers_and_mark_the_others(app, client, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, [WELSH, ARABIC, SAD])
    question = page(client, f"/staff/rounds/{slug}/free-text/{QUESTION}")
    assert "Language: Welsh" in question and "Language: Arabic" in question
    assert question.count("Themes and tone are not scored") == 2
    assert 'id="unscored"' not in question  # nothing is scored on the page: they are not scored at all
    overview = page(client, f"/staff/rounds/{slug}/free-text")
    assert 'id="unscored"' not in overview
