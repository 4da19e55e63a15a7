"""Questionnaire files: the shipped ones load, and every kind of mistake a participation worker can make
is reported with the file, the line and the question it is about."""

from __future__ import annotations

from textwrap import dedent

import pytest
from sqlalchemy import func, select

from survey_app.extensions import db
from survey_app.models import StoredQuestionnaire
from survey_app.questionnaire.loader import QuestionnaireInvalid, load_file, load_text
from survey_app.questionnaire.store import shipped_files, store

FILE = "questionnaires/bad.yaml"
MARK = "# <-"

GOOD = """\
id: loader-test
version: 1
title: A test survey
sections:
  - id: home
    title: Where you live
    questions:
      - id: living_with
        type: single
        text: Where do you live?
        priority: placement
        required: true
        options:
          - {value: foster_family, label: With a foster family}
          - {value: somewhere_else, label: Somewhere else}
      - id: feel_part_of_family
        type: yes_no
        text: Do you feel part of a family?
        priority: placement
        show_if: {question: living_with, is: [foster_family]}
      - id: feel_safe
        type: yes_no
        text: Do you feel safe?
        priority: placement
        help_if: [no]
      - id: anything_else
        type: long_text
        text: Anything else?
        priority: voice
"""


def _lines(text: str) -> list[str]:
    return dedent(text).splitlines()


def marked_line(text: str) -> int:
    """The 1-based line of the file carrying the `# <-` marker: where the problem must be reported."""
    return next(number for number, line in enumerate(_lines(text), start=1) if MARK in line)


def problems_of(text: str) -> list:
    with pytest.raises(QuestionnaireInvalid) as caught:
        load_text(dedent(text), FILE, {"placement", "health", "education", "eet", "voice"})
    return caught.value.problems


def assert_problem(text: str, question_id: str | None, *words: str):
    """Exactly one reported problem sits on the marked line, names the file and the question, and says `words`."""
    line = marked_line(text)
    problems = problems_of(text)
    here = [p for p in problems if p.line == line and all(w.lower() in p.message.lower() for w in words)]
    assert here, f"nothing reported at line {line} saying {words}: {[str(p) for p in problems]}"
    problem = here[0]
    assert problem.file == FILE
    assert problem.question_id == question_id
    where = f"[{question_id}] " if question_id else ""
    assert str(problem).startswith(f"{FILE}:{line}: {where}")
    return problems


def questions(body: str) -> str:
    """A valid file whose only section holds `body` (questions indented under `questions:`)."""
    head = ("id: loader-test\nversion: 1\ntitle: A test survey\n"
            "sections:\n  - id: home\n    title: Home\n    questions:\n")
    return head + dedent(body).strip("\n").replace("\n", "\n      ").join(["      ", "\n"])


# -- files that are right ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", shipped_files(), ids=lambda path: path.name)
def test_every_shipped_questionnaire_loads(path):
    questionnaire = load_file(path)
    assert questionnaire.id == path.stem
    assert questionnaire.version >= 1
    assert questionnaire.questions
    for question in questionnaire.questions:
        assert question.priority in {"placement", "health", "education", "eet", "voice"}
        if question.is_choice:
            assert question.options[-1].value == "rather_not_say"


def test_the_three_questionnaires_the_council_needs_are_shipped():
    assert {path.stem for path in shipped_files()} >= {"priorities-2018", "younger-children", "care-leavers"}


def test_a_correct_file_loads_with_its_conditions_and_help_answers():
    questionnaire = load_text(GOOD, FILE)
    assert [q.id for q in questionnaire.questions] == ["living_with", "feel_part_of_family", "feel_safe",
                                                       "anything_else"]
    assert questionnaire.question("feel_part_of_family").show_if.values == ("foster_family",)
    assert questionnaire.question("living_with").required is True
    assert questionnaire.question("anything_else").max_length == 2000


def test_help_if_no_stays_the_answer_no_and_is_not_read_as_false():
    """YAML 1.1 reads a bare `no` as the boolean False; a questionnaire author means the answer "no"."""
    questionnaire = load_text(GOOD, FILE)
    assert questionnaire.question("feel_safe").help_if == ("no",)
    text = questions("""
        - id: reply
          type: single
          text: Pick one
          priority: voice
          options:
            - {value: yes, label: Yes}
            - {value: on, label: On}
            - {value: off, label: Off}
        - id: then
          type: yes_no
          text: And then?
          priority: voice
          show_if: {question: reply, is: [yes, off]}
    """)
    loaded = load_text(text, FILE)
    assert [o.value for o in loaded.question("reply").options] == ["yes", "on", "off", "rather_not_say"]
    assert loaded.question("then").show_if.values == ("yes", "off")


# -- files that are wrong: each problem names the file, the line and the question -------------------

def test_yaml_that_does_not_parse_is_reported_with_its_line():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Note: do you feel safe? # <-
          priority: placement
    """)
    problems = problems_of(text)
    assert len(problems) == 1
    assert problems[0].file == FILE and problems[0].question_id is None
    assert "not valid YAML" in problems[0].message
    assert problems[0].line == marked_line(text)


def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: "Do you feel safe? # <-
          priority: placement
        - id: fit_and_well
          type: yes_no
          text: Are you fit and well?
          priority: health
    """)
    assert_problem(text, None, "not valid YAML", "never closed")


def test_a_file_that_is_a_list_not_a_mapping_is_refused():
    problems = assert_problem("- id: loader-test # <-\n- version: 1\n", None, "must be a mapping")
    assert len(problems) == 1


def test_a_file_without_title_or_sections_is_refused():
    text = "id: loader-test # <-\nversion: 1\n"
    assert_problem(text, None, "'title' is missing")
    assert_problem(text, None, "'sections' must be a list")


@pytest.mark.parametrize("bad_id", ["Loader_Test", "loader test", "-loader", "123"])
def test_a_questionnaire_id_with_capitals_spaces_or_numbers_only_is_refused(bad_id):
    text = GOOD.replace("id: loader-test", f"id: {bad_id} # <-")
    assert_problem(text, None, "'id' must be lowercase")


def test_a_question_id_with_capitals_is_refused():
    text = questions("""
        - id: Feel-Safe # <-
          type: yes_no
          text: Do you feel safe?
          priority: placement
    """)
    assert_problem(text, None, "question 'id' must be")


@pytest.mark.parametrize("version", ["0", "-1", "1.5", '"2"', "true"])
def test_a_version_that_is_not_a_whole_number_from_one_is_refused(version):
    text = GOOD.replace("version: 1", f"version: {version} # <-")
    assert_problem(text, None, "'version' must be a whole number")


def test_a_misspelt_field_is_named_with_its_question():
    text = questions("""
        - id: feel_safe
          tpye: yes_no # <-
          text: Do you feel safe?
          priority: placement
    """)
    assert_problem(text, "feel_safe", "unknown question field 'tpye'")


def test_a_misspelt_field_at_the_top_or_in_a_section_is_named():
    assert_problem(GOOD.replace("title: A test survey", "titel: A test survey # <-"), None, "'titel'")
    assert_problem(GOOD.replace("    title: Where you live", "    titel: Where you live # <-"), None,
                   "unknown section field 'titel'")


def test_a_question_id_used_twice_is_refused_at_the_second_one():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Do you feel safe?
          priority: placement
        - id: feel_safe # <-
          type: yes_no
          text: Do you feel safe at school?
          priority: education
    """)
    assert_problem(text, "feel_safe", "used twice")


def test_an_unknown_question_type_is_refused():
    text = questions("""
        - id: feel_safe
          type: yesno # <-
          text: Do you feel safe?
          priority: placement
    """)
    assert_problem(text, "feel_safe", "unknown question type 'yesno'")


def test_an_unknown_priority_is_refused():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Do you feel safe?
          priority: housing # <-
    """)
    assert_problem(text, "feel_safe", "'priority' must be one of", "'housing'")


def test_a_question_without_a_priority_is_refused():
    text = questions("""
        - id: feel_safe # <-
          type: yes_no
          text: Do you feel safe?
    """)
    assert_problem(text, "feel_safe", "'priority' must be one of", "None")


def test_a_single_choice_question_without_options_is_refused():
    text = questions("""
        - id: living_with # <-
          type: single
          text: Where do you live?
          priority: placement
    """)
    assert_problem(text, "living_with", "needs 'options'")


def test_an_option_value_used_twice_is_refused():
    text = questions("""
        - id: living_with
          type: single
          text: Where do you live?
          priority: placement
          options:
            - {value: foster_family, label: With a foster family}
            - {value: foster_family, label: With foster carers} # <-
    """)
    assert_problem(text, "living_with", "option value 'foster_family' is used twice")


def test_an_option_called_rather_not_say_is_refused_because_it_is_added_for_you():
    text = questions("""
        - id: living_with
          type: single
          text: Where do you live?
          priority: placement
          options:
            - {value: foster_family, label: With a foster family}
            - {value: rather_not_say, label: Not saying} # <-
    """)
    assert_problem(text, "living_with", "option value 'rather_not_say'")


def test_a_condition_on_a_question_that_does_not_exist_is_refused():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Do you feel safe?
          priority: placement
          show_if: {question: living_whit, is: [foster_family]} # <-
    """)
    assert_problem(text, "feel_safe", "'living_whit'", "not a question earlier")


def test_a_condition_on_a_later_question_is_refused():
    text = questions("""
        - id: feel_part_of_family
          type: yes_no
          text: Do you feel part of a family?
          priority: placement
          show_if: {question: living_with, is: [foster_family]} # <-
        - id: living_with
          type: single
          text: Where do you live?
          priority: placement
          options:
            - {value: foster_family, label: With a foster family}
            - {value: somewhere_else, label: Somewhere else}
    """)
    assert_problem(text, "feel_part_of_family", "not a question earlier")


def test_a_section_condition_on_a_later_question_is_refused():
    text = GOOD + (
        "  - id: later\n"
        "    title: Later\n"
        '    show_if: {question: in_future, is: ["yes"]} # <-\n'
        "    questions:\n"
        "      - id: in_future\n"
        "        type: yes_no\n"
        "        text: Will it happen?\n"
        "        priority: voice\n"
    )
    assert_problem(text, None, "'in_future'", "not a question earlier")


def test_a_condition_on_an_answer_the_question_cannot_have_is_refused():
    text = questions("""
        - id: living_with
          type: single
          text: Where do you live?
          priority: placement
          options:
            - {value: foster_family, label: With a foster family}
            - {value: somewhere_else, label: Somewhere else}
        - id: feel_part_of_family
          type: yes_no
          text: Do you feel part of a family?
          priority: placement
          show_if: {question: living_with, is: [foster_carers]} # <-
    """)
    assert_problem(text, "feel_part_of_family", "'living_with' has no answer 'foster_carers'")


def test_a_condition_testing_a_text_answer_for_a_value_is_refused():
    text = questions("""
        - id: thoughts
          type: short_text
          text: Any thoughts?
          priority: voice
        - id: more
          type: yes_no
          text: More?
          priority: voice
          show_if: {question: thoughts, is: ["yes"]} # <-
    """)
    assert_problem(text, "more", "only 'answered: true'")


def test_help_if_naming_an_answer_the_question_does_not_have_is_refused():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Do you feel safe?
          priority: placement
          help_if: [nope] # <-
    """)
    assert_problem(text, "feel_safe", "'help_if' names 'nope'")


def test_help_if_on_a_text_question_is_refused():
    text = questions("""
        - id: worries
          type: long_text
          text: Is anything worrying you?
          priority: health
          help_if: ["yes"] # <-
    """)
    assert_problem(text, "worries", "'help_if' is for choice questions")


@pytest.mark.parametrize(("qid", "qtype", "text", "reason"), [
    ("born", "date_of_birth", "When were you born?", "a date of birth"),
    ("postcode", "short_text", "Where is home?", "a postcode"),
    ("your_surname", "short_text", "Tell us", "a name"),
    ("called", "short_text", "What is your name?", "a name"),
    ("learning", "short_text", "Which school do you go to?", "a school's name"),
    ("contact", "short_text", "What is your phone number?", "a phone number"),
    ("where", "long_text", "What is your home address?", "an address"),
])
def test_a_question_that_would_identify_the_child_is_refused(qid, qtype, text, reason):
    file = questions(f"""
        - id: {qid} # <-
          type: {qtype}
          text: {text}
          priority: voice
    """)
    problems = assert_problem(file, qid, f"asks for {reason}", "anonymous")
    assert not any("unknown question type" in p.message for p in problems)


def test_identifying_words_in_a_hint_are_refused_too():
    file = questions("""
        - id: about_you # <-
          type: short_text
          text: Tell us about you
          hint: For example your date of birth
          priority: voice
    """)
    assert_problem(file, "about_you", "a date of birth")


def test_harmless_questions_that_mention_school_or_names_are_allowed():
    file = questions("""
        - id: school_help
          type: yes_no
          text: Do you get help at school?
          priority: education
        - id: nickname_ok
          type: yes_no
          text: Do people call you by the name you like?
          priority: voice
    """)
    assert len(load_text(file, FILE).questions) == 2


def test_required_is_refused_when_no_later_question_depends_on_it():
    text = questions("""
        - id: feel_safe # <-
          type: yes_no
          text: Do you feel safe?
          priority: placement
          required: true
    """)
    assert_problem(text, "feel_safe", "'required: true' is only allowed")


def test_a_text_question_cannot_be_required():
    text = questions("""
        - id: thoughts
          type: short_text
          text: Any thoughts?
          priority: voice
          required: true # <-
        - id: more
          type: yes_no
          text: More?
          priority: voice
          show_if: {question: thoughts, answered: true}
    """)
    assert_problem(text, "thoughts", "cannot be required")


@pytest.mark.parametrize("limit", ["0", "5001", "-3", "long", "1.5"])
def test_a_text_limit_outside_one_to_five_thousand_is_refused(limit):
    text = questions(f"""
        - id: thoughts
          type: short_text
          text: Any thoughts?
          priority: voice
          max_length: {limit} # <-
    """)
    assert_problem(text, "thoughts", "'max_length' must be a whole number from 1 to 5000")


def test_a_text_limit_on_a_choice_question_is_refused():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Do you feel safe?
          priority: placement
          max_length: 20 # <-
    """)
    assert_problem(text, "feel_safe", "only for text questions")


@pytest.mark.parametrize(("qtype", "labels"), [
    ("smiley3", '["Sad", "Happy"]'),
    ("smiley3", '["Sad", "OK", "Happy", "Very happy"]'),
    ("smiley5", '["1", "2", "3"]'),
    ("smiley3", '["Sad", "", "Happy"]'),
])
def test_the_wrong_number_of_smiley_words_is_refused(qtype, labels):
    text = questions(f"""
        - id: feel_most_days
          type: {qtype}
          text: How do you feel most days?
          priority: health
          labels: {labels} # <-
    """)
    assert_problem(text, "feel_most_days", "'labels' must be a list of")


def test_smiley_words_replace_the_default_words():
    text = questions("""
        - id: feel_most_days
          type: smiley3
          text: How do you feel most days?
          priority: health
          labels: ["Sad", "OK", "Happy"]
    """)
    options = load_text(text, FILE).question("feel_most_days").options
    assert [(o.value, o.label) for o in options] == [
        ("1", "Sad"), ("2", "OK"), ("3", "Happy"), ("rather_not_say", "I'd rather not say")]


def test_a_key_given_twice_in_a_question_is_reported_at_the_second_one():
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Do you feel safe?
          text: Do you feel safe at home? # <-
          priority: placement
    """)
    assert_problem(text, "feel_safe", "'text' is given twice")


def test_a_key_given_twice_at_the_top_is_reported():
    text = GOOD.replace("version: 1\n", "version: 1\nversion: 2 # <-\n")
    assert_problem(text, None, "'version' is given twice")


def test_a_file_with_several_problems_reports_every_one():
    text = dedent("""\
        id: Bad Id
        version: 0
        title: Several problems
        sections:
          - id: home
            title: Home
            questions:
              - id: feel_safe
                tpye: yes_no
                text: Do you feel safe?
                priority: housing
              - id: postcode
                type: short_text
                text: What is your postcode?
                priority: placement
                max_length: 9999
              - id: feel_safe
                type: smiley3
                text: How do you feel?
                priority: health
                labels: [a, b]
                help_if: ["7"]
                show_if: {question: nowhere, is: ["yes"]}
    """)
    problems = problems_of(text)
    reported = {(p.line, p.question_id, p.message.split(" ")[0]) for p in problems}
    expected_lines = {
        1: None, 2: None, 9: "feel_safe", 11: "feel_safe", 12: "postcode", 16: "postcode",
        17: "feel_safe", 21: "feel_safe", 22: "feel_safe", 23: "feel_safe",
    }
    for line, qid in expected_lines.items():
        assert any(p.line == line and p.question_id == qid for p in problems), (line, qid, sorted(reported))
    assert len(problems) >= 11
    assert all(p.file == FILE for p in problems)


# -- the command line -----------------------------------------------------------------------------------

def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_check_command_prints_file_and_line_and_fails_for_a_bad_file(runner, tmp_path):
    text = questions("""
        - id: feel_safe
          type: yes_no
          text: Do you feel safe?
          priority: housing # <-
    """)
    path = _write(tmp_path, "bad.yaml", text)
    result = runner.invoke(args=["questionnaires", "check", str(path)])
    assert result.exit_code != 0
    assert f"{path}:{marked_line(text)}: [feel_safe] 'priority' must be one of" in result.output


def test_check_command_passes_the_shipped_questionnaires(runner):
    result = runner.invoke(args=["questionnaires", "check"])
    assert result.exit_code == 0, result.output
    for path in shipped_files():
        assert f"{path}: ok" in result.output


def test_load_command_loads_nothing_when_any_file_is_bad(app, runner, tmp_path):
    good = _write(tmp_path, "fine.yaml", GOOD.replace("id: loader-test", "id: loader-cli-good"))
    bad = _write(tmp_path, "bad.yaml", GOOD.replace("id: loader-test", "id: loader-cli-bad")
                 .replace("priority: voice", "priority: nonsense"))
    result = runner.invoke(args=["questionnaires", "load", str(good), str(bad)])
    assert result.exit_code != 0
    assert "Nothing was loaded" in result.output
    assert f"{bad}:" in result.output
    with app.app_context():
        keys = db.session.scalars(select(StoredQuestionnaire.key)).all()
        assert "loader-cli-good" not in keys and "loader-cli-bad" not in keys


def test_loading_the_same_version_with_changed_questions_is_refused(app):
    with app.app_context():
        try:
            first, added = store(GOOD.replace("id: loader-test", "id: loader-reload"), "one.yaml")
            assert added
            again, added_again = store(GOOD.replace("id: loader-test", "id: loader-reload"), "one.yaml")
            assert again.id == first.id and not added_again
            changed = GOOD.replace("id: loader-test", "id: loader-reload").replace("Anything else?", "More?")
            with pytest.raises(QuestionnaireInvalid) as caught:
                store(changed, "two.yaml")
            assert "already loaded with different questions" in str(caught.value)
            assert caught.value.problems[0].file == "two.yaml"
            newer, added_newer = store(changed.replace("version: 1", "version: 2"), "two.yaml")
            assert added_newer and newer.version == 2
        finally:
            db.session.rollback()


def test_load_command_refuses_a_changed_shipped_file_with_the_same_version(app, runner, tmp_path):
    shipped = next(path for path in shipped_files() if path.stem == "younger-children")
    changed = _write(tmp_path, "younger-children.yaml",
                     shipped.read_text(encoding="utf-8").replace("Your life, your say", "Your life, our say"))
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(StoredQuestionnaire))
    result = runner.invoke(args=["questionnaires", "load", str(changed)])
    assert result.exit_code != 0
    assert "raise 'version'" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StoredQuestionnaire)) == before
