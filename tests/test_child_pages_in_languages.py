"""The pages a young person sees, in Welsh and Arabic: the survey's start, question, check, sent and closed
pages and the error page come out in the chosen language, and every interface string of those pages has
a Welsh and an Arabic translation in the catalogues (and is in the catalogue template at all)."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from survey_app.questionnaire.schema import RATHER_NOT_SAY

from .journey import Journey

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "survey_app" / "translations"
LANGUAGES = ("cy", "ar")
KEY = "younger-children"  # the 8-11 survey: its questionnaire is one of those translated into cy and ar

# The files whose words a young person reads (the survey, the young reviewers' copy and its worker's side,
# the error page, and the Python that words their messages). The "You said, we did" page's are checked
# with that page.
NOT_CHILD_TEMPLATES = {"survey/you_said_we_did.html", "survey/_because_you_said.html", "survey/reply_preparing.html"}
CHILD_PYTHON = ("survey_app/survey/views.py", "survey_app/survey/carry_on.py", "survey_app/survey/involved.py",
                "survey_app/survey/review_card.py", "survey_app/review/journey.py", "survey_app/review/manage.py",
                "survey_app/reviewing/comments.py", "survey_app/reviewing/links.py", "survey_app/pages.py",
                "survey_app/responses/answers.py",
                "survey_app/responses/carry_on_code.py", "survey_app/responses/review_card.py",
                "survey_app/question_types.py", "survey_app/questionnaire/schema.py",
                "survey_app/involvement/details.py")
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "N_": None}

# (English, Welsh, Arabic) that each page must show in the page's language, and not in English.
START = ("Got a code to carry on?", "Oes gen ti god i barhau?", "هل لديك رمز لتكمل؟")
QUESTION = ("Skip this question", "Hepgor y cwestiwn hwn", "تخطَّ هذا السؤال")
CHECK = ("Check your answers", "Gwirio dy atebion", "راجع إجاباتك")
SENT = ("Your answers have been sent", "Mae dy atebion wedi’u hanfon", "تم إرسال إجاباتك")
CLOSED = ("This survey has closed", "Mae’r arolwg hwn wedi cau", "أُغلق هذا الاستبيان")
ERROR = ("Sorry, something went wrong", "Sori, aeth rhywbeth o’i le", "عذرًا، حدث خطأ")
EXIT = ("Exit this page", "Gadael y dudalen hon", "اخرج من هذه الصفحة")


def child_templates() -> list[str]:
    found = ["templates/base.html", "templates/forms.html", "templates/macros.html", "templates/pages/error.html"]
    for folder in ("survey", "review"):
        found += [f"templates/{folder}/{path.name}" for path in sorted((ROOT / "templates" / folder).glob("*.html"))
                  if f"{folder}/{path.name}" not in NOT_CHILD_TEMPLATES]
    return found


def child_files() -> list[str]:
    return child_templates() + list(CHILD_PYTHON)


def _read(path: Path, code: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code)


def _key(message_id) -> str:
    return message_id[0] if isinstance(message_id, tuple | list) else message_id


def untranslated(template: Catalog, translated: Catalog, files: list[str]) -> list[str]:
    """The template's messages from `files` with no translation (or an empty plural form) in `translated`,
    each with where it is used."""
    wanted = set(files)
    missing = []
    for message in template:
        if not message.id or not any(path in wanted for path, _line in message.locations):
            continue
        found = translated.get(message.id)
        strings = [] if found is None else (list(found.string) if isinstance(found.string, tuple | list)
                                            else [found.string])
        if found is None or found.fuzzy or not strings or not all(text.strip() for text in strings):
            where = ", ".join(f"{path}:{line}" for path, line in message.locations if path in wanted)
            missing.append(f"{_key(message.id)!r} ({where})")
    return missing


def extracted(relative: str) -> set[str]:
    method = "jinja2.ext.babel_extract" if relative.endswith(".html") else "python"
    return {_key(message[1]) if isinstance(message[1], tuple | list) else message[1]
            for message in extract_from_file(method, str(ROOT / relative), keywords=KEYWORDS)}


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def shows(html: str, words: tuple[str, str, str], code: str) -> None:
    english, welsh, arabic = words
    assert {"cy": welsh, "ar": arabic}[code] in html
    assert english not in html


# -- the pages -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_survey_pages_a_child_goes_through_are_in_the_chosen_language(client, make_round, code):
    child = Journey(client, make_round(KEY))
    start = client.get(f"/r/{child.slug}?lang={code}")
    html = page(start)
    assert f'lang="{code}"' in html
    shows(html, START, code)
    shows(html, EXIT, code)

    first = child.begin()
    question = page(client.get(f"/r/{child.slug}/q/{first}?lang={code}"))
    shows(question, QUESTION, code)
    assert ">Continue</button>" not in question

    where = first
    while where != "check":  # skip what can be skipped, "I'd rather not say" to the rest
        child.open(f"/r/{child.slug}/q/{where}?lang={code}")
        response = child.answer(skip=True) if 'name="skip"' in child.page else child.answer(RATHER_NOT_SAY)
        where = child.follow(response.location)
    check = page(client.get(f"/r/{child.slug}/check?lang={code}"))
    shows(check, CHECK, code)

    child.send()
    sent = page(client.get(f"/r/{child.slug}/sent?lang={code}"))
    shows(sent, SENT, code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_closed_page_and_the_error_page_are_in_the_chosen_language(client, make_round, code):
    slug = make_round(KEY, status="closed")
    closed = client.get(f"/r/{slug}?lang={code}")
    assert closed.status_code == 410
    shows(page(closed), CLOSED, code)

    missing = client.get(f"/r/no-such-survey?lang={code}")
    assert missing.status_code == 404
    html = page(missing)
    shows(html, ERROR, code)
    assert f'dir="{"rtl" if code == "ar" else "ltr"}"' in html


def test_a_refused_answer_is_explained_in_the_chosen_language(client, make_round):
    child = Journey(client, make_round(KEY))
    first = child.begin()
    child.open(f"/r/{child.slug}/q/{first}?lang=cy")
    child.answer("not-an-option", expect_status=400)
    assert "Aeth rhywbeth o’i le gyda’r ateb yna. Plîs dewisa eto." in unescape(child.page)
    assert "Something went wrong with that answer" not in unescape(child.page)


def test_english_stays_the_default(client, make_round):
    html = page(client.get(f"/r/{make_round(KEY)}"))
    assert 'lang="en"' in html and START[0] in html and START[1] not in html


# -- the catalogues ------------------------------------------------------------------------------------------
def test_every_string_a_child_reads_is_in_the_catalogue_template():
    template = {_key(message.id) for message in _read(TRANSLATIONS / "messages.pot") if message.id}
    missing = {relative: sorted(extracted(relative) - template) for relative in child_files()}
    missing = {relative: words for relative, words in missing.items() if words}
    assert not missing, f"run pybabel extract and update (README): not in messages.pot: {missing}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_a_child_reads_is_translated(code):
    template = _read(TRANSLATIONS / "messages.pot")
    translated = _read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", code)
    missing = untranslated(template, translated, child_files())
    assert not missing, f"{len(missing)} without a {code} translation:\n" + "\n".join(missing)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_translation_file_says_it_needs_a_fluent_speakers_check(code):
    text = (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert "# Needs checking by a fluent speaker before use with children." in text.split('msgid ""')[0]


def test_the_check_finds_a_missing_an_empty_and_a_half_done_plural_translation():
    template = Catalog()
    template.add("Start", locations=[("templates/survey/start.html", 3)])
    template.add("Skip this question", locations=[("templates/survey/question.html", 5)])
    template.add(("%(num)s day", "%(num)s days"), locations=[("survey_app/survey/views.py", 9)])
    template.add("Staff only", locations=[("templates/staff/home.html", 1)])
    translated = Catalog(locale="cy")
    translated.add("Start", "Dechrau")
    translated.add("Skip this question", "")
    translated.add(("%(num)s day", "%(num)s days"), ("%(num)s diwrnod", "", "", "", "", ""))
    files = ["templates/survey/start.html", "templates/survey/question.html", "survey_app/survey/views.py"]
    missing = untranslated(template, translated, files)
    assert missing == ["'Skip this question' (templates/survey/question.html:5)",
                       "'%(num)s day' (survey_app/survey/views.py:9)"]
    translated.get("Skip this question").string = "Hepgor y cwestiwn hwn"
    translated.get(("%(num)s day", "%(num)s days")).string = ("%(num)s diwrnod",) * 6
    assert untranslated(template, translated, files) == []


def test_the_question_types_own_words_are_in_the_catalogue_and_stay_plain_english():
    from survey_app import question_types
    from survey_app.questionnaire.schema import RATHER_NOT_SAY_LABEL

    template = {_key(message.id) for message in _read(TRANSLATIONS / "messages.pot") if message.id}
    words = {label for kind in question_types.TYPES.values() for _value, label in kind.options}
    assert words | {RATHER_NOT_SAY_LABEL} <= template
    assert RATHER_NOT_SAY_LABEL == "I'd rather not say" and type(RATHER_NOT_SAY_LABEL) is str
    assert question_types.get("yes_no").labels() == {"yes": "Yes", "no": "No", "not_sure": "Not sure"}


def test_messages_worded_outside_a_request_are_english(app):
    from survey_app.responses.carry_on_code import hours_in_words

    with app.app_context():  # a command or a background job: no request, so no language was chosen
        assert hours_in_words(12) == "12 hours from now"
