"""Detection that recognises how children say it: the labelled evaluation set meets the bar, negation
never hides a disclosure, and the safeguarding lead's own phrases work at once and are audited."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent, SafeguardingFlag
from survey_app.safeguarding.eval import CATEGORIES, MAX_FALSE_ALARMS, MIN_RECALL, evaluate, read_set
from survey_app.safeguarding.phrases import find_worrying, worrying_phrase

from .journey import Journey
from .test_safeguarding_every_ending import answer_everything


def test_the_evaluation_set_covers_every_category_with_enough_sentences():
    rows = read_set()
    worrying = [category for label, category, _ in rows if label == "worrying"]
    assert len(worrying) >= 300 and sum(label == "harmless" for label, _, _ in rows) >= 150
    assert {category: worrying.count(category) >= 15 for category in CATEGORIES} == dict.fromkeys(CATEGORIES, True)
    assert len({sentence for _, _, sentence in rows}) == len(rows)  # every sentence different


def test_the_patterns_meet_the_bar_in_every_category():
    result = evaluate(read_set())
    for category, total in result.total.items():
        assert result.found[category] / total >= MIN_RECALL, (category, [s for c, s in result.misses if c == category])
    assert result.recall >= MIN_RECALL
    assert result.false_alarm_rate <= MAX_FALSE_ALARMS, result.false_alarms


@pytest.mark.parametrize("text", [
    "i dont feel safe", "I don’t feel safe at home", "i do not feel safe", "i never feel safe", "im not safe",
    "i am not ok", "its not that im not scared he still hits me", "no i dont want to die but i cut myself",
    "not being funny but my dad hits me",
])
def test_negation_never_hides_a_disclosure(text):
    assert find_worrying(text), text


@pytest.mark.parametrize("text", ["I feel safe", "i feel safe and happy", "My safeguarding worker is nice", ""])
def test_feeling_safe_is_not_an_alarm(text):
    assert find_worrying(text) is None


def lead_page(client):
    return client.get("/staff/safeguarding/phrases").get_data(as_text=True)


def token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_a_phrase_the_lead_adds_flags_the_next_answer_and_removing_it_stops_that(
        app, client, make_staff, sign_in, make_round, release_flags):
    lead, _ = make_staff("safeguarding")
    sign_in(lead, _)
    local = "going up the blocks"  # a local phrase the built-in patterns don't know
    with app.app_context():
        assert worrying_phrase(f"i keep {local} with the older lot") is None
    response = client.post("/staff/safeguarding/phrases", data={"csrf_token": token(lead_page(client)),
                                                               "phrase": "Going UP the blocks"})
    assert response.status_code == 302
    slug = make_round("younger-children")
    child = Journey(app.test_client(), slug)
    answer_everything(child, {"grow_up_to_be": f"i keep {local} with the older lot"})
    child.send()
    release_flags()
    with app.app_context():
        assert [flag.reason for flag in db.session.scalars(select(SafeguardingFlag))] == ["worrying_words"]
        [phrase_id] = [row for row in db.session.scalars(select(AuditEvent.detail)
                                                          .where(AuditEvent.action == "safeguarding phrase added"))]
        number = int(re.search(r"phrase (\d+)", phrase_id).group(1))
    client.post(f"/staff/safeguarding/phrases/{number}/remove", data={"csrf_token": token(lead_page(client))})
    with app.app_context():
        assert worrying_phrase(f"i keep {local} with the older lot") is None
        actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor == lead)
                                          .order_by(AuditEvent.id)))
    assert "safeguarding phrase added" in actions and "safeguarding phrase removed" in actions


def test_a_phrase_too_short_or_already_listed_is_refused_with_what_was_typed_kept(client, make_staff, sign_in):
    sign_in(*make_staff("safeguarding"))
    refused = client.post("/staff/safeguarding/phrases", data={"csrf_token": token(lead_page(client)), "phrase": "x"})
    assert refused.status_code == 400 and "3 to 100 letters" in refused.get_data(as_text=True)
    client.post("/staff/safeguarding/phrases", data={"csrf_token": token(lead_page(client)), "phrase": "lean runs"})
    again = client.post("/staff/safeguarding/phrases", data={"csrf_token": token(lead_page(client)),
                                                            "phrase": "LEAN  runs"})
    assert again.status_code == 400 and "on the list already" in again.get_data(as_text=True)
    assert 'value="LEAN  runs"' in again.get_data(as_text=True)
