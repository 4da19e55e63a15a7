"""Help that fits every child: contacts match the survey's age band, and include ways that are not a
phone call."""

from __future__ import annotations

import re
from html import unescape

import pytest

from survey_app.questionnaire.translations import interface_words
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
    assert {"Childline", "Help at Hand (the Children’s Commissioner)", "In danger now"} <= set(shown)


def test_8_to_11s_see_a_childs_list_a_grown_up_they_trust_childline_and_the_council():
    shown = contacts_for(ages_of("8-11"), SETTINGS)
    assert [contact.name for contact in shown if contact.essential] == [
        "A grown-up you trust", "Childline", "Testshire Council children’s services", "In danger now"]
    assert "your carer, your social worker" in shown[0].how
    words = " ".join(f"{contact.name} {contact.how}" for contact in shown)
    for adult_word in ("IRO", "review meetings", "key worker", "personal adviser", "Samaritans", "leaving care",
                       "Shout", "under 19"):
        assert adult_word not in words
    assert [contact.phone for contact in shown if contact.name == "Childline"] == ["0800 1111"]


@pytest.mark.parametrize("ages", ["12-15", "11-18", "16-25", None])
def test_older_surveys_keep_the_iro_and_the_key_worker_each_explained(ages):
    someone = contacts_for(ages_of(ages), SETTINGS)[0]
    assert someone.name == "Someone you know"
    assert "IRO (the person who runs your review meetings)" in someone.how
    assert "key worker (the grown-up who looks after you where you live)" in someone.how


def test_care_leavers_personal_adviser_is_explained_where_it_is_named():
    assert "personal adviser (the worker who helps you after care)" in contacts_for(ages_of("16-25"), SETTINGS)[0].how


@pytest.mark.parametrize("ages", ["8-11", "11-18", "16-25", None])
def test_ways_that_are_not_a_phone_call_are_there_for_every_age(ages):
    shown = {contact.name: contact for contact in contacts_for(ages_of(ages), SETTINGS)}
    assert shown["Childline"].web == "childline.org.uk"  # its 1-to-1 chat
    assert shown["Help at Hand (the Children’s Commissioner)"].phone == "0800 528 0731"
    if ages != "8-11":  # Shout's texts are on the older lists; children have Childline's chat
        assert shown["Shout"].how.startswith("text SHOUT to 85258")


def test_childline_says_it_is_for_under_19s_only_when_the_survey_goes_past_18():
    childline = {ages: [c for c in contacts_for(ages_of(ages), SETTINGS) if c.name == "Childline"][0]
                 for ages in ("8-11", "11-18", "16-25")}
    assert "under 19" not in childline["8-11"].how and "under 19" not in childline["11-18"].how
    assert "under 19" in childline["16-25"].how


@pytest.mark.parametrize(("ages", "adult_services"), [("8-11", False), ("13-15", False), ("11-18", True),
                                                      ("16-25", True)])
def test_samaritans_and_the_leaving_care_team_show_when_the_oldest_is_16_or_more(ages, adult_services):
    shown = set(names(ages))
    assert ("Samaritans" in shown) is adult_services
    assert ("Care leavers: the leaving care team" in shown) is adult_services


def test_care_leavers_see_the_leaving_care_team_and_samaritans():
    shown = names("16-25")
    assert {"Care leavers: the leaving care team", "Samaritans", "Shout", "Childline"} <= set(shown)


def test_childline_is_left_out_when_nobody_is_under_19():
    assert "Childline" not in names("19-25")


def test_advocacy_and_complaints_show_only_when_the_council_sets_them():
    assert not {"An advocate", "Make a complaint"} & set(names("8-11"))
    settings = {**SETTINGS, "ADVOCACY_PHONE": "0800 000 000", "COMPLAINTS_URL": "testshire.gov.uk/complain"}
    shown = contacts_for(ages_of("8-11"), settings)
    assert [c.web for c in shown if c.name == "Make a complaint"] == ["testshire.gov.uk/complain"]
    assert [c.phone for c in shown if c.name == "An advocate"] == ["0800 000 000"]


def test_a_web_address_setting_is_shown_as_a_young_person_would_type_it():
    settings = {**SETTINGS, "COMPLAINTS_URL": "javascript:alert(1)", "ADVOCACY_URL": "https://advocacy.example/"}
    shown = {contact.name: contact for contact in contacts_for(ages_of("8-11"), settings)}
    assert "Make a complaint" not in shown
    assert shown["An advocate"].web == "advocacy.example"


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
    assert "A grown-up you trust" in page and "your carer, your social worker" in page
    assert "Samaritans" not in page and "leaving care team" not in page and "01632 960102" not in page
    assert "IRO" not in page and "Shout" not in page
    who = text(child.client.get(f"/help?next=/r/{child.slug}/q/feel_about_home"))
    assert "Samaritans" not in who and "Childline" in who


def test_the_care_leavers_help_page_has_their_services(client, make_round):
    slug = make_round("care-leavers")
    page = text(client.get(f"/help?next=/r/{slug}"))
    assert "Samaritans" in page and "01632 960102" in page and "text SHOUT to 85258" in page


def test_the_help_page_without_a_survey_shows_every_contact(client):
    page = text(client.get("/help"))
    assert "Samaritans" in page and "Childline" in page and "Help at Hand" in page


def test_the_help_link_at_the_foot_of_a_survey_page_knows_the_survey(client, make_round):
    slug = make_round("younger-children")
    page = client.get(f"/r/{slug}").get_data(as_text=True)
    footer = page[page.index('<footer'):]
    link = unescape(re.search(r'href="([^"]*)">Who can I talk to\?', footer).group(1))
    help_page = text(client.get(link))
    assert "Childline" in help_page and "Samaritans" not in help_page


def test_the_help_link_on_a_help_page_keeps_the_survey(client, make_round):
    slug = make_round("younger-children")
    page = client.get(f"/help/now?round={slug}&next=/r/{slug}/check").get_data(as_text=True)
    for link in re.findall(r'href="([^"]*)">Who can I talk to\?', page):
        assert "Samaritans" not in text(client.get(unescape(link)))


def test_a_closed_8_to_11_survey_shows_the_contacts_for_its_age(client, make_round):
    page = text(client.get(f"/r/{make_round('younger-children', status='closed')}"))
    assert "This survey has closed" in page and "Childline" in page and "Samaritans" not in page


def test_the_councils_advocacy_and_complaints_are_on_the_help_page_when_set(app, client, make_round, monkeypatch):
    slug = make_round("younger-children")
    assert "Make a complaint" not in text(client.get(f"/help?round={slug}"))
    for key, value in {"ADVOCACY_NAME": "Testshire Advocacy", "ADVOCACY_PHONE": "01632 960103",
                       "COMPLAINTS_URL": "https://testshire.example/complain"}.items():
        monkeypatch.setitem(app.config, key, value)
    page = text(client.get(f"/help?round={slug}"))
    assert "Testshire Advocacy" in page and "01632 960103" in page
    assert "Make a complaint" in page and "something isn’t right (testshire.example/complain)" in page
    assert "https://" not in page  # shown as text: no page of ours links to another site


def test_the_8_to_11_start_and_sent_pages_show_the_childs_list(app, journey):
    child: Journey = journey("younger-children")
    start = text(child.client.get(f"/r/{child.slug}"))
    assert "A grown-up you trust" in start and "IRO" not in start and "key worker" not in start
    where = child.begin()
    while where != "check":
        where = child.follow(child.answer(skip=True).location)
    sent = text(child.client.get(child.send().location))
    assert "A grown-up you trust" in sent and "IRO" not in sent and "Samaritans" not in sent


def test_the_care_leavers_start_page_explains_the_iro_and_personal_adviser(client, make_round):
    page = text(client.get(f"/r/{make_round('care-leavers')}"))
    assert "personal adviser (the worker who helps you after care)" in page
    assert "IRO (the person who runs your review meetings)" in page and "leaving care team" in page


# -- issue 12: help in the page's language ----------------------------------------------------------------
INTERPRETING = "01632 960199"


@pytest.mark.parametrize("ages", ["8-11", "12-15", "16-25"])
def test_welsh_pages_add_meic_childlines_interpreters_and_the_councils_interpreting_line(app, ages):
    settings = {**SETTINGS, "COUNCIL_INTERPRETING_PHONE": INTERPRETING}
    with app.test_request_context("/help"):
        welsh = contacts_for(ages_of(ages), settings, "cy")
        arabic = contacts_for(ages_of(ages), settings, "ar")
        english = contacts_for(ages_of(ages), settings, "en")
    phones = {language: [contact.phone for contact in shown] for language, shown in
              (("cy", welsh), ("ar", arabic), ("en", english))}
    assert "080880 23456" in phones["cy"] and "080880 23456" not in phones["ar"] + phones["en"]
    assert INTERPRETING in phones["cy"] and INTERPRETING in phones["ar"] and INTERPRETING not in phones["en"]
    assert [contact for contact in english if contact.phone == "0800 1111"][0].how.startswith("call free, any time")
    assert "interpreter" not in " ".join(contact.how for contact in english)


def test_no_interpreting_line_is_listed_when_the_council_has_not_set_one(app):
    with app.test_request_context("/help"):
        assert INTERPRETING not in [contact.phone for contact in contacts_for(ages_of("8-11"), SETTINGS, "ar")]


@pytest.fixture
def interpreting_line(app):
    before = app.config.get("COUNCIL_INTERPRETING_PHONE")
    app.config["COUNCIL_INTERPRETING_PHONE"] = INTERPRETING
    yield INTERPRETING
    app.config["COUNCIL_INTERPRETING_PHONE"] = before


@pytest.mark.usefixtures("interpreting_line")
def test_the_help_page_shows_the_contacts_of_its_language(client):
    english = text(client.get("/help?lang=en"))
    welsh = text(client.get("/help?lang=cy"))
    arabic = text(client.get("/help?lang=ar"))
    assert INTERPRETING not in english and "080880 23456" not in english
    assert INTERPRETING in welsh and "080880 23456" in welsh and "Meic" in welsh
    assert INTERPRETING in arabic and "080880 23456" not in arabic
    # the page itself is in Welsh: its heading in the catalogue's Welsh, not the English
    assert interface_words("cy")("Who can I talk to?") in welsh and "Who can I talk to?" not in welsh
    assert "0800 1111" in arabic and "0800 1111" in welsh


def test_a_language_known_only_by_its_script_is_named_so(app):
    from survey_app.answer_languages import language_name

    with app.test_request_context("/"):
        assert language_name("und-Ethi") == "Ethiopic letters (language not known)"
        assert language_name("cy") == "Welsh" and language_name("pl") == "Polish"
