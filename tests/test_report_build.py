"""build_report on small hand-made rounds: empty, one response, all skipped, small groups, a trend
across questionnaire versions, quotes (approved only, 10-answer rule), no free text on the board,
worker's children's points, actions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import delete, select

from survey_app.extensions import db
from survey_app.models import (
    Action,
    ActionFinding,
    Answer,
    Quote,
    RoundCohort,
    RoundReport,
    StoredQuestionnaire,
    SurveyResponse,
    SurveyRound,
)
from survey_app.questionnaire.store import latest, store
from survey_app.reporting.build import build_report
from survey_app.rounds.operations import open_round

WEEK = dt.date(2026, 11, 16)


def round_id_of(slug: str) -> int:
    return db.session.scalar(select(SurveyRound.id).filter_by(slug=slug))


def add(round_id: int, people: list[dict], channel: str = "online") -> None:
    """people: one dict per response, question id → value, list of values, or None (skipped)."""
    for person in people:
        answers = []
        for question_id, value in person.items():
            if value is None:
                answers.append(Answer(question_id=question_id, position=0, skipped=True))
            elif question_id in ("grow_up_to_be", "make_things_better"):
                answers.append(Answer(question_id=question_id, position=0, text=value))
            else:
                for position, choice in enumerate(value if isinstance(value, list) else [value]):
                    answers.append(Answer(question_id=question_id, position=position, choice=choice))
        db.session.add(SurveyResponse(round_id=round_id, week_of=WEEK, channel=channel, answers=answers))
    db.session.commit()


def question(report: dict, question_id: str) -> dict:
    return next(q for p in report["priorities"] for q in p["questions"] if q["id"] == question_id)


def headline(report: dict, question_id: str) -> dict:
    return next(h for p in report["priorities"] for h in p["headlines"] if h["question_id"] == question_id)


def counts(report: dict, question_id: str) -> dict:
    return {row["choice"]: row["count"] for row in question(report, question_id)["distribution"]}


@pytest.fixture
def younger(app, make_round):
    """A younger-children round inside an app context: yields its id."""
    slug = make_round("younger-children")
    with app.app_context():
        yield round_id_of(slug)


def test_an_empty_round_has_zeros_and_no_findings(younger):
    for staff in (False, True):
        report = build_report(younger, for_staff=staff)
        assert report["responses"]["total"] == 0
        assert headline(report, "feel_safe_home")["text"].startswith("No young people have answered")
        assert headline(report, "feel_safe_home")["count"] == 0
        assert counts(report, "feel_safe_home") == {"yes": 0, "no": 0, "not_sure": 0, "rather_not_say": 0}
        assert report["themes"] == [] and report["quotes"] == [] and report["actions"] == []
        assert report["children"]["good"] == [] and report["children"]["change"] == []
        json.dumps(report)  # serialisable


def test_one_response_is_hidden_on_the_board_and_exact_for_staff(younger):
    add(younger, [{"feel_safe_home": "yes", "feel_about_home": "3"}], channel="paper")
    board = build_report(younger)
    assert board["responses"]["total"] == "c"
    # Online 0 next to a hidden Paper count would give it away with the total: both hidden.
    assert {row["channel"]: row["responses"] for row in board["responses"]["by_channel"]} == {"Online": "c",
                                                                                              "Paper": "c"}
    assert headline(board, "feel_safe_home")["count"] == "c"
    assert headline(board, "feel_safe_home")["base"] == "c"
    assert question(board, "feel_safe_home")["answered"] == "c"
    assert set(counts(board, "feel_safe_home").values()) <= {"c", 0}
    assert question(board, "feel_about_home")["mean"] is None
    assert question(board, "feel_safe_home")["breakdowns"] == []
    assert "not broken down" in question(board, "feel_safe_home")["breakdowns_note"]
    staff = build_report(younger, for_staff=True)
    assert staff["responses"]["total"] == 1
    assert headline(staff, "feel_safe_home")["count"] == 1
    assert question(staff, "feel_about_home")["mean"] == 3.0


def test_a_question_everyone_skipped_has_no_answers_and_no_headline_figures(younger):
    add(younger, [{"feel_safe_home": None, "feel_about_home": "3"} for _ in range(12)])
    report = build_report(younger)
    skipped = question(report, "feel_safe_home")
    assert (skipped["answered"], skipped["skipped"]) == (0, 12)
    assert headline(report, "feel_safe_home")["text"] == (
        "No young people have answered ‘Do you feel safe where you live?’ yet")
    assert headline(report, "feel_about_home")["count"] == 12


def test_small_groups_are_hidden_so_they_cannot_be_worked_out(younger):
    add(younger, [{"feel_safe_home": "yes"}] * 9 + [{"feel_safe_home": "no"}] * 3)
    board = build_report(younger)
    assert headline(board, "feel_safe_home")["count"] == 9
    # 9 of 12 said yes is published, so "no" (3) and "not sure" (0) are both hidden: either alone gives 3 away.
    assert counts(board, "feel_safe_home") == {"yes": 9, "no": "c", "not_sure": "c", "rather_not_say": 0}
    assert [row["percent"] for row in question(board, "feel_safe_home")["distribution"][:3]] == [75.0, None, None]
    staff = build_report(younger, for_staff=True)
    assert counts(staff, "feel_safe_home") == {"yes": 9, "no": 3, "not_sure": 0, "rather_not_say": 0}


def test_a_group_of_fewer_than_ten_answers_shows_no_figures(younger):
    add(younger, [{"feel_safe_home": "yes"}] * 8)
    board = build_report(younger)
    assert headline(board, "feel_safe_home")["count"] == "c"
    assert headline(board, "feel_safe_home")["suppressed"] is True
    assert set(counts(board, "feel_safe_home").values()) <= {"c", 0}
    assert all(row["percent"] is None for row in question(board, "feel_safe_home")["distribution"])


def test_breakdown_by_channel_is_shown_only_with_enough_in_each_group(younger):
    add(younger, [{"feel_safe_home": "yes"}] * 12)
    add(younger, [{"feel_safe_home": "no"}] * 3, channel="paper")
    board = build_report(younger)
    (table,) = question(board, "feel_safe_home")["breakdowns"]
    assert table["by"] == "channel"
    # Paper would be all "c" and Online's 12 its hidden column partner: a table of nothing but "c" is left out
    assert table["rows"] == []
    assert table["note"] == "Too few answered on paper to show online and paper apart."
    staff_rows = {row["group"]: row["cells"] for row in
                  question(build_report(younger, for_staff=True), "feel_safe_home")["breakdowns"][0]["rows"]}
    assert staff_rows == {"Online": [12, 0, 0, 0], "Paper": [0, 3, 0, 0]}


def test_the_care_leavers_report_breaks_answers_down_by_age_band(app, make_round):
    slug = make_round("care-leavers")
    with app.app_context():
        round_id = round_id_of(slug)
        add(round_id, [{"age_band": "age_16_17", "enough_money": "no"}] * 10
            + [{"age_band": "age_18_25", "enough_money": "yes"}] * 12
            + [{"age_band": "rather_not_say", "enough_money": "yes"}] * 10)
        staff = build_report(round_id, for_staff=True)
        (table,) = question(staff, "enough_money")["breakdowns"]
        assert (table["by"], table["title"]) == ("age_band", "Age")
        assert {row["group"]: row["cells"] for row in table["rows"]} == {
            "16 or 17": [0, 10, 0, 0], "18 to 25": [12, 0, 0, 0], "Not said": [10, 0, 0, 0]}
        assert [row["group"] for row in table["rows"]] == ["16 or 17", "18 to 25", "Not said"]


@pytest.fixture
def version_two(app):
    """Stores version 2 of younger-children for one test, and removes it (and its rounds) afterwards."""
    with app.app_context():
        source = latest("younger-children").source.replace("version: 1", "version: 2", 1)
        stored, _ = store(source.replace("Do you feel safe where you live?", "Do you feel safe at home?"), "v2")
        db.session.commit()
        version_id = stored.id
    yield version_id
    with app.app_context():
        db.session.remove()
        for round_id in db.session.scalars(select(SurveyRound.id).filter_by(questionnaire_version_id=version_id)):
            db.session.execute(delete(SurveyResponse).where(SurveyResponse.round_id == round_id))
        db.session.execute(delete(SurveyRound).where(SurveyRound.questionnaire_version_id == version_id))
        db.session.execute(delete(StoredQuestionnaire).where(StoredQuestionnaire.id == version_id))
        db.session.commit()


def test_trend_compares_with_the_previous_round_of_an_older_version(app, version_two):
    with app.app_context():
        first = open_round(db.session.scalar(select(StoredQuestionnaire).filter_by(key="younger-children",
                                                                                   version=1)), "Spring")
        first.created_on = dt.date(2026, 3, 1)
        db.session.commit()
        add(first.id, [{"feel_safe_home": "yes"}] * 6 + [{"feel_safe_home": "no"}] * 6)
        second = open_round(db.session.get(StoredQuestionnaire, version_two), "Autumn")
        assert second.questionnaire_version.version == 2
        second.created_on = dt.date(2026, 10, 1)
        db.session.commit()
        add(second.id, [{"feel_safe_home": "yes"}] * 12)
        report = build_report(second.id)
    assert report["previous_round"]["title"] == "Spring"
    trend = question(report, "feel_safe_home")["trend"]
    assert trend["previous_percent"] == 50.0 and trend["current_percent"] == 100.0
    assert trend["change_points"] == 50.0
    assert (trend["previous_base"], trend["current_base"], trend["note"]) == (12, 12, "")


def test_trend_hides_a_percentage_that_would_give_a_small_count_back(app):
    with app.app_context():
        first = open_round(latest("younger-children"), "Spring")
        first.created_on = dt.date(2026, 3, 1)
        db.session.commit()
        add(first.id, [{"feel_safe_home": "yes"}] * 3 + [{"feel_safe_home": "no"}] * 9)
        second = open_round(latest("younger-children"), "Autumn")
        second.created_on = dt.date(2026, 10, 1)
        db.session.commit()
        add(second.id, [{"feel_safe_home": "yes"}] * 12)
        board = question(build_report(second.id), "feel_safe_home")["trend"]
        staff = question(build_report(second.id, for_staff=True), "feel_safe_home")["trend"]
    assert (board["previous_percent"], board["change_points"]) == (None, None)
    assert board["note"]
    assert (staff["previous_percent"], staff["change_points"]) == (25.0, 75.0)


WRITTEN = [f"I want to be a vet number {n}" for n in range(10)]


def quotes_round(round_id: int, written: list[str]) -> list[str]:
    add(round_id, [{"grow_up_to_be": text, "feel_safe_home": "yes"} for text in written])
    ids = db.session.scalars(select(SurveyResponse.id).where(SurveyResponse.round_id == round_id)
                             .order_by(SurveyResponse.id)).all()
    return ids


def test_only_approved_quotes_reach_the_report(younger):
    ids = quotes_round(younger, WRITTEN)
    db.session.add_all([
        Quote(round_id=younger, response_id=ids[0], question_id="grow_up_to_be", text="I want to be a [job]",
              theme_code="education", status="approved"),
        Quote(round_id=younger, response_id=ids[1], question_id="grow_up_to_be", text="PENDING words",
              status="pending"),
        Quote(round_id=younger, response_id=ids[2], question_id="grow_up_to_be", text="REJECTED words",
              status="rejected"),
    ])
    db.session.commit()
    for staff in (False, True):
        report = build_report(younger, for_staff=staff)
        assert [quote["text"] for quote in report["quotes"]] == ["I want to be a [job]"]
        body = json.dumps(report, ensure_ascii=False)
        assert "PENDING" not in body and "REJECTED" not in body
    board = build_report(younger)
    priority = next(p for p in board["priorities"] if p["code"] == board["quotes"][0]["priority"])
    assert [quote["text"] for quote in priority["quotes"]] == ["I want to be a [job]"]


def test_free_text_never_reaches_the_board_report_except_approved_quotes(younger):
    ids = quotes_round(younger, WRITTEN)
    db.session.add(Quote(round_id=younger, response_id=ids[0], question_id="grow_up_to_be",
                         text="Approved and redacted", status="approved"))
    db.session.commit()
    body = json.dumps(build_report(younger), ensure_ascii=False)
    assert "Approved and redacted" in body
    assert not any(text in body for text in WRITTEN)
    assert question(build_report(younger), "grow_up_to_be")["sentiment"] is None
    assert question(build_report(younger, for_staff=True), "grow_up_to_be")["sentiment"]["answers"] == 10


def test_no_quote_from_a_question_with_fewer_than_ten_written_answers(younger):
    ids = quotes_round(younger, WRITTEN[:9])
    db.session.add(Quote(round_id=younger, response_id=ids[0], question_id="grow_up_to_be",
                         text="Approved but too few", status="approved"))
    db.session.commit()
    for staff in (False, True):
        assert build_report(younger, for_staff=staff)["quotes"] == []


def test_workers_children_points_replace_the_generated_ones(younger):
    add(younger, [{"feel_safe_home": "yes"}] * 12)
    assert build_report(younger)["children"]["good"] == ["All of you feel safe where you live."]
    db.session.add(RoundReport(round_id=younger, children_good="- You feel safe.\n\n  You like school.  \n"))
    db.session.commit()
    children = build_report(younger)["children"]
    assert children["good"] == ["You feel safe.", "You like school."]
    assert children["good_written_by_worker"] is True


def test_actions_are_listed_with_status_labels_and_not_doing_is_not_promised_to_children(younger):
    add(younger, [{"feel_safe_home": "yes"}] * 12)
    db.session.add_all([
        Action(reference="15.10", title="Later one", priority_code="placement", round_id=younger, status="done"),
        Action(reference="15.8", title="Mentors", priority_code="placement", round_id=younger, owner="Head of Care",
               due_on=dt.date(2027, 3, 31), status="in_progress",
               findings=[ActionFinding(kind="question", ref="feel_safe_home")]),
        Action(reference="2.1", title="Not this", priority_code="health", round_id=younger, status="not_doing",
               not_doing_reason="No money"),
        Action(reference="9.9", title="Another round's", priority_code="health", round_id=None),
    ])
    db.session.commit()
    report = build_report(younger)
    assert [action["reference"] for action in report["actions"]] == ["2.1", "15.8", "15.10"]
    mentors = report["actions"][1]
    assert (mentors["status_label"], mentors["due_on"], mentors["owner"]) == ("In progress", "2027-03-31",
                                                                              "Head of Care")
    assert mentors["findings"] == [{"kind": "question", "ref": "feel_safe_home",
                                    "label": "Do you feel safe where you live?"}]
    assert report["actions"][0]["not_doing_reason"] == "No money"
    assert [item["reference"] for item in report["children"]["we_will_do"]] == ["15.8", "15.10"]
    placement = next(p for p in report["priorities"] if p["code"] == "placement")
    assert placement["actions"] == ["15.8", "15.10"]


def test_response_rates_use_the_cohorts_entered_for_the_round(younger):
    add(younger, [{"feel_safe_home": "yes"}] * 12)
    db.session.add(RoundCohort(round_id=younger, group="in_care_8_11", expected=48))
    db.session.commit()
    (rate,) = [row for row in build_report(younger)["response_rates"] if row["group"] == "Children in care"]
    assert (rate["cohort"], rate["responses"], rate["rate"]) == (48, 12, 25.0)


def test_the_typed_report_reads_back_its_own_json_and_refuses_another_shape(younger):
    from survey_app.reporting.build import build
    from survey_app.reporting.report import Report, ReportFormatError

    add(younger, [{"feel_safe_home": "yes"}] * 12 + [{"feel_safe_home": "no"}] * 3)
    for staff in (False, True):
        report = build(younger, for_staff=staff)
        published = report.to_json()
        assert json.loads(json.dumps(published)) == published
        assert Report.from_json(published) == report
    with pytest.raises(ReportFormatError, match="unknown keys \\['surprise'\\]"):
        Report.from_json({**published, "surprise": 1})
    without_footnote = {key: value for key, value in published.items() if key != "footnote"}
    with pytest.raises(ReportFormatError, match="missing keys \\['footnote'\\]"):
        Report.from_json(without_footnote)
    broken = json.loads(json.dumps(published))
    del broken["priorities"][0]["questions"][0]["distribution"][0]["percent"]
    with pytest.raises(ReportFormatError, match="report.priorities\\[0\\].questions\\[0\\].distribution\\[0\\]"):
        Report.from_json(broken)
