"""The board report a board reads: the first-page summary (strongest and weakest headlines by a stated
rule, overdue and due actions from the register), tables of nothing but "c" left out with a line why,
theme titles never codes, and trends that say whether a change could be chance (Newcombe's interval)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from analysis.ranking import strongest_and_weakest
from analysis.suppression import all_hidden
from analysis.trends import change_interval, wilson_interval
from survey_app.extensions import db
from survey_app.models import Action, SurveyResponse, SurveyRound
from survey_app.reporting.build import build_report

from .report_sample import sample_report, use_sample_reports
from .test_report_build import add
from .test_reports_pages import publish_directly, text_of

# -- could a change be chance? ------------------------------------------------------------------------


# Newcombe (1998), "Interval estimation for the difference between independent proportions", Statistics in
# Medicine 17:873-890, Table II, method 10 (the hybrid score interval): (later count, later base, earlier
# count, earlier base) → the interval of later − earlier, in percentage points.
NEWCOMBE_TABLE_II = [
    ((56, 70, 48, 80), (5.2, 33.4)),
    ((9, 10, 3, 10), (17.1, 80.9)),
    ((6, 7, 2, 7), (5.8, 80.6)),
    ((5, 56, 0, 29), (-3.8, 19.3)),
    ((0, 10, 0, 20), (-16.1, 27.8)),
    ((0, 10, 0, 10), (-27.8, 27.8)),
    ((10, 10, 0, 20), (67.9, 100.0)),
    ((10, 10, 0, 10), (60.8, 100.0)),
]


@pytest.mark.parametrize(("counts", "expected"), NEWCOMBE_TABLE_II)
def test_the_change_interval_gives_newcombes_published_values(counts, expected):
    later_count, later_base, earlier_count, earlier_base = counts
    interval = change_interval(earlier_count, earlier_base, later_count, later_base)
    assert (interval.low_points, interval.high_points) == expected


def test_the_wilson_interval_gives_the_published_value():
    low, high = wilson_interval(81, 263)  # Newcombe (1998), single proportion paper: 0.2553 to 0.3662
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_a_big_jump_on_few_answers_could_be_chance_and_a_clear_one_is_real():
    small = change_interval(6, 14, 19, 32)  # 42.9% of 14, then 59.4% of 32: +16.5 points
    assert (small.low_points, small.high_points) == (-13.4, 42.8)
    assert small.could_be_chance
    clear = change_interval(5, 14, 24, 32)  # 35.7% of 14, then 75% of 32: +39.3 points
    assert (clear.low_points, clear.high_points) == (8.6, 61.9)
    assert not clear.could_be_chance


# -- strongest and weakest -------------------------------------------------------------------------------

def headlines(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["question_id", "count", "base", "suppressed", "rankable"])


def test_the_strongest_are_the_highest_shares_and_the_weakest_the_lowest():
    frame = headlines(("a", 20, 40, False, True), ("b", 36, 40, False, True), ("c", 10, 40, False, True),
                      ("d", 30, 40, False, True), ("e", 4 * 9, 40, False, True), ("f", 25, 40, False, True),
                      ("g", 12, 40, False, True))
    strongest, weakest = strongest_and_weakest(frame)
    assert strongest == ["b", "e", "d"]  # 90%, 90% (asked later), 75%
    assert weakest == ["c", "g", "a"]  # 25%, 30%, 50%


def test_a_suppressed_headline_or_a_small_base_is_never_ranked():
    frame = headlines(("hidden", 3, 30, True, True), ("small", 1, 8, True, True), ("eight_of_nine", 8, 9, False, True),
                      ("high", 27, 30, False, True), ("low", 12, 30, False, True))
    strongest, weakest = strongest_and_weakest(frame)
    assert strongest == ["high"] and weakest == ["low"]


def test_only_headlines_about_a_good_answer_are_ranked():
    frame = headlines(("where_you_live", 20, 28, False, False), ("happy", 26, 28, False, True),
                      ("unemployed", 2 * 5, 28, False, False), ("passport", 16, 28, False, True))
    assert strongest_and_weakest(frame) == (["happy"], ["passport"])


def test_with_fewer_than_six_no_headline_is_both_strongest_and_weakest():
    frame = headlines(("a", 27, 28, False, True), ("b", 26, 28, False, True), ("c", 16, 28, False, True))
    assert strongest_and_weakest(frame) == (["a", "b"], ["c"])
    assert strongest_and_weakest(frame.head(1)) == (["a"], [])
    assert strongest_and_weakest(frame.head(0)) == ([], [])


def test_a_tie_goes_to_the_question_more_young_people_answered():
    frame = headlines(("fewer", 10, 20, False, True), ("more", 20, 40, False, True), ("top", 40, 40, False, True),
                      ("bottom", 0, 40, False, True))
    strongest, weakest = strongest_and_weakest(frame)
    assert strongest == ["top", "more"]
    assert weakest == ["bottom", "fewer"]


# -- tables of nothing but "c" ------------------------------------------------------------------------------

@pytest.mark.parametrize(("cells", "left_out"), [
    (["c", "c", "c", "c"], True),
    (["c", 0, "c", 0], True),  # zeros say nothing either
    (["c", 12, 0, "c"], False),  # 12 is worth showing
    ([0, 0, 0], False),  # nothing hidden: an empty table is shown as zeros
    ([], False),
])
def test_a_table_of_nothing_but_c_is_found(cells, left_out):
    assert all_hidden(cells) is left_out


# -- the report built from a round ------------------------------------------------------------------------------

@pytest.fixture
def younger(app, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        yield db.session.scalar(select(SurveyRound.id).filter_by(slug=slug))


def test_the_summary_ranks_shown_headlines_and_lists_open_actions_due_soon_or_overdue(younger):
    def person(safe, feel, social_worker, looked_after):
        return {"feel_safe_home": safe, "feel_most_days": feel, "know_social_worker": social_worker,
                "grown_ups_look_after_you": looked_after}

    add(younger, [person("yes", "3", "yes", "3")] * 3 + [person("yes", "3", "yes", "2")] * 3
        + [person("yes", "3", "no", "2")] * 4 + [person("yes", "1", "no", "2"), person("no", "1", "no", "2")])
    today = dt.date.today()
    db.session.add_all([
        Action(reference="1.1", title="Independent visitors for all", priority_code="voice", owner="IRO service",
               status="in_progress", due_on=today - dt.timedelta(days=1)),
        Action(reference="1.2", title="Health passports at every review", priority_code="health",
               owner="Designated nurse", status="planned", due_on=today + dt.timedelta(days=10)),
        Action(reference="1.3", title="Done already", priority_code="health", status="done",
               due_on=today - dt.timedelta(days=5)),
        Action(reference="1.4", title="Not doing", priority_code="health", status="not_doing",
               not_doing_reason="No money", due_on=today - dt.timedelta(days=5)),
        Action(reference="1.5", title="Next year", priority_code="health", status="planned",
               due_on=today + dt.timedelta(days=200)),
        Action(reference="1.6", title="No date", priority_code="health", status="planned"),
    ])
    db.session.commit()
    assert db.session.query(SurveyResponse).count() == 12
    summary = build_report(younger)["summary"]
    # feel_safe_home 11 of 12, feel_most_days 10 of 12, know_social_worker 6 of 12; grown_ups_look_after_you's
    # 3 of 12 is hidden, so it is never ranked even though it is the lowest share
    assert [h["question_id"] for h in summary["strongest"]] == ["feel_safe_home", "feel_most_days"]
    assert [h["question_id"] for h in summary["weakest"]] == ["know_social_worker"]
    assert [(a["title"], a["status_label"]) for a in summary["actions_overdue"]] == [
        ("Independent visitors for all", "In progress")]
    assert [(a["title"], a["owner"]) for a in summary["actions_due"]] == [
        ("Health passports at every review", "Designated nurse")]
    assert summary["due_within_days"] == 56


# -- the page -------------------------------------------------------------------------------------------------

@pytest.fixture
def board(client, make_staff, sign_in):
    assert sign_in(*make_staff("board")).status_code == 302
    return client


def test_page_one_shows_the_summary_with_titles_and_the_notes_explain_the_rules(app, board, make_round, monkeypatch):
    use_sample_reports(monkeypatch)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    html = board.get(f"/staff/board/reports/{slug}").get_data(as_text=True)
    text = text_of(html)
    summary = text[text.index("Summary Who answered"):text.index("Contents")]
    assert "28 young people answered: 25 online, c on paper." in summary
    assert "Strongest results Almost all young people (27 of 28) said yes to ‘Are you happy where you’re living?’" \
        in summary
    assert "Weakest results Most young people (16 of 28) said yes to ‘Do you have a health passport?’" in summary
    assert ("Overdue An independent visitor for every child who wants one (Independent reviewing service; "
            "due 1 October 2026; in progress; action 13.4)") in summary
    assert "Due Health passports checked at every review" in summary
    # themes by title, never by code, and counted for the priority, not a question
    assert "family_contact" not in text and "listened_to" not in text
    assert "Themes of this priority in everything young people wrote Theme Written answers Family contact 9" in text
    assert "Counted across all the written answers in this survey, not for one question." in text
    assert "Could a change be chance?" in text and "Newcombe" in text
    assert "Strongest and weakest results." in text
    assert "(the change is probably between −7.7 and +26.6 points; see Notes)" in text


def test_a_real_change_says_so_and_a_table_of_nothing_but_c_is_left_out_with_a_reason(app, board, make_round,
                                                                                      monkeypatch):
    def changed(survey_round, for_staff):
        report = sample_report(slug=survey_round.slug)
        happy = report["priorities"][0]["questions"][0]
        happy["trend"].update(change_low=2.1, change_high=15.0, could_be_chance=False)
        passport = report["priorities"][1]["questions"][0]
        passport["distribution"] = [{**row, "count": "c", "percent": None} for row in passport["distribution"]]
        passport["answered"] = 8
        return report

    use_sample_reports(monkeypatch, changed)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    text = text_of(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True))
    assert "Up 8 percentage points since Your life, your care 2016: a real change" in text
    assert "Fewer than 10 young people answered this question, so its answers are not shown." in text
    assert "Answers to “Do you have a health passport?”" not in text


def test_a_report_stored_before_the_summary_still_shows(app, board, make_round, monkeypatch):
    def older(survey_round, for_staff):
        report = sample_report(slug=survey_round.slug)
        del report["summary"]
        return report

    use_sample_reports(monkeypatch, older)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    response = board.get(f"/staff/board/reports/{slug}")
    assert response.status_code == 200
    assert "28 young people answered" in text_of(response.get_data(as_text=True))
