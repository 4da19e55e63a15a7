"""Round link codes a child can type from a printed card: no characters that look like others."""

from __future__ import annotations

from sqlalchemy import update

from survey_app.extensions import db
from survey_app.models import SurveyRound
from survey_app.models.ids import LINK_ALPHABET, LINK_BITS, LINK_LENGTH, round_slug

LOOK_ALIKES = "0oO1lIij2zZ5sS6bB8G9gqQuvVm"


def test_the_link_alphabet_has_no_look_alike_characters_and_no_capitals():
    assert not set(LINK_ALPHABET) & set(LOOK_ALIKES)
    assert LINK_ALPHABET.lower() == LINK_ALPHABET and len(set(LINK_ALPHABET)) == len(LINK_ALPHABET)


def test_a_round_link_code_is_hard_to_guess():
    assert LINK_BITS >= 40
    slugs = {round_slug() for _ in range(2000)}
    assert len(slugs) == 2000
    assert all(len(slug) == LINK_LENGTH and set(slug) <= set(LINK_ALPHABET) for slug in slugs)
    assert set("".join(slugs)) == set(LINK_ALPHABET)  # every character is used


def test_a_new_round_gets_a_code_from_the_alphabet(app, make_round):
    slug = make_round("younger-children")
    assert len(slug) == LINK_LENGTH and set(slug) <= set(LINK_ALPHABET)


def test_a_round_made_with_an_old_style_link_still_opens(app, client, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        db.session.execute(update(SurveyRound).where(SurveyRound.slug == slug).values(slug="O0lI1xyZ"))
        db.session.commit()
    response = client.get("/r/O0lI1xyZ")
    assert response.status_code == 200 and "Your life, your say" in response.get_data(as_text=True)


def test_a_link_code_typed_in_capitals_goes_to_its_round(client, make_round):
    slug = make_round("younger-children")
    first_letter = next(index for index, character in enumerate(slug) if character.isalpha())
    capital_first = slug[:first_letter] + slug[first_letter].upper() + slug[first_letter + 1:]
    response = client.get(f"/r/{capital_first}")
    assert response.status_code == 302 and response.location == f"/r/{slug}"
    assert client.get(f"/r/{slug.upper()}").location == f"/r/{slug}"


def test_an_older_mixed_case_link_is_matched_exactly(app, client, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        db.session.execute(update(SurveyRound).where(SurveyRound.slug == slug).values(slug="Kt7xAb3d"))
        db.session.commit()
    assert client.get("/r/Kt7xAb3d").status_code == 200
    assert client.get("/r/kt7xab3d").status_code == 404
    assert client.get("/r/KT7XAB3D").status_code == 404
    assert client.get("/r/NOSUCHCODE").status_code == 404
