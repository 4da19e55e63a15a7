"""Help that fits every child: contacts match the survey's age band, and include ways that are not a
phone call."""

from __future__ import annotations

import re
from html import unescape

import pytest

from survey_app.safeguarding.contacts import ages_of, contacts_for

from .journey import Journey

SETTINGS = {"COUNCIL_NAME": "Testshire Council", "COUNCIL_PHONE": "01632 960100", "LEAVING_CARE_PHONE": "01632 960102"}


def names(ages, settings=SETTINGS) -> list[str]:
    return [contact.name for contact in contacts_for(ages_of(ages), settings)]


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_the_youngest_see_no_adult_services():
    shown = names("8-11")
    assert "Samaritans" not in shown and "Care leavers: the leaving care team" not in shown
    assert "Shout" not in shown  # text service for 13 and over
    assert {"Childline", "Help at Hand (the Children’s Commissioner)", "In danger now"} <= set(shown)


def test_care_leavers_see_the_leaving_care_team_and_samaritans():
    shown = names("16-25")
    assert {"Care leavers: the leaving care team", "Samaritans", "Shout", "Childline"} <= set(shown)


def test_childline_is_left_out_when_nobody_is_under_19():
    assert "Childline" not in names("19-25")


def test_advocacy_and_complaints_show_only_when_the_council_sets_them():
    assert not {"An advocate", "Make a complaint"} & set(names("8-11"))
    settings = {**SETTINGS, "ADVOCACY_PHONE": "0800 000 000", "COMPLAINTS_URL": "testshire.gov.uk/complain"}
    shown = contacts_for(ages_of("8-11"), settings)
    assert [c.extra for c in shown if c.name == "Make a complaint"] == ["testshire.gov.uk/complain"]
    assert [c.phone for c in shown if c.name == "An advocate"] == ["0800 000 000"]


@pytest.mark.parametrize("value", [None, "", "all ages", "8 to 11"])
def test_an_unknown_age_band_shows_everyone(value):
    assert ages_of(value) is None
    assert {"Samaritans", "Care leavers: the leaving care team", "Childline"} <= set(names(value))


def test_the_8_to_11_surveys_urgent_help_page_fits_a_nine_year_old(app, journey):
    child: Journey = journey("younger-children")
    child.begin()
    child.answer_and_go("2")
    response = child.answer("no")
    page = text(child.client.get(response.location))
    assert "You can get help now" in page
    assert "Childline" in page and "childline.org.uk" in page and "0800 528 0731" in page and "999" in page
    assert "Samaritans" not in page and "leaving care team" not in page and "01632 960102" not in page
    who = text(child.client.get(f"/help?next=/r/{child.slug}/q/feel_about_home"))
    assert "Samaritans" not in who and "Childline" in who


def test_the_care_leavers_help_page_has_their_services(client, make_round):
    slug = make_round("care-leavers")
    page = text(client.get(f"/help?next=/r/{slug}"))
    assert "Samaritans" in page and "01632 960102" in page and "text SHOUT to 85258" in page


def test_the_help_page_without_a_survey_shows_every_contact(client):
    page = text(client.get("/help"))
    assert "Samaritans" in page and "Childline" in page and "Help at Hand" in page
