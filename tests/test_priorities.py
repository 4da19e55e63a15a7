"""The council's strategy priorities, edited by admins at /staff/priorities, and used by the questionnaire
loader, the builder and the CLI instead of the YAML file."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from survey_app.extensions import db
from survey_app.models import Action, StoredQuestionnaire, StrategyPriority, Theme
from survey_app.questionnaire.loader import QuestionnaireInvalid, load_file, load_text
from survey_app.questionnaire.priorities import council_priority_codes, default_priority_codes, load_priorities
from survey_app.questionnaire.store import shipped_files

from .journey import CSRF

DEFAULT_CODES = ["placement", "health", "education", "eet", "voice"]
QUESTIONNAIRE = """\
id: housing-check
version: 1
title: Housing check
sections:
  - id: home
    title: Home
    questions:
      - id: like_your_flat
        type: yes_no
        text: Do you like your flat?
        priority: {priority}
"""


@pytest.fixture(autouse=True)
def default_priorities(app):
    """Each test starts and ends with the five seeded priorities (other tests rely on them)."""
    def snapshot():
        with app.app_context():
            return [(p.code, p.title, p.description, p.source, p.position) for p in db.session.scalars(
                select(StrategyPriority).order_by(StrategyPriority.position, StrategyPriority.id))]

    before = snapshot()
    assert [row[0] for row in before] == DEFAULT_CODES
    yield
    with app.app_context():
        db.session.execute(text("DELETE FROM themes WHERE code LIKE 'test-%'"))
        db.session.execute(text("DELETE FROM questionnaire_versions WHERE key = 'housing-check'"))
        db.session.execute(text("DELETE FROM strategy_priorities"))
        for code, title, description, source, position in before:
            db.session.add(StrategyPriority(code=code, title=title, description=description, source=source,
                                            position=position))
        db.session.commit()


@pytest.fixture
def admin(client, make_staff, sign_in):
    email, password = make_staff("admin")
    assert sign_in(email, password).status_code == 302
    return client


def post(client, url: str, data: dict | None = None):
    token = CSRF.search(client.get("/staff/priorities/new").get_data(as_text=True)).group(1)
    return client.post(url, data={"csrf_token": token, **(data or {})})


def priority_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(select(StrategyPriority.id).filter_by(code=code))


def codes(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(StrategyPriority.code).order_by(StrategyPriority.position,
                                                                              StrategyPriority.id)))


def audit_page(client) -> str:
    return client.get("/staff/audit").get_data(as_text=True)


# -- the page ---------------------------------------------------------------------------------------------------
def test_the_admin_sees_the_five_default_priorities_and_which_are_in_use(app, admin):
    page = admin.get("/staff/priorities").get_data(as_text=True)
    for code in DEFAULT_CODES:
        assert f"<code>{code}</code>" in page
    assert "Strategy priority 1; Pillar 6" in page
    shipped = next(load_file(path).version for path in shipped_files() if path.stem == "care-leavers")
    assert f"Yes: questions in care-leavers v{shipped}" in page


def test_an_admin_adds_a_priority_and_it_is_audited(app, admin):
    response = post(admin, "/staff/priorities/new", {"code": "housing", "title": "Housing for care leavers",
                                                     "description": "Safe homes.", "source": "Pillar 7"})
    assert response.status_code == 302
    assert codes(app) == [*DEFAULT_CODES, "housing"]
    assert "<td>priority added</td><td>housing: Housing for care leavers</td>" in audit_page(admin)


@pytest.mark.parametrize("code, message", [
    ("Housing", "The code must be lowercase letters"),
    ("2housing", "The code must be lowercase letters"),
    ("hou sing", "The code must be lowercase letters"),
    ("", "The code must be lowercase letters"),
    ("placement", "There is already a priority with the code &#39;placement&#39;"),
])
def test_a_bad_or_duplicate_code_is_refused_and_nothing_is_lost(app, admin, code, message):
    response = post(admin, "/staff/priorities/new", {"code": code, "title": "Housing", "source": "Pillar 7"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="Pillar 7"' in page  # what was typed is still there
    assert codes(app) == DEFAULT_CODES


def test_a_title_is_needed(app, admin):
    response = post(admin, "/staff/priorities/new", {"code": "housing", "title": " "})
    assert response.status_code == 400
    assert "Enter the title of the priority" in response.get_data(as_text=True)


def test_a_priority_in_use_can_be_renamed(app, admin):
    url = f"/staff/priorities/{priority_id(app, 'placement')}"
    page = admin.get(url).get_data(as_text=True)
    assert "In use by questions in" in page
    response = post(admin, url, {"code": "placement", "title": "Homes and stability",
                                 "description": "New words.", "source": "Plan 2026"})
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(select(StrategyPriority).filter_by(code="placement"))
        assert (row.title, row.description, row.source) == ("Homes and stability", "New words.", "Plan 2026")
    assert "<td>priority edited</td><td>placement: title, description, source</td>" in audit_page(admin)
    assert "Homes and stability" in admin.get("/staff/questionnaires/care-leavers").get_data(as_text=True)


def test_the_code_of_a_priority_in_use_cannot_change(app, admin):
    url = f"/staff/priorities/{priority_id(app, 'placement')}"
    response = post(admin, url, {"code": "homes", "title": "Placement and stability"})
    assert response.status_code == 400
    assert "The code &#39;placement&#39; cannot change: it is used by questions in" in response.get_data(as_text=True)
    assert codes(app) == DEFAULT_CODES


def test_a_priority_in_use_cannot_be_deleted(app, admin):
    url = f"/staff/priorities/{priority_id(app, 'voice')}/delete"
    assert "It cannot be deleted: it is used by questions in" in admin.get(url).get_data(as_text=True)
    response = post(admin, url)
    assert response.status_code == 302
    assert "cannot be deleted" in admin.get("/staff/priorities").get_data(as_text=True)
    assert codes(app) == DEFAULT_CODES


@pytest.mark.parametrize("used_by", ["action", "theme"])
def test_a_priority_named_only_by_an_action_or_a_theme_is_in_use_too(app, admin, used_by):
    assert post(admin, "/staff/priorities/new", {"code": "housing", "title": "Housing"}).status_code == 302
    with app.app_context():
        if used_by == "theme":
            db.session.add(Theme(code="test-housing", title="Housing", priority_code="housing"))
        else:
            db.session.add(Action(reference="T1", title="More flats", priority_code="housing"))
        db.session.commit()
    url = f"/staff/priorities/{priority_id(app, 'housing')}"
    assert post(admin, f"{url}/delete").status_code == 302
    assert "housing" in codes(app)
    assert post(admin, url, {"code": "homes", "title": "Housing"}).status_code == 400
    with app.app_context():
        db.session.execute(text("DELETE FROM actions"))
        db.session.commit()


def test_an_unused_priority_can_be_renamed_recoded_and_deleted(app, admin):
    assert post(admin, "/staff/priorities/new", {"code": "housing", "title": "Housing"}).status_code == 302
    url = f"/staff/priorities/{priority_id(app, 'housing')}"
    assert post(admin, url, {"code": "homes", "title": "Homes"}).status_code == 302
    assert "homes" in codes(app)
    assert post(admin, url, {"code": "voice", "title": "Homes"}).status_code == 400  # taken
    assert post(admin, f"{url}/delete").status_code == 302
    assert codes(app) == DEFAULT_CODES
    page = audit_page(admin)
    assert "<td>priority edited</td><td>homes: code housing → homes, title</td>" in page
    assert "<td>priority deleted</td><td>homes: Homes</td>" in page


def test_priorities_are_reordered_with_buttons(app, admin):
    url = f"/staff/priorities/{priority_id(app, 'voice')}/move"
    assert post(admin, url, {"direction": "up"}).status_code == 302
    assert codes(app) == ["placement", "health", "education", "voice", "eet"]
    assert post(admin, url, {"direction": "sideways"}).status_code == 302
    assert codes(app) == ["placement", "health", "education", "voice", "eet"]
    assert "<td>priority moved</td><td>voice up</td>" in audit_page(admin)


# -- permissions --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["worker", "safeguarding", "board"])
def test_only_an_admin_edits_priorities(app, client, make_staff, sign_in, role):
    email, password = make_staff(role)
    sign_in(email, password)
    token = CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
    assert client.get("/staff/priorities").status_code == 403
    response = client.post("/staff/priorities/new", data={"csrf_token": token, "code": "housing", "title": "H"})
    assert response.status_code == 403
    response = client.post(f"/staff/priorities/{priority_id(app, 'eet')}/delete", data={"csrf_token": token})
    assert response.status_code == 403
    assert codes(app) == DEFAULT_CODES


# -- questionnaires use the database's priorities ---------------------------------------------------------------
def test_a_questionnaire_naming_a_new_priority_loads_once_the_admin_adds_it(app, admin, runner, tmp_path):
    source = QUESTIONNAIRE.format(priority="housing")
    with app.app_context(), pytest.raises(QuestionnaireInvalid, match="'priority' must be one of"):
        load_text(source)
    assert post(admin, "/staff/priorities/new", {"code": "housing", "title": "Housing"}).status_code == 302
    with app.app_context():
        assert load_text(source).question("like_your_flat").priority == "housing"
    # the CLI and the builder's import take it too
    path = tmp_path / "housing-check.yaml"
    path.write_text(source, encoding="utf-8")
    result = runner.invoke(args=["questionnaires", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "ok (housing-check v1" in result.output
    assert post(admin, "/staff/questionnaires/import", {"text": source}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(StoredQuestionnaire).filter_by(key="housing-check")) is not None
    # now in use: its code cannot change and it cannot be deleted
    url = f"/staff/priorities/{priority_id(app, 'housing')}"
    assert post(admin, f"{url}/delete").status_code == 302
    assert "housing" in codes(app)


def test_the_builder_offers_the_councils_priorities(app, client, make_staff, sign_in):
    email, password = make_staff("admin", "worker")
    sign_in(email, password)
    assert post(client, "/staff/priorities/new", {"code": "housing", "title": "Housing for care leavers"}
                ).status_code == 302
    page = client.get("/staff/questionnaires/care-leavers/sections/"
                      "work_and_learning/questions/new").get_data(as_text=True)
    assert '<option value="housing">Housing for care leavers</option>' in page


def test_without_an_app_the_yaml_file_gives_the_defaults(app):
    with app.app_context():
        db.session.add(StrategyPriority(code="housing", title="Housing", position=6))
        db.session.commit()
        assert "housing" in council_priority_codes()
    assert [p.code for p in load_priorities()] == DEFAULT_CODES
    assert council_priority_codes() == default_priority_codes() == set(DEFAULT_CODES)
    with pytest.raises(QuestionnaireInvalid):
        load_text(QUESTIONNAIRE.format(priority="housing"))
