"""The staff workspace in Welsh and Arabic: the pages' own words come from the catalogues, and every message
of the workspace's first half (dashboard, builder, actions, paper responses, challenges, meetings,
involvement, password) has a Welsh and an Arabic translation."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from survey_app.catalogues import TRANSLATIONS

pytestmark = pytest.mark.usefixtures("shipped_questionnaires_only")

# The files whose messages this part of the workspace owns (templates/staff/ and survey_app/staff/).
TEMPLATES = {"actions_delete", "actions_import", "actions_list", "actions_show", "_builder_problems", "challenge",
             "challenge_new", "challenges", "dashboard", "involvement", "layout", "meeting_form", "meetings",
             "paper_entry", "paper_round", "paper_rounds", "paper_upload", "password"}
MODULES = {"actions", "between_rounds", "builder", "builder_bank", "builder_forms", "builder_preview",
           "involvement", "paper", "views", "forms", "form_page"}


def owned(location: str) -> bool:
    path = Path(location)
    if path.parent.as_posix() == "templates/staff" and path.suffix == ".html":
        return path.stem in TEMPLATES or path.stem.startswith("builder_")
    return path.parent.as_posix() == "survey_app/staff" and path.suffix == ".py" and path.stem in MODULES


def untranslated(language: str) -> list[str]:
    """The owned messages without a translation in `language`, each with where it is used."""
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po, locale=language)
    missing = []
    for message in catalogue:
        places = [f"{file}:{line}" for file, line in message.locations if owned(file)]
        if not message.id or not places:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(f"{places[0]}: {message.id!r}")
    return missing


def test_the_owned_files_have_messages_in_the_catalogues():
    with (TRANSLATIONS / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po, locale="cy")
    owned_ids = [message.id for message in catalogue if any(owned(file) for file, _line in message.locations)]
    assert len(owned_ids) > 400  # a file left out of extraction would show here
    assert "Staff home" in owned_ids and "Questionnaires" in owned_ids


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_every_message_of_these_staff_pages_is_translated(language):
    missing = untranslated(language)
    assert not missing, f"{len(missing)} untranslated in {language}:\n" + "\n".join(missing)


@pytest.fixture
def worker(client, make_staff, sign_in):
    email, password = make_staff("admin", "worker")
    assert sign_in(email, password).status_code == 302
    return client


def text_of(response) -> str:
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return html.unescape(re.sub(r"\s+", " ", page))


PAGES = {
    "dashboard": "/staff/",
    "builder list": "/staff/questionnaires",
    "builder edit": "/staff/questionnaires/care-leavers",
    "actions list": "/staff/actions",
    "paper rounds": "/staff/paper",
}

# (page, English words, Welsh words, Arabic words): a heading or link each page always shows.
WORDS = [
    ("dashboard", "Staff home", "Hafan staff", "الصفحة الرئيسية للموظفين"),
    ("dashboard", "Survey rounds", "Rowndiau arolwg", "جولات الاستبيان"),
    ("builder list", "Make a new questionnaire", "Creu holiadur newydd", "إنشاء استبيان جديد"),
    ("builder edit", "About this questionnaire", "Am yr holiadur hwn", "عن هذا الاستبيان"),
    ("builder edit", "Add a section", "Ychwanegu adran", "إضافة قسم"),
    ("actions list", "Show these actions", "Dangos y camau gweithredu hyn", "عرض هذه الإجراءات"),
    ("paper rounds", "Paper responses", "Ymatebion papur", "الردود الورقية"),
]


@pytest.mark.parametrize("page, english, welsh, arabic", WORDS)
def test_staff_pages_are_shown_in_the_language_asked_for(worker, page, english, welsh, arabic):
    url = PAGES[page]
    in_welsh = text_of(worker.get(f"{url}?lang=cy"))
    assert welsh in in_welsh and english not in in_welsh
    assert '<html lang="cy" dir="ltr">' in in_welsh and "Allgofnodi" in in_welsh  # the staff menu too
    in_arabic = text_of(worker.get(f"{url}?lang=ar"))
    assert arabic in in_arabic and english not in in_arabic
    assert '<html lang="ar" dir="rtl">' in in_arabic and "تسجيل الخروج" in in_arabic
    assert english in text_of(worker.get(f"{url}?lang=en"))


def test_a_count_uses_the_languages_plural_forms(worker):
    """Arabic says 3 to 10 questions with a plural noun and 11 to 99 with a singular one."""
    page = worker.get("/staff/questionnaires/care-leavers/sections/about_you/bank?lang=ar").get_data(as_text=True)
    count, noun = re.search(r'id="bank-results"[^>]*>(\d+) (\S+)</h2>', page).groups()
    assert int(count) > 2
    assert noun == ("أسئلة" if 3 <= int(count) % 100 <= 10 else "سؤالًا")


def test_a_flash_message_is_in_the_page_language(worker):
    page = worker.get("/staff/questionnaires/new?lang=cy").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page)
    csrf = next(group for group in token.groups() if group)
    response = worker.post("/staff/questionnaires/new", data={"csrf_token": csrf, "key": "haf-2026",
                                                              "title": "Haf 2026"}, follow_redirects=True)
    assert "Crëwyd yr holiadur." in text_of(response)
