"""The builder's Languages page: each language's state (complete, missing, stale), the fluent speaker's
check, downloads for a translator, uploading a translated file (which resets the check), and who may."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent
from survey_app.questionnaire import exchange, translations
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.strings import sources

from .journey import CSRF
from .test_questionnaire_exchange import SHIPPED, YOUNGER, csv_rows, to_csv

PAGE = "/staff/questionnaires/younger-children/languages"
pytestmark = pytest.mark.usefixtures("shipped_questionnaires_only", "no_translations")


@pytest.fixture
def worker(client, make_staff, sign_in):
    email, password = make_staff("worker")
    assert sign_in(email, password).status_code == 302
    client.email = email
    return client


def keep(app, language: str, text: str) -> None:
    with app.app_context():
        translations.save("younger-children", text, "test", language)
        db.session.commit()


def translation_audit() -> list[tuple[str, str]]:
    return [(event.action, event.detail) for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            if event.action.startswith("questionnaire translation")]


def shipped_text(language: str = "cy") -> str:
    return SHIPPED["younger-children", language].read_text(encoding="utf-8")


def section(page: str, code: str) -> str:
    return page.split(f'id="language-{code}"', 1)[1].split("</section>", 1)[0]


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def token(client) -> str:
    return TOKEN.search(client.get(PAGE).get_data(as_text=True)).group(1)


def upload(client, code: str, data: bytes, name: str):
    return client.post(f"{PAGE}/{code}/upload", content_type="multipart/form-data",
                       data={"csrf_token": token(client), f"file-{code}": (io.BytesIO(data), name)})


def test_the_questionnaire_page_links_to_its_languages(worker):
    assert f'href="{PAGE}"' in worker.get("/staff/questionnaires/younger-children").get_data(as_text=True)


def test_each_language_shows_how_far_its_translation_has_got(app, worker):
    stale = shipped_text("cy").replace('msgid "How do you feel about school?"', 'msgid "How do you like school?"')
    keep(app, "cy", stale)
    keep(app, "ar", shipped_text("ar").replace('msgstr "المدرسة"', 'msgstr ""'))
    page = worker.get(PAGE).get_data(as_text=True)
    welsh, arabic = words(section(page, "cy")), words(section(page, "ar"))
    assert "Welsh (Cymraeg)" in welsh and "Not complete Missing: 0. Stale: 1." in welsh
    assert "question.feel_about_school.text" in welsh and "How do you like school?" in welsh
    assert "Not complete Missing: 1. Stale: 0." in arabic and "section.school.title : School" in arabic
    assert "Needs a check by a fluent speaker." in welsh and "Needs a check by a fluent speaker." in arabic
    keep(app, "ar", shipped_text("ar"))
    assert "Complete" in words(section(worker.get(PAGE).get_data(as_text=True), "ar"))


def test_a_language_with_no_translation_says_so_and_offers_a_blank_file(worker):
    page = worker.get(PAGE).get_data(as_text=True)
    assert "None yet." in words(section(page, "cy"))
    assert "Mark as checked" not in section(page, "cy")
    response = worker.get(f"{PAGE}/cy/download.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="younger-children.cy.csv"' in response.headers["Content-Disposition"]
    rows = csv_rows(response.data)
    assert len(rows) == len(sources(load_file(YOUNGER))) + 1 and all(row[2] == "" for row in rows[1:])


@pytest.mark.parametrize("fmt", exchange.FORMATS)
def test_downloads_carry_the_stored_translation_and_are_audited(app, worker, fmt):
    keep(app, "ar", shipped_text("ar"))
    response = worker.get(f"{PAGE}/ar/download.{fmt}")
    assert response.status_code == 200
    back = exchange.import_file(load_file(YOUNGER), "ar", response.data, f"x.{fmt}")
    assert translations.parse(back, "b").entries["title"].translation == "حياتك، رأيك"
    with app.app_context():
        assert translation_audit() == [("questionnaire translation exported", f"younger-children ar as {fmt}")]


def test_uploading_a_translated_file_replaces_the_translation_and_it_needs_a_check(app, worker):
    keep(app, "cy", shipped_text("cy"))
    rows = csv_rows(exchange.export(load_file(YOUNGER), "cy", None, "csv"))
    for row in rows[1:]:
        row[2] = f"CY {row[1]}"
    response = upload(worker, "cy", to_csv(rows), "welsh.csv")
    assert response.status_code == 302 and response.headers["Location"].endswith("languages#language-cy")
    page = worker.get(PAGE).get_data(as_text=True)
    assert "The Welsh translation was replaced. It needs a check by a fluent speaker" in page
    assert "Complete" in words(section(page, "cy"))
    with app.app_context():
        row = translations.row_for("younger-children", "cy")
        assert translations.parsed_row(row).entries["title"].translation == "CY Your life, your say"
        assert row.origin == f"welsh.csv, from {worker.email}"
        assert translation_audit() == [("questionnaire translation imported", "younger-children cy from welsh.csv")]


def test_marking_as_checked_records_who_and_when_and_a_new_upload_clears_it(app, worker):
    keep(app, "cy", shipped_text("cy"))
    response = worker.post(f"{PAGE}/cy/checked", data={"csrf_token": token(worker)})
    assert response.status_code == 302
    with app.app_context():
        row = translations.row_for("younger-children", "cy")
        assert (row.checked_by, row.checked_on is not None) == (worker.email, True)
        checked_on = row.checked_on.isoformat()
        assert translation_audit() == [("questionnaire translation checked", "younger-children cy")]
    welsh = words(section(worker.get(PAGE).get_data(as_text=True), "cy"))
    assert f"Checked by {worker.email} on {checked_on}." in welsh and "Mark as checked" not in welsh
    changed = shipped_text("cy").replace('msgstr "Ysgol"', 'msgstr "Yr ysgol"')
    assert upload(worker, "cy", changed.encode(), "younger-children.cy.po").status_code == 302
    with app.app_context():
        row = translations.row_for("younger-children", "cy")
        assert (row.checked_by, row.checked_on) == ("", None)
    welsh = words(section(worker.get(PAGE).get_data(as_text=True), "cy"))
    assert "Needs a check by a fluent speaker." in welsh and "Mark as checked by a fluent speaker" in welsh


def test_uploading_the_same_text_again_keeps_the_check(app, worker):
    keep(app, "cy", shipped_text("cy"))
    worker.post(f"{PAGE}/cy/checked", data={"csrf_token": token(worker)})
    response = upload(worker, "cy", exchange.export(load_file(YOUNGER), "cy", translations.parse(
        shipped_text("cy"), "s"), "xlsx"), "same.xlsx")
    assert response.status_code == 302
    assert "nothing changed" in worker.get(PAGE).get_data(as_text=True)
    with app.app_context():
        assert translations.row_for("younger-children", "cy").checked_by == worker.email


def test_a_bad_upload_is_refused_naming_the_line_and_keeps_what_we_had(app, worker):
    keep(app, "cy", shipped_text("cy"))
    bad = to_csv([["context", "English", "translation"], ["title", "Your life, your say", "Dy fywyd"],
                  ["question.nowhere.text", "Where?", "Ble?"]])
    response = upload(worker, "cy", bad, "bad.csv")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nothing was uploaded" in page
    assert '<a href="#file-cy">Line 3: &#39;question.nowhere.text&#39; is not a string of this questionnaire' in page
    with app.app_context():
        assert translations.row_for("younger-children", "cy").source == shipped_text("cy")


def test_an_upload_with_no_file_or_an_unknown_language_is_refused(worker):
    response = worker.post(f"{PAGE}/cy/upload", data={"csrf_token": token(worker)},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose the translated file" in response.get_data(as_text=True)
    assert worker.get(f"{PAGE}/fr/download.po").status_code == 404
    assert worker.get(f"{PAGE}/en/download.po").status_code == 404
    assert worker.get(f"{PAGE}/cy/download.txt").status_code == 404
    assert worker.get("/staff/questionnaires/no-such/languages").status_code == 404


@pytest.mark.parametrize("role", ["board", "safeguarding"])
def test_a_role_that_cannot_edit_questionnaires_can_neither_see_nor_change_translations(app, client, make_staff,
                                                                                        sign_in, role):
    keep(app, "cy", shipped_text("cy"))
    assert sign_in(*make_staff(role)).status_code == 302
    page = client.get("/staff/password").get_data(as_text=True)
    csrf_token = CSRF.search(page).group(1)
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}/cy/download.po").status_code == 403
    assert client.post(f"{PAGE}/cy/checked", data={"csrf_token": csrf_token}).status_code == 403
    response = client.post(f"{PAGE}/cy/upload", data={"csrf_token": csrf_token,
                                                      "file-cy": (io.BytesIO(b"x"), "x.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 403
    with app.app_context():
        assert translations.row_for("younger-children", "cy").checked_by == ""
        assert translations.row_for("younger-children", "cy").source == shipped_text("cy")


def test_the_page_is_in_welsh_when_the_worker_chooses_welsh(app, worker):
    keep(app, "cy", shipped_text("cy"))
    page = worker.get(f"{PAGE}?lang=cy").get_data(as_text=True)
    assert '<html lang="cy"' in page
    assert "Angen gwiriad gan siaradwr rhugl." in page
