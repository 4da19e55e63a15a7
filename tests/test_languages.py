"""Which language a page is shown in: ?lang=, the session, the browser's preference, English."""

from __future__ import annotations

import re


def _html_tag(page: bytes) -> str:
    return re.search(r"<html[^>]*>", page.decode()).group(0)


def test_pages_are_english_when_nothing_asks_for_another_language(client):
    assert _html_tag(client.get("/help").data) == '<html lang="en" dir="ltr">'


def test_lang_in_the_address_chooses_the_language_and_is_kept_for_the_next_page(client):
    assert _html_tag(client.get("/help?lang=cy").data) == '<html lang="cy" dir="ltr">'
    assert _html_tag(client.get("/help").data) == '<html lang="cy" dir="ltr">'


def test_arabic_pages_run_right_to_left(client):
    assert _html_tag(client.get("/help?lang=ar").data) == '<html lang="ar" dir="rtl">'


def test_the_browsers_preferred_language_is_used_when_we_have_it(client):
    page = client.get("/help", headers={"Accept-Language": "fr;q=1.0, cy-GB;q=0.8, en;q=0.5"})
    assert _html_tag(page.data) == '<html lang="cy" dir="ltr">'


def test_a_language_we_do_not_have_falls_back_to_english(client):
    assert _html_tag(client.get("/help?lang=xx").data) == '<html lang="en" dir="ltr">'
    assert _html_tag(client.get("/help", headers={"Accept-Language": "fr"}).data) == '<html lang="en" dir="ltr">'


def test_pages_rendered_outside_a_request_are_english(app):
    from flask import render_template_string

    with app.app_context():
        assert render_template_string("{{ page_language.code }}") == "en"


def test_a_template_follows_a_language_chosen_or_forced_in_the_middle_of_a_request(app):
    """Templates look the catalogue up once a request (languages._translations); a language the survey
    narrows to (`use`) or a message forced into another language must still take effect at once."""
    from flask import render_template_string
    from flask_babel import force_locale

    from survey_app.languages import use

    back = "{{ _('Back') }}|{{ pgettext('round state', 'Open') }}"
    with app.test_request_context("/help"):
        english = render_template_string(back)
        use("cy")
        welsh = render_template_string(back)
        with force_locale("ar"):
            arabic = render_template_string(back)
        after = render_template_string(back)
    assert english == "Back|Open"
    assert welsh != english and after == welsh
    assert arabic not in (english, welsh)


def test_templates_rendered_outside_a_request_are_not_translated(app):
    from flask import render_template_string

    with app.app_context():
        assert render_template_string("{{ _('Back') }}") == "Back"
