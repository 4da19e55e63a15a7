"""A round report in the published JSON format ("voices-in-care/round-report/1", README "Report JSON"), for
testing the report pages without the builder. The figures are the 2018 survey's (seed 002): 28 young
people; happy where they live 27 of 28; know who to talk to 26 of 28; health passport 16 of 28;
happy or sad 12/7/6/2/1 (the 2 and the 1 are hidden as "c" for the board).

`sample_report(for_staff=...)` gives a fresh dict each call, in the published JSON format;
`use_sample_reports(monkeypatch, ...)` makes the report pages and downloads use it (read with
Report.from_json, which refuses a key too many or too few, so the sample cannot drift from the builder's
report) instead of survey_app/reporting/build.py and exports.py."""

from __future__ import annotations

import copy
import json

# Words that must never reach a board member or a child: a free-text answer nobody approved.
RAW_FREE_TEXT = "my social worker Sarah Jones never rings me back on 07700 900123"
UNAPPROVED_QUOTE = "I hate the house on Elm Street"

APPROVED_QUOTES = [
    {"id": 1, "question_id": "better", "text": "I want to see my brother more than once a month.",
     "theme": "family_contact", "priority": "placement", "theme_title": "Family contact"},
    {"id": 2, "question_id": "better", "text": "My carers listen to me and help me with homework.",
     "theme": "listened_to", "priority": "voice", "theme_title": "Being listened to"},
]

_HAPPY_SAD = [("5", "Very happy", 12), ("4", "Happy", 7), ("3", "OK", 6), ("2", "Unhappy", 2), ("1", "Very unhappy", 1)]


def _distribution(rows, total, for_staff):
    shown = []
    for choice, label, count in rows:
        hidden = not for_staff and count < 5
        shown.append({"choice": choice, "label": label, "count": "c" if hidden else count,
                      "percent": None if hidden else round(100 * count / total, 1)})
    return shown


def sample_report(*, for_staff: bool = False, published: bool = True, slug: str = "sample-round",
                  title: str = "Your life, your care 2018") -> dict:
    c = (lambda n: n) if for_staff else (lambda n: "c" if n < 5 else n)
    happy_home = {
        "id": "happy_home", "text": "Are you happy where you’re living?", "type": "yes_no",
        "answered": 28, "skipped": c(0), "rather_not_say": 0,
        "distribution": _distribution([("yes", "Yes", 27), ("no", "No", 1)], 28, for_staff),
        "mean": None,
        "breakdowns": [{
            "by": "care_status", "title": "In care or care leaver", "columns": ["Yes", "No"],
            "rows": [{"group": "In care", "cells": [c(19), c(1)]}, {"group": "Care leaver", "cells": [c(8), c(0)]}],
            "note": "" if for_staff else "c = fewer than 5 young people, or hidden so that a small number "
                                         "can’t be worked out.",
        }],
        "trend": {"previous_round": "Your life, your care 2016", "previous_round_slug": "care-2016",
                  "previous_percent": 88.0, "current_percent": 96.4,
                  "change_points": 8.4, "previous_base": 25, "current_base": 28, "note": "",
                  "change_low": -7.7, "change_high": 26.6, "could_be_chance": True},
        "sentiment": None,
    }
    talk_to = {
        "id": "know_who_to_talk_to", "text": "Do you know who to talk to if you’re worried?", "type": "yes_no",
        "answered": 28, "skipped": c(0), "rather_not_say": 0,
        "distribution": _distribution([("yes", "Yes", 26), ("no", "No", 2)], 28, for_staff),
        "mean": None, "breakdowns": [], "trend": None, "sentiment": None,
    }
    passport = {
        "id": "health_passport", "text": "Do you have a health passport?", "type": "yes_no",
        "answered": 28, "skipped": c(0), "rather_not_say": 0,
        "distribution": _distribution([("yes", "Yes", 16), ("no", "No", 12)], 28, for_staff),
        "mean": None,
        "breakdowns": [{"by": "age_band", "title": "Age", "columns": [], "rows": [],
                        "note": "Not shown by age: fewer than 10 young people in a group."}],
        "trend": {"previous_round": "Your life, your care 2016", "previous_round_slug": "care-2016",
                  "previous_percent": None, "current_percent": 57.1,
                  "change_points": None, "previous_base": 6, "current_base": 28,
                  "note": "Too few answers last time to compare."},
        "sentiment": None,
    }
    happy_sad = {
        "id": "happy_or_sad", "text": "Are you happy or sad?", "type": "smiley5",
        "answered": 28, "skipped": c(0), "rather_not_say": 0,
        "distribution": _distribution(_HAPPY_SAD, 28, for_staff), "mean": 4.0,
        "breakdowns": [], "trend": None, "sentiment": None,
    }
    better = {
        "id": "better", "text": "What would make things better?", "type": "long_text",
        "answered": 21, "skipped": c(7), "distribution": [], "mean": None, "breakdowns": [], "trend": None,
        "sentiment": {"answers": 21, "mean_polarity": 0.12, "label": "Slightly positive"} if for_staff else None,
    }
    report = {
        "schema": "voices-in-care/round-report/1",
        "council": "Testshire Council",
        "generated_on": "2026-11-23",
        "for_staff": for_staff,
        "round": {"id": 1, "slug": slug, "title": title, "audience": "in_care", "opens_on": "2018-03-01",
                  "closes_on": "2018-04-30", "status": "closed",
                  "questionnaire": {"key": "younger-children", "title": "Your life, your care", "version": 1}},
        "publication": {"published": published, "published_on": "2026-11-20" if published else None,
                        "board_summary": "28 young people answered.\n\nMost are happy where they live; "
                                         "fewer than 6 in 10 have a health passport."},
        "thresholds": {"min_cell": 5, "min_base": 10, "min_text_answers": 10},
        "footnote": "c = fewer than 5 young people, or hidden so that a small number can’t be worked out.",
        "responses": {"total": 28, "by_channel": [{"channel": "Online", "responses": 25},
                                                  {"channel": "Paper", "responses": c(3)}]},
        "response_rates": [
            {"group": "In care, aged 8 to 11", "cohort": 40, "responses": 20, "rate": 50.0, "not_heard": False},
            {"group": "Care leavers", "cohort": 30, "responses": 8, "rate": 26.7, "not_heard": False},
            {"group": "In care, aged 12 to 17", "cohort": 12, "responses": c(0), "rate": 0.0 if for_staff else "c",
             "not_heard": True if for_staff else None},
        ],
        "previous_round": {"slug": "care-2016", "title": "Your life, your care 2016"},
        "priorities": [
            {"code": "placement", "title": "Placement and stability",
             "description": "Suitable, stable placements and accommodation.", "source": "Strategy priority 1",
             "headlines": [
                 {"question_id": "happy_home", "priority": "placement", "count": 27, "base": 28, "percent": 96.4,
                  "suppressed": False,
                  "text": "Almost all young people (27 of 28) said yes to ‘Are you happy where you’re living?’"}],
             "questions": [happy_home, better],
             "themes": [{"code": "family_contact", "title": "Family contact", "answers": 9},
                        {"code": "placement", "title": "Where I live", "answers": c(3)}],
             "quotes": [{k: v for k, v in APPROVED_QUOTES[0].items() if k != "priority"}],
             "actions": ["14.9"]},
            {"code": "health", "title": "Health and wellbeing",
             "description": "Emotional wellbeing and physical health.", "source": "Strategy priority 2",
             "headlines": [
                 {"question_id": "health_passport", "priority": "health", "count": 16, "base": 28, "percent": 57.1,
                  "suppressed": False,
                  "text": "Most young people (16 of 28) said yes to ‘Do you have a health passport?’"},
                 {"question_id": "happy_or_sad", "priority": "health", "count": 19, "base": 28, "percent": 67.9,
                  "suppressed": False,
                  "text": "Most young people (19 of 28) chose ‘Very happy’ or ‘Happy’ for ‘Are you happy or sad?’"}],
             "questions": [passport, happy_sad],
             "themes": [], "quotes": [], "actions": ["15.2"]},
            {"code": "voice", "title": "Voice and participation",
             "description": "Children’s voices shape their care.", "source": "Strategy priority 5",
             "headlines": [
                 {"question_id": "know_who_to_talk_to", "priority": "voice", "count": 26, "base": 28,
                  "percent": 92.9, "suppressed": False,
                  "text": "Almost all young people (26 of 28) said yes to ‘Do you know who to talk to if "
                          "you’re worried?’"}],
             "questions": [talk_to],
             "themes": [{"code": "listened_to", "title": "Being listened to", "answers": 6}],
             "quotes": [{k: v for k, v in APPROVED_QUOTES[1].items() if k != "priority"}],
             "actions": ["16.1"]},
        ],
        "themes": [{"code": "family_contact", "title": "Family contact", "priority": "placement", "answers": 9},
                   {"code": "listened_to", "title": "Being listened to", "priority": "voice", "answers": 6},
                   {"code": "placement", "title": "Where I live", "priority": "placement", "answers": c(3)}],
        "quotes": copy.deepcopy(APPROVED_QUOTES),
        "actions": [
            {"reference": "14.9", "title": "More time with brothers and sisters", "priority": "placement",
             "owner": "Head of Children in Care", "due_on": "2027-03-31", "status": "in_progress",
             "status_label": "In progress", "not_doing_reason": "",
             "updates": [{"written_on": "2026-09-01", "text": "Contact plans checked for 12 children."},
                         {"written_on": "2026-11-01", "text": "Weekend contact pilot started."}],
             "findings": [{"kind": "theme", "ref": "family_contact", "label": "Family contact"}]},
            {"reference": "15.2", "title": "Every young person gets a health passport", "priority": "health",
             "owner": "Designated nurse", "due_on": "2027-06-30", "status": "planned", "status_label": "Planned",
             "not_doing_reason": "", "updates": [],
             "findings": [{"kind": "question", "ref": "health_passport", "label": "Do you have a health passport?"}]},
            {"reference": "16.1", "title": "A youth council meeting every month", "priority": "voice",
             "owner": "Participation worker", "due_on": "2026-10-31", "status": "done", "status_label": "Done",
             "not_doing_reason": "", "updates": [{"written_on": "2026-10-15", "text": "First meeting held."}],
             "findings": []},
            {"reference": "16.2", "title": "Pocket money paid by app", "priority": "voice",
             "owner": "Finance manager", "due_on": None, "status": "not_doing", "status_label": "Not doing",
             "not_doing_reason": "Banks will not open accounts for under-13s.", "updates": [], "findings": []},
        ],
        "children": {
            "good": ["Almost all of you are happy where you live.",
                     "Almost all of you know who to talk to if you are worried."],
            "change": ["Lots of you want to see your brothers and sisters more.",
                       "Some of you don’t have a health passport yet."],
            "good_written_by_worker": False,
            "change_written_by_worker": False,
            "we_will_do": [
                {"reference": "14.9", "title": "More time with brothers and sisters",
                 "owner": "Head of Children in Care", "due_on": "2027-03-31", "status_label": "In progress"},
                {"reference": "15.2", "title": "Every young person gets a health passport",
                 "owner": "Designated nurse", "due_on": "2027-06-30", "status_label": "Planned"},
                {"reference": "16.1", "title": "A youth council meeting every month",
                 "owner": "Participation worker", "due_on": "2026-10-31", "status_label": "Done"},
                {"reference": "16.2", "title": "Pocket money paid by app", "owner": "Finance manager",
                 "due_on": None, "status_label": "Not doing"},
            ],
        },
    }
    headlines = {h["question_id"]: h for p in report["priorities"] for h in p["headlines"]}
    report["summary"] = {
        "strongest": [headlines["happy_home"], headlines["know_who_to_talk_to"]],
        "weakest": [headlines["health_passport"], headlines["happy_or_sad"]],
        "due_within_days": 56,
        "actions_overdue": [
            {"reference": "13.4", "title": "An independent visitor for every child who wants one",
             "priority": "voice", "owner": "Independent reviewing service", "due_on": "2026-10-01",
             "status_label": "In progress"}],
        "actions_due": [
            {"reference": "15.5", "title": "Health passports checked at every review", "priority": "health",
             "owner": "Designated nurse", "due_on": "2026-12-15", "status_label": "Planned"}],
    }
    json.dumps(report)  # the contract: JSON-serialisable
    return report


def use_sample_reports(monkeypatch, factory=None, calls: list | None = None) -> None:
    """Make the report pages use `factory(survey_round, for_staff)` (default: sample_report with the round's
    slug, title and publication) instead of the builder, and the downloads use a stand-in exporter."""
    from survey_app.extensions import db
    from survey_app.models import SurveyRound
    from survey_app.reporting import build, exports
    from survey_app.reporting.publication import publication_of
    from survey_app.reporting.report import Report

    def fake_build(round_id, *, for_staff=False, progress=None):
        survey_round = db.session.get(SurveyRound, round_id)
        if calls is not None:
            calls.append((survey_round.slug, for_staff))
        if factory is not None:
            return Report.from_json(factory(survey_round, for_staff))
        publication = publication_of(survey_round)
        report = sample_report(for_staff=for_staff, slug=survey_round.slug, title=survey_round.title,
                               published=bool(publication and publication.published))
        if publication is not None:
            report["publication"]["board_summary"] = publication.board_summary
            for key, field in (("good", "children_good"), ("change", "children_change")):
                lines = [line.strip() for line in getattr(publication, field).splitlines() if line.strip()]
                if lines:
                    report["children"][key] = lines
        return Report.from_json(report)

    def export(fmt):
        # exports.export_<fmt>(round_id, what, *, for_staff) -> (bytes, file name)
        def exporter(round_id, what, *, for_staff):
            return f"{what} {fmt} of round {round_id}, staff={for_staff}".encode(), f"round-{round_id}-{what}.{fmt}"
        return exporter

    monkeypatch.setattr(build, "build", fake_build)
    monkeypatch.setattr(exports, "exporter", export)
