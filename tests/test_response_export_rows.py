"""The anonymised responses export turns answer rows into one row per response in the database
(exports._pivot_sql on SQLite, and on PostgreSQL for the XLSX's rows as they come; exports._Packing on
PostgreSQL otherwise). These tests pin what each kind of answer row
becomes, on whichever database the suite runs on, and check the rows against a plain Python pivot of the
same answers (the way the export was made before the database did it)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlalchemy import select

from analysis import extract
from analysis.redaction import redact, rules_fingerprint
from survey_app.cells import spreadsheet_text
from survey_app.extensions import db
from survey_app.models import Answer, SurveyResponse
from survey_app.reporting import exports

from .test_report_build import WEEK, round_id_of

STALE = "word lists of long ago"


def response(number: int, channel: str = "online", *answers: Answer) -> SurveyResponse:
    """Ids fix the order rows are numbered in (response id order)."""
    return SurveyResponse(id=f"{number:032x}", week_of=WEEK, channel=channel, answers=list(answers))


def ticks(question_id: str, *choices: str) -> list[Answer]:
    return [Answer(question_id=question_id, position=position, choice=choice)
            for position, choice in enumerate(choices)]


def skip(question_id: str) -> Answer:
    return Answer(question_id=question_id, position=0, skipped=True)


def written(question_id: str, text: str | None, redacted: str | None = None, key: str | None = None) -> Answer:
    return Answer(question_id=question_id, position=0, text=text, redacted=redacted, redaction_key=key)


@pytest.fixture
def awkward(app, make_round):
    """A care leavers' round whose answers hold every case the export distinguishes."""
    slug = make_round("care-leavers")
    with app.app_context():
        round_id = round_id_of(slug)
        fresh = rules_fingerprint()
        people = [
            # several ticks, stored in an order that is not the options' (the export follows position);
            # a written answer redacted under today's lists whose stored wording starts with "="
            response(1, "online", *ticks("money_help_wanted", "bills_and_debts", "benefits", "budgeting"),
                     *ticks("feel_safe_home", "yes"),
                     written("anything_else", "Sam wrote =SUM(A1)", "=SUM(A1) said [name]", fresh)),
            # skipped questions; a written answer redacted under other word lists (redacted again here)
            response(2, "paper", skip("money_help_wanted"), skip("feel_safe_home"),
                     written("anything_else", "call Sam on 07700 900123", "stale wording", STALE),
                     skip("eet_what_would_help")),
            # nothing answered at all
            response(3, "online"),
            # never redacted (no key); starts with "-" and holds a control character; one tick;
            # a choice value that would be a formula
            response(4, "online", written("eet_what_would_help", "-5 stars\x07, said Jo"),
                     *ticks("money_help_wanted", "none_needed"), *ticks("doing_now", "=1+1")),
            # a written answer with no text (not shown); a redaction stored without its key
            response(5, "paper", written("anything_else", None), written("eet_what_would_help", "hi Sam", "hi X")),
        ]
        for person in people:
            person.round_id = round_id
            for answer in person.answers:
                answer.round_id = round_id
        db.session.add_all(people)
        db.session.commit()
    return round_id


def test_each_kind_of_answer_row_becomes_its_cell(app, awkward):
    with app.app_context():
        header, *rows = list(exports.response_rows(awkward, for_staff=True))
        questionnaire = extract.questionnaire_of_round(db.session.connection(), awkward)
    assert header == ["row", "channel", *[q.id for q in questionnaire.questions if q.is_choice],
                      *[q.id for q in questionnaire.questions if q.is_text]]
    filled = [{name: cell for name, cell in zip(header, row, strict=True) if cell != ""} for row in rows]
    assert filled == [
        {"row": 1, "channel": "online", "money_help_wanted": "bills_and_debts; benefits; budgeting",
         "feel_safe_home": "yes", "anything_else": "'=SUM(A1) said [name]"},
        {"row": 2, "channel": "paper", "money_help_wanted": "[skipped]", "feel_safe_home": "[skipped]",
         "anything_else": "call [name] on [phone]", "eet_what_would_help": "[skipped]"},
        {"row": 3, "channel": "online"},
        {"row": 4, "channel": "online", "eet_what_would_help": "'-5 stars, said [name]",
         "money_help_wanted": "none_needed", "doing_now": "'=1+1"},
        {"row": 5, "channel": "paper", "eet_what_would_help": redact("hi Sam").text},
    ]


def plain_pivot(round_id: int) -> list[list]:
    """The responses export as a Python loop over every answer row (as it was made before PR h9-exports)."""
    questionnaire = extract.questionnaire_of_round(db.session.connection(), round_id)
    ids = [q.id for q in questionnaire.questions if q.is_choice] + [q.id for q in questionnaire.questions if q.is_text]
    texts = {q.id for q in questionnaire.questions if q.is_text}
    rows = [["row", "channel", *ids]]
    people = db.session.scalars(select(SurveyResponse).where(SurveyResponse.round_id == round_id)
                                .order_by(SurveyResponse.id)).all()
    for number, person in enumerate(people, start=1):
        cells = dict.fromkeys(ids, "")
        for answer in sorted(person.answers, key=lambda a: (a.question_id, a.position)):
            if answer.question_id not in cells:
                continue
            if answer.skipped:
                cells[answer.question_id] = cells[answer.question_id] or exports.SKIPPED
            elif answer.question_id in texts:
                if answer.text is not None:
                    cells[answer.question_id] = answer.redacted if answer.redaction_key == rules_fingerprint() \
                        and answer.redacted is not None else redact(answer.text).text
            elif answer.choice:
                value = cells[answer.question_id]
                cells[answer.question_id] = answer.choice if value in ("", exports.SKIPPED) \
                    else f"{value}; {answer.choice}"
        rows.append([number, spreadsheet_text(person.channel), *[spreadsheet_text(cells[i]) for i in ids]])
    return rows


def test_the_database_pivot_gives_the_rows_of_a_plain_python_pivot(app, awkward, make_round):
    from .test_report_build import add

    slug = make_round("younger-children")
    with app.app_context():
        younger = round_id_of(slug)
        add(younger, [{"feel_safe_home": "yes", "grow_up_to_be": "A vet, said Sam"},
                      {"feel_safe_home": None, "fun_things": "3", "make_things_better": "+more trips"},
                      {}], channel="paper")
        for round_id in (awkward, younger):
            expected = plain_pivot(round_id)
            assert list(exports.response_rows(round_id, for_staff=True)) == expected
            # PostgreSQL: a response at a time (the XLSX export's way)
            assert list(exports.response_rows(round_id, for_staff=True, as_they_come=True)) == expected


def test_csv_and_xlsx_hold_the_same_cells(app, awkward):
    with app.app_context():
        body, _ = exports.export_csv(awkward, "responses", for_staff=True)
        book, _ = exports.export_xlsx(awkward, "responses", for_staff=True)
    from_csv = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(book), read_only=True)["responses"]
    from_xlsx = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert from_xlsx == from_csv
    assert from_csv[5][1] == "paper" and len(from_csv) == 6



@pytest.mark.parametrize("word_bits", [3, 5])
def test_the_rows_are_the_same_whichever_questions_share_a_word(app, awkward, monkeypatch, word_bits):
    """PostgreSQL packs choice answers into words of bits (exports._Packing): with tiny words each question has
    one of its own, and a question with more options than a word holds is shown through the fallback."""
    monkeypatch.setattr(exports, "WORD_BITS", word_bits)
    with app.app_context():
        assert list(exports.response_rows(awkward, for_staff=True)) == plain_pivot(awkward)
