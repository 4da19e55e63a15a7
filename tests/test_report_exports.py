"""Exports (CSV, XLSX, JSON) and the `report` CLI command."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent
from survey_app.reporting.exports import ExportNotAllowed, export_csv, export_json, export_xlsx

from .test_report_build import add, round_id_of


@pytest.fixture
def answered(app, make_round):
    """A younger-children round: 9 yes and 3 no to feeling safe, 10 written answers, one skip."""
    slug = make_round("younger-children")
    with app.app_context():
        round_id = round_id_of(slug)
        people = [{"feel_safe_home": "yes", "grow_up_to_be": f"A vet, said Sam {n}"} for n in range(9)]
        people += [{"feel_safe_home": "no", "grow_up_to_be": "a footballer"} for _ in range(3)]
        people[0]["feel_about_home"] = None
        people[1]["fun_things"] = "3"
        add(round_id, people)
    return slug, round_id


def rows_of(body: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_tallies_csv_for_the_board_is_suppressed_as_in_the_report(app, answered):
    slug, round_id = answered
    with app.app_context():
        body, filename = export_csv(round_id, "tallies", for_staff=False)
    assert filename == f"{slug}-tallies.csv"
    safe = {row["choice"]: row["count"] for row in rows_of(body) if row["question_id"] == "feel_safe_home"}
    assert safe == {"yes": "9", "no": "c", "not_sure": "c", "rather_not_say": "0"}


def test_tallies_csv_for_staff_has_the_exact_figures(app, answered):
    slug, round_id = answered
    with app.app_context():
        body, filename = export_csv(round_id, "tallies", for_staff=True)
    assert filename == f"{slug}-tallies-staff.csv"
    rows = rows_of(body)
    safe = {row["choice"]: row["count"] for row in rows if row["question_id"] == "feel_safe_home"}
    assert safe == {"yes": "9", "no": "3", "not_sure": "0", "rather_not_say": "0"}
    (written,) = [row for row in rows if row["question_id"] == "grow_up_to_be"]
    assert (written["answered"], written["choice"], written["count"]) == ("12", "", "")


def test_anonymised_responses_are_for_staff_only_and_have_no_raw_text(app, answered):
    _, round_id = answered
    with app.app_context():
        with pytest.raises(ExportNotAllowed):
            export_csv(round_id, "responses", for_staff=False)
        body, _ = export_csv(round_id, "responses", for_staff=True)
    rows = rows_of(body)
    assert len(rows) == 12
    assert list(rows[0])[:3] == ["row", "channel", "feel_about_home"]
    assert "week_of" not in rows[0] and "response_id" not in rows[0]
    assert sorted(row["feel_safe_home"] for row in rows) == ["no"] * 3 + ["yes"] * 9
    assert sorted(row["feel_about_home"] for row in rows) == [""] * 11 + ["[skipped]"]
    written = [row["grow_up_to_be"] for row in rows]
    assert not any("Sam" in text for text in written)  # names are redacted
    assert sum("[name]" in text for text in written) == 9


def test_xlsx_has_the_same_tallies_as_the_csv(app, answered):
    slug, round_id = answered
    with app.app_context():
        body, filename = export_xlsx(round_id, "tallies", for_staff=False)
        csv_rows = rows_of(export_csv(round_id, "tallies", for_staff=False)[0])
    assert filename == f"{slug}-tallies.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(body))["tallies"]
    header, *values = list(sheet.iter_rows(values_only=True))
    assert list(header) == list(csv_rows[0])
    assert len(values) == len(csv_rows)
    safe = {row[4]: row[6] for row in values if row[1] == "feel_safe_home"}
    assert safe == {"yes": 9, "no": "c", "not_sure": "c", "rather_not_say": 0}


def test_json_export_is_the_board_report(app, answered):
    slug, round_id = answered
    with app.app_context():
        body, filename = export_json(round_id, for_staff=False)
    report = json.loads(body)
    assert filename == f"{slug}-report.json"
    assert report["schema"] == "voices-in-care/round-report/1" and report["for_staff"] is False
    assert "a footballer" not in body.decode("utf-8")


def test_cli_writes_each_format_and_audits_it(app, answered, runner, tmp_path):
    slug, _ = answered
    target = tmp_path / "tallies.xlsx"
    result = runner.invoke(args=["report", slug, "--format", "xlsx", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(target)["tallies"].max_row > 10
    result = runner.invoke(args=["report", slug, "--format", "csv", "--what", "responses", "--staff"])
    assert result.exit_code == 0, result.output
    assert len(rows_of(result.stdout_bytes)) == 12
    with app.app_context():
        details = [event.detail for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.actor == "cli").order_by(AuditEvent.id))]
    assert details == [f"{slug} tallies xlsx", f"{slug} responses csv staff"]


def test_cli_refuses_clearly(app, answered, runner):
    slug, _ = answered
    result = runner.invoke(args=["report", "no-such-round", "--format", "json"])
    assert result.exit_code != 0 and "no survey round 'no-such-round'" in result.output
    result = runner.invoke(args=["report", slug, "--format", "csv", "--what", "responses"])
    assert result.exit_code != 0 and "staff only" in result.output and "--staff" in result.output
    result = runner.invoke(args=["report", slug, "--format", "xlsx"])
    assert result.exit_code != 0 and "--output" in result.output
    with app.app_context():
        assert db.session.scalars(select(AuditEvent).where(AuditEvent.actor == "cli")).all() == []


def test_cli_html_is_the_board_page_with_its_styles_inside(app, answered, runner):
    slug, _ = answered
    result = runner.invoke(args=["report", slug, "--format", "html"])
    assert result.exit_code == 0, result.output
    page = result.output.lower()
    assert page.startswith("<!doctype html>") and "<style>" in page and 'rel="stylesheet"' not in page
