"""The action register as CSV: export, import (every row checked like the form, all or nothing, every
problem with its line), the round trip, the staff pages and the `flask actions` commands, and the demo data."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.actions.csv_io import COLUMNS, MAX_ROWS, describe_result, export_csv, import_actions, read_actions
from survey_app.actions.demo import DEMO_ACTIONS, add_demo_actions
from survey_app.actions.operations import add_update, create_action, link_finding
from survey_app.actions.rules import check_action
from survey_app.extensions import db
from survey_app.models import Action, AuditEvent, MeetingFinding
from survey_app.paper.csv_import import CsvRefused
from survey_app.rounds.operations import round_by_slug

from .journey import CSRF

HEADER = ",".join(COLUMNS) + "\r\n"
TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.rollback()


def row(reference="14.9", title="Launch the Local Offer", priority="eet", owner="Head of Service", due_on="",
        status="planned", reason="", round_="", updates="") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([reference, title, priority, owner, due_on, status, reason,
                                                     round_, updates])
    return out.getvalue()


def refused(data: str | bytes) -> list[str]:
    with pytest.raises(CsvRefused) as error:
        read_actions(data.encode("utf-8") if isinstance(data, str) else data, TODAY)
    return [str(problem) for problem in error.value.problems]


def register() -> list[tuple]:
    actions = db.session.scalars(select(Action).order_by(Action.reference))
    return [(a.reference, a.title, a.priority_code, a.owner, a.due_on, a.status, a.not_doing_reason, a.round_id,
             [(u.written_on, u.text) for u in a.updates]) for a in actions]


def add(reference: str, round_slug: str = "", **changes) -> Action:
    data = {"reference": reference, "title": "Launch the Local Offer", "priority": "eet", "round": round_slug,
            "owner": "Head of Service", "due_on": "", "status": "planned", "not_doing_reason": ""} | changes
    return create_action(check_action(data), "worker@council.example", today=TODAY)


# -- export ------------------------------------------------------------------------------------------------------------
def test_the_export_has_the_documented_columns_and_one_row_per_action_in_reference_order(ctx, make_round):
    slug = make_round("care-leavers")
    action = add("15.2", slug, title="Counselling sooner", priority="health", due_on="2026-06-30",
                 status="in_progress")
    add_update(action, {"text": "Drop-in started.", "written_day": "2", "written_month": "2", "written_year": "2026"},
               "w", today=TODAY)
    add_update(action, {"text": "Waiting list down, to 4 weeks"}, "w", today=TODAY)
    add("14.9", status="not_doing", not_doing_reason="No money this year.\nWe will ask again in April.")
    text, count = export_csv()
    assert count == 2 and text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [
        list(COLUMNS),
        ["14.9", "Launch the Local Offer", "eet", "Head of Service", "", "not_doing",
         "No money this year.\nWe will ask again in April.", "", ""],
        ["15.2", "Counselling sooner", "health", "Head of Service", "2026-06-30", "in_progress", "", slug,
         "2026-02-02: Drop-in started. | 2026-03-10: Waiting list down, to 4 weeks"],
    ]


def test_a_rounds_export_has_only_that_rounds_actions(ctx, make_round):
    slug, other = make_round("care-leavers"), make_round("younger-children")
    add("14.9", slug), add("P6.1", other), add("15.2")
    text, count = export_csv(round_by_slug(slug))
    assert count == 1 and [r[0] for r in csv.reader(io.StringIO(text))][1:] == ["14.9"]


# -- the round trip ---------------------------------------------------------------------------------------------------
def test_export_then_import_is_lossless_into_an_empty_register_and_changes_nothing_in_the_same_one(ctx, make_round):
    slug = make_round("care-leavers")
    tricky = add("14.9", slug, title='The "Local Offer", on one website, for care leavers – all in one place',
                 due_on="2026-04-01", status="in_progress", owner="Head of Service, Care Leavers")
    add_update(tricky, {"text": "Line one,\nline two with “quotes” and a comma", "written_day": "5",
                        "written_month": "1", "written_year": "2026"}, "w", today=TODAY)
    add_update(tricky, {"text": "Live: 2026-03-01 was the date"}, "w", today=TODAY)
    add("15.8", priority="health", status="not_doing", not_doing_reason='Said "no" by the NHS;\r\nsee 15.2.')
    add("P6.10", slug, priority="placement", status="done", due_on="2025-12-31")
    add("P6.2", priority="placement")
    db.session.commit()
    before, (exported, _count) = register(), export_csv()

    same = import_actions(exported.encode("utf-8"), "worker@council.example", today=TODAY)
    assert (same.added, same.updated, sorted(same.unchanged)) == ([], [], ["14.9", "15.8", "P6.10", "P6.2"])
    assert register() == before

    for action in db.session.scalars(select(Action)):
        db.session.delete(action)
    db.session.commit()
    result = import_actions(exported.encode("utf-8"), "worker@council.example", today=TODAY)
    db.session.commit()
    assert sorted(result.added) == ["14.9", "15.8", "P6.10", "P6.2"] and result.updates_added == 2
    assert register() == before
    assert export_csv()[0] == exported


# -- import: what it reads ---------------------------------------------------------------------------------------------
def test_a_clean_file_adds_new_references_and_updates_existing_ones(ctx, make_round):
    slug = make_round("care-leavers")
    existing = add("15.2", title="Counselling sooner", priority="health")
    add_update(existing, {"text": "Drop-in started.", "written_day": "2", "written_month": "2", "written_year": "2026"},
               "first@council.example", today=TODAY)
    add("P6.1", priority="placement")
    db.session.commit()
    data = HEADER + row("14.9", round_=slug, updates="2026-01-05: Pages written | 2026-02-05: Live") \
        + row("15.2", title="Counselling sooner", priority="health", status="in_progress",
              updates="2026-02-02: Drop-in started. | 2026-03-01: Waiting list shorter") \
        + row("P6.1", priority="placement")
    result = import_actions(data.encode(), "importer@council.example", filename="actions.csv", today=TODAY)
    assert (result.added, result.updated, result.unchanged, result.updates_added) == (["14.9"], ["15.2"], ["P6.1"], 3)
    assert describe_result(result) == ("1 new action added (14.9); 1 existing action updated (15.2); 1 already up to "
                                       "date. 3 progress updates added.")
    updated = db.session.scalar(select(Action).where(Action.reference == "15.2"))
    assert updated.status == "in_progress"
    assert [(u.text, u.author) for u in updated.updates] == [("Drop-in started.", "first@council.example"),
                                                             ("Waiting list shorter", "importer@council.example")]
    new = db.session.scalar(select(Action).where(Action.reference == "14.9"))
    assert new.round_id == round_by_slug(slug).id and new.created_on == TODAY
    assert [(e.action, e.detail) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == [
        ("action created", "15.2: Counselling sooner"), ("action created", "P6.1: Launch the Local Offer"),
        ("actions imported", "1 added, 1 updated, 1 unchanged from actions.csv")]


def test_updates_are_added_never_removed_and_findings_stay(ctx):
    action = add("14.9")
    add_update(action, {"text": "Only in the app"}, "w", today=TODAY)
    link_finding(action, "theme", "money")
    db.session.commit()
    import_actions((HEADER + row("14.9", updates="2026-01-01: From the file")).encode(), "w", today=TODAY)
    assert sorted(u.text for u in action.updates) == ["From the file", "Only in the app"]
    assert [(f.kind, f.ref) for f in action.findings] == [("theme", "money")]


def test_optional_columns_left_out_keep_what_an_existing_action_has(ctx, make_round):
    slug = make_round("care-leavers")
    add("14.9", slug, due_on="2026-05-01")
    db.session.commit()
    result = import_actions(b"reference,title,priority,owner,status\r\n14.9,New title,eet,Head of Service,done\r\n",
                            "w", today=TODAY)
    action = db.session.scalar(select(Action).where(Action.reference == "14.9"))
    assert result.updated == ["14.9"]
    assert (action.title, action.status, action.due_on, action.round_id) == (
        "New title", "done", dt.date(2026, 5, 1), round_by_slug(slug).id)


def test_the_file_may_use_words_titles_excel_dates_any_header_case_and_a_bom(ctx):
    data = ("\ufeffReference,Title,Priority,Owner,Due_On,Status,Not_Doing_Reason,Round,Updates\r\n"
            + row("Action 14.9", priority="Education, employment and training for care leavers", due_on="31/03/2026",
                  status="In progress", updates="05/01/2026: Pages written")
            + "\r\n,,,,,,,,\r\n")  # empty rows are ignored
    [parsed] = read_actions(data.encode("utf-8"), TODAY)
    assert (parsed.fields.reference, parsed.fields.priority_code, parsed.fields.due_on, parsed.fields.status) == (
        "14.9", "eet", dt.date(2026, 3, 31), "in_progress")
    assert parsed.updates == ((dt.date(2026, 1, 5), "Pages written"),)


def test_a_round_changed_by_import_drops_the_old_rounds_questions(ctx, make_round):
    slug, other = make_round("care-leavers"), make_round("care-leavers")
    action = add("14.9", slug)
    link_finding(action, "question", "heard_of_local_offer")
    link_finding(action, "theme", "money")
    db.session.commit()
    result = import_actions((HEADER + row("14.9", round_=other)).encode(), "w", today=TODAY)
    assert result.findings_removed == 1 and "1 linked question" in describe_result(result)
    assert [(f.kind, f.ref) for f in action.findings] == [("theme", "money")]


# -- import: every problem with its line, nothing stored -------------------------------------------------------------
def test_every_bad_row_is_listed_with_its_line_and_nothing_is_stored(ctx, make_round):
    add("P6.1", priority="placement")
    db.session.commit()
    before = register()
    data = (HEADER
            + row("14.9")                                                        # line 2: fine
            + row("14..9", title="")                                             # line 3
            + row("15.2", priority="housing", owner="jo@council.example")        # line 4
            + row("15.8", status="not_doing")                                    # line 5
            + row("16.1", due_on="2026-02-30", round_="no-such-round")           # line 6
            + row("Q1", title="Line one\nline two of a title", status="finished")  # lines 7-8
            + row("14.9")                                                        # line 9: duplicate
            + row("16.2", updates="Pages written | 2026-04-01: tomorrow | 2026-01-01: ok")  # line 10
            + row("P6.1", priority="placement", status="done"))                   # line 11: fine
    problems = refused(data)
    assert problems == [
        "Line 3: reference: The reference can only have letters and numbers, with dots, dashes or slashes between "
        "them, like 14.9 or PEP-1",
        "Line 3: title: Enter what the council will do, in plain words",
        "Line 4: priority: “housing” is not one of the council’s priorities. Use one of: placement, health, "
        "education, eet, voice",
        "Line 4: owner: Enter the owner as a role, like Head of Children in Care, without an email address or phone "
        "number",
        "Line 5: not_doing_reason: Say why the council is not doing this action: young people will read the reason",
        "Line 6: round: There is no survey round “no-such-round”. Use the round’s id from its link, or its title",
        "Line 6: due_on: The due date “2026-02-30” is not a real date",
        "Line 7: status: The status must be one of: Planned, In progress, Done, Not doing",
        "Line 9: reference: 14.9 is also on line 2. Each action must be on one row only",
        "Line 10: updates: update 1 (“Pages written”) must start with its date, like “2025-03-27: what happened”",
        "Line 10: updates: update 2 (“2026-04-01: tomorrow”): The date of the update must be today or in the past",
    ]
    assert register() == before


def test_a_value_in_a_column_without_a_name_is_refused(ctx):
    assert refused(HEADER + row().rstrip("\r\n") + ",surprise\r\n") == [
        "Line 2: there is a value in column 10, which has no name in the header row."]


@pytest.mark.parametrize("header, message", [
    ("reference,title,priority,owner,status,colour", "Line 1: column 6, “colour”, is not a column of the action "
                                                      "register. The columns are: " + ", ".join(COLUMNS) + "."),
    ("reference,title,priority,owner,status,title", "Line 1: the column “title” appears twice. Keep one of them."),
    ("reference,title,priority,status", "Line 1: the header row must have the columns owner (the full header is: "
                                        + ",".join(COLUMNS) + ")."),
])
def test_a_bad_header_row_is_refused_naming_the_column(ctx, header, message):
    assert refused(header + "\r\n" + row()) == [message]


@pytest.mark.parametrize("data, start", [
    (b"", "The file is empty."),
    (b"  \r\n", "The file is empty."),
    (HEADER.encode(), "There are no actions in the file"),
    (HEADER.encode() + "14.9,Caf\u00e9".encode("latin-1") + b",eet,Head,,planned,,,\r\n",
     "Line 2: The file is not saved as UTF-8 text"),
    (HEADER.encode() + b'14.9,"Launch,eet,Head,,planned,,,\r\n', "Line 2: This line cannot be read as CSV"),
    (HEADER.encode() + b"14.9,Lau\0nch,eet,Head,,planned,,,\r\n", "Line 2: This line has a character that is not text"),
    ((HEADER + row() + '15.2,"Counselling" sooner,health,Head,,planned,,,\r\n' + row("15.8")).encode(),
     "Line 3: This line cannot be read as CSV: ',' expected after '\"'. Check for a stray quotation mark."),
])
def test_a_file_that_cannot_be_read_says_why(ctx, data, start):
    [problem] = refused(data)
    assert problem.startswith(start), problem


def test_too_many_rows_is_refused(ctx):
    assert refused(HEADER + row() * (MAX_ROWS + 1))[0].startswith(f"The file has {MAX_ROWS + 1} actions")


# -- the staff pages -------------------------------------------------------------------------------------------------
@pytest.fixture
def worker(client, make_staff, sign_in):
    assert sign_in(*make_staff("worker")).status_code == 302
    return client


def upload(client, content: bytes | None, filename: str = "actions.csv"):
    token = CSRF.search(client.get("/staff/actions/import").get_data(as_text=True)).group(1)
    data: dict = {"csrf_token": token}
    if content is not None:
        data["file"] = (io.BytesIO(content), filename)
    return client.post("/staff/actions/import", data=data, content_type="multipart/form-data")


def test_the_export_page_downloads_csv_and_audits_it(app, worker, make_round):
    slug = make_round("care-leavers")
    with app.app_context():
        add("14.9", slug), add("15.2")
        db.session.commit()
    response = worker.get("/staff/actions/export.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="actions-all-{dt.date.today()}.csv"'
    assert len(list(csv.reader(io.StringIO(response.get_data(as_text=True))))) == 3
    one = worker.get(f"/staff/actions/export.csv?round={slug}")
    assert f"actions-{slug}-" in one.headers["Content-Disposition"]
    assert worker.get("/staff/actions/export.csv?round=nope").status_code == 404
    with app.app_context():
        assert [e.detail for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action == "actions exported")
                                                                       .order_by(AuditEvent.id))
                ] == ["2 actions (all rounds)", f"1 action (round {slug})"]


def test_uploading_a_clean_file_says_what_was_added_and_updated(app, worker):
    with app.app_context():
        add("15.2")
        db.session.commit()
    response = upload(worker, (HEADER + row("14.9") + row("15.2", status="done")).encode())
    assert response.status_code == 302 and response.location == "/staff/actions"
    page = unescape(worker.get("/staff/actions").get_data(as_text=True))
    assert "1 new action added (14.9); 1 existing action updated (15.2)." in page


def test_uploading_a_bad_file_lists_every_problem_and_stores_nothing(app, worker):
    response = upload(worker, (HEADER + row("14.9") + row("15.2", priority="") + row("15.8", status="")).encode())
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert "Nothing has been imported: 2 problems to fix" in page
    assert "Line 3: priority: Choose the council priority the action belongs to" in page
    assert "Line 4: status: Choose the action’s status" in page
    with app.app_context():
        assert db.session.scalar(select(Action.id)) is None


def test_uploading_without_a_file_or_token_is_refused(app, worker):
    response = upload(worker, None)
    assert response.status_code == 400 and "Choose a CSV file to upload" in response.get_data(as_text=True)
    response = worker.post("/staff/actions/import", data={"file": (io.BytesIO(HEADER.encode() + row().encode()),
                                                                    "a.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Action.id)) is None


def test_the_import_page_explains_every_column(worker):
    page = unescape(worker.get("/staff/actions/import").get_data(as_text=True))
    for column in COLUMNS:
        assert f"<code>{column}</code>" in page


# -- the commands and the demo data ----------------------------------------------------------------------------------
def test_the_cli_exports_and_imports_and_refuses_a_bad_file(app, runner, tmp_path, make_round):
    with app.app_context():
        add("14.9", make_round("care-leavers"))
        db.session.commit()
    out = tmp_path / "actions.csv"
    result = runner.invoke(args=["actions", "export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    printed = runner.invoke(args=["actions", "export"])
    assert printed.output.startswith(",".join(COLUMNS)) and "14.9,Launch the Local Offer" in printed.output
    assert runner.invoke(args=["actions", "export", "--round", "nope"]).exit_code != 0
    out.write_text(out.read_text(encoding="utf-8") + row("15.2"), encoding="utf-8")
    result = runner.invoke(args=["actions", "import", str(out)])
    assert result.exit_code == 0 and "1 new action added (15.2); 1 already up to date." in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + row("16.1", priority="nope"), encoding="utf-8")
    result = runner.invoke(args=["actions", "import", str(bad)])
    assert result.exit_code == 1 and "Line 2: priority:" in result.output and "nothing imported" in result.output
    with app.app_context():
        assert sorted(db.session.scalars(select(Action.reference))) == ["14.9", "15.2"]
        assert [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))][-3:] == [
            "actions exported", "actions exported", "actions imported"]


def test_the_demo_adds_the_reports_actions_once_linked_to_the_demo_rounds(app, runner, make_round):
    slug = make_round("care-leavers")
    make_round("younger-children")
    result = runner.invoke(args=["actions", "demo"])
    assert result.exit_code == 0 and "Demo actions added: 14.9, 15.2, 15.8" in result.output
    assert "already there" in runner.invoke(args=["actions", "demo"]).output
    with app.app_context():
        assert sorted(db.session.scalars(select(Action.reference))) == sorted(d.reference for d in DEMO_ACTIONS)
        local_offer = db.session.scalar(select(Action).where(Action.reference == "14.9"))
        assert local_offer.round_id == round_by_slug(slug).id
        assert ("question", "heard_of_local_offer") in [(f.kind, f.ref) for f in local_offer.findings]
        # what the care leavers group said (seed 002) is a meeting the action answers
        meeting = next(f for f in local_offer.findings if f.kind == "meeting")
        said = db.session.get(MeetingFinding, int(meeting.ref))
        assert (said.group_name, said.said) == ("Care Leavers group",
                                                "There is no website containing all services for care leavers.")
        # every demo action passes the same rules as the form and the import
        exported, _ = export_csv()
        assert len(read_actions(exported.encode("utf-8"))) == len(DEMO_ACTIONS)


def test_the_demo_works_without_rounds(ctx):
    assert add_demo_actions(today=TODAY) == [d.reference for d in DEMO_ACTIONS]
    assert all(action.round_id is None for action in db.session.scalars(select(Action)))


def test_cells_a_spreadsheet_would_run_as_formulas_are_exported_as_text_and_read_back_as_they_were(ctx):
    add("14.9", title='=HYPERLINK("http://evil.example","Click")', owner="@Head of Service")
    add("15.2", title="'=already quoted", owner="+Head of Service")
    add("15.8", title="-10% waiting times", status="not_doing", not_doing_reason="=1+1")
    db.session.commit()
    before, (exported, _count) = register(), export_csv()
    cells = [cell for line in csv.reader(io.StringIO(exported.removeprefix("\ufeff"))) for cell in line]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert "''=already quoted" in cells and "'=HYPERLINK(\"http://evil.example\",\"Click\")" in cells
    for action in db.session.scalars(select(Action)):
        db.session.delete(action)
    db.session.commit()
    import_actions(exported.encode("utf-8"), "w", today=TODAY)
    assert register() == before
