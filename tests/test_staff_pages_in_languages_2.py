"""Staff pages in Welsh and Arabic (issue 12, second half of the staff workspace): survey rounds, quotes,
users and the published board report are shown in the language asked for with ?lang=, and every message
whose source is one of these pages (or their Python) has a Welsh and an Arabic translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import StaffUser, StrategyPriority, Theme
from survey_app.rounds.setup import AUDIENCES, COHORT_GROUPS
from survey_app.staff.rounds_forms import AUDIENCE_WORDS, COHORT_WORDS

from .moderation import add_written_answers
from .report_sample import use_sample_reports
from .test_moderation_quotes import FILLER, SARAH, put_forward
from .test_reports_pages import publish_directly, text_of

TRANSLATIONS = Path(__file__).resolve().parent.parent / "survey_app" / "translations"

# The files this part of the work marked for translation (templates/reports/_because_you_said.html and
# preview_children.html belong to the children's pages).
OURS = re.compile(
    r"^(templates/staff/(audit|priorities|priority_delete|priority_form|quote|quotes|response_remove|rounds_[a-z]+"
    r"|sign_in|standing_report|theme_form|themes|user_new|user_roles|users)\.html"
    r"|templates/reports/(?!_because_you_said\.|preview_children\.)[^/]+\.html"
    r"|survey_app/staff/(priorities_admin|removals|rounds_admin|rounds_forms|themes_admin)\.py"
    r"|survey_app/reports/views\.py|survey_app/accounts/[^/]+\.py|survey_app/reporting/present\.py"
    r"|survey_app/rounds/setup\.py)$")

# Words each page shows in each language: (English, Welsh, Arabic).
ROUNDS_LIST = ("Survey rounds", "Rowndiau arolwg", "جولات الاستبيان")
ROUND_PAGE = ("Answers so far", "Atebion hyd yma", "الإجابات حتى الآن")
QUOTES_PAGE = ("Answers put forward as quotes.", "Atebion a gynigiwyd fel dyfyniadau.", "إجابات اقتُرحت كاقتباسات.")
USERS_PAGE = ("Staff accounts and their roles", "Cyfrifon staff a’u rolau", "حسابات الموظفين وأدوارهم")
BOARD_REPORT = ("Main themes", "Prif themâu", "المواضيع الرئيسية")
LANGUAGE = {"cy": 1, "ar": 2}


@pytest.fixture
def admin_worker(client, make_staff, sign_in):
    assert sign_in(*make_staff("admin", "worker")).status_code == 302
    return client


@pytest.fixture
def board(client, make_staff, sign_in):
    assert sign_in(*make_staff("board")).status_code == 302
    return client


def page_text(client, url: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    return html, text_of(html)


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_rounds_a_round_quotes_and_users_are_shown_in_the_language_asked_for(admin_worker, make_round, lang):
    slug = make_round("younger-children")
    for url, words in ((f"/staff/rounds?lang={lang}", ROUNDS_LIST), (f"/staff/rounds/{slug}?lang={lang}", ROUND_PAGE),
                       (f"/staff/rounds/{slug}/quotes?lang={lang}", QUOTES_PAGE),
                       (f"/staff/users?lang={lang}", USERS_PAGE)):
        html, text = page_text(admin_worker, url)
        assert f'<html lang="{lang}"' in html
        assert words[LANGUAGE[lang]] in text, url
        assert words[0] not in text, url


def test_the_language_chosen_is_kept_for_the_next_staff_page_and_english_comes_back(admin_worker, make_round):
    slug = make_round("younger-children")
    page_text(admin_worker, "/staff/rounds?lang=cy")
    assert ROUND_PAGE[1] in page_text(admin_worker, f"/staff/rounds/{slug}")[1]
    assert ROUND_PAGE[0] in page_text(admin_worker, f"/staff/rounds/{slug}?lang=en")[1]


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_the_published_board_report_is_shown_in_the_language_asked_for(app, board, make_round, monkeypatch, lang):
    use_sample_reports(monkeypatch)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    html, text = page_text(board, f"/staff/board/reports/{slug}?lang={lang}")
    assert BOARD_REPORT[LANGUAGE[lang]] in text and BOARD_REPORT[0] not in text
    # counts, "c" and the month stay readable: the trend's change and the dates are in the page's language
    change = {"cy": "i fyny 8 pwynt canran", "ar": "ارتفاع 8 نقاط مئوية"}[lang]
    month = {"cy": "1 Tachwedd 2026", "ar": "1 نوفمبر 2026"}[lang]
    assert change in text and month in text
    assert "up 8 percentage points" not in text and "1 November 2026" not in text


def test_the_board_report_in_english_is_unchanged(app, board, make_round, monkeypatch):
    use_sample_reports(monkeypatch)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    text = page_text(board, f"/staff/board/reports/{slug}?lang=en")[1]
    assert "28 young people answered: 25 online, c on paper." in text
    assert "Up 8 percentage points since Your life, your care 2016: could be chance: the numbers are small" in text


def untranslated(lang: str) -> list[str]:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po, locale=lang)
    missing = []
    for message in catalogue:
        if not message.id or not any(OURS.match(path) for path, _line in message.locations):
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(form and form.strip() for form in forms) or message.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_every_message_of_these_pages_has_a_translation(lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        ours = [m for m in read_po(po, locale=lang) if m.id and any(OURS.match(p) for p, _ in m.locations)]
    assert len(ours) > 400  # the pages' messages are in the catalogue (extracted), not just absent
    assert untranslated(lang) == []


def test_the_round_pages_words_for_audiences_and_groups_match_the_rounds_setup():
    assert {key: str(words) for key, words in AUDIENCE_WORDS.items()} == AUDIENCES
    assert {key: str(words) for key, words in COHORT_WORDS.items()} == {key: label for key, label, _ in COHORT_GROUPS}


def test_a_rounds_state_and_audience_are_in_the_page_language(admin_worker, make_round):
    slug = make_round("younger-children")
    text = page_text(admin_worker, "/staff/rounds?lang=cy")[1]
    assert "Ar agor" in text
    text = page_text(admin_worker, f"/staff/rounds/{slug}/numbers?lang=ar")[1]
    assert "الأطفال في الرعاية بعمر 8 إلى 11" in text


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_every_page_of_this_part_opens_in_welsh_and_arabic(app, admin_worker, make_round, monkeypatch, lang):
    """A translation with a wrong placeholder would fail when its page is drawn: open each page."""
    use_sample_reports(monkeypatch)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    with app.app_context():
        priority = db.session.scalars(select(StrategyPriority)).first()
        theme = db.session.scalars(select(Theme)).first()
        person = db.session.scalars(select(StaffUser)).first()
    pages = [
        f"/staff/priorities/{priority.id}", f"/staff/priorities/{priority.id}/delete", f"/staff/themes/{theme.id}",
        f"/staff/users/{person.id}/roles",
        "/staff/rounds/new", f"/staff/rounds/{slug}/card", f"/staff/rounds/{slug}/numbers",
        f"/staff/rounds/{slug}/paper/remove", "/staff/priorities", "/staff/priorities/new", "/staff/themes",
        "/staff/themes/new", "/staff/users/new", "/staff/audit", "/staff/standing-report", "/staff/reports",
        f"/staff/reports/{slug}", f"/staff/reports/{slug}?view=board", f"/staff/reports/{slug}/publish",
        f"/staff/reports/{slug}/preview/board", f"/staff/reports/{slug}/unpublish", "/staff/board/reports",
    ]
    for url in pages:
        html, _text = page_text(admin_worker, f"{url}{'&' if '?' in url else '?'}lang={lang}")
        assert f'<html lang="{lang}"' in html, url


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_a_quote_and_its_round_removal_page_are_in_the_language_asked_for(app, client, make_round, make_staff,
                                                                           sign_in, lang):
    sign_in(*make_staff("worker"))
    slug = make_round("younger-children")
    sarah, *_ = add_written_answers(app, slug, [SARAH, *FILLER])
    quote_id = put_forward(client, slug, sarah)
    text = page_text(client, f"/staff/quotes/{quote_id}?lang={lang}")[1]
    assert {"cy": "Cadw a chymeradwyo", "ar": "حفظ وموافقة"}[lang] in text and "Save and approve" not in text
    text = page_text(client, f"/staff/rounds/{slug}/responses/{sarah}/remove?lang={lang}")[1]
    assert {"cy": "Tynnu’r ymateb hwn", "ar": "إزالة هذا الرد"}[lang] in text
    assert {"cy": "Dyfyniadau", "ar": "الاقتباسات"}[lang] in page_text(client, f"/staff/rounds/{slug}/quotes")[1]
