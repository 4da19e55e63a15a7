"""The children's plain-words points (survey_app/reports/children.py): rules and wording."""

from __future__ import annotations

from survey_app.reporting.children import children_points, question_points
from survey_app.reporting.publication import points


def texts(points):
    return [(point.kind, point.text) for point in points]


def test_a_yes_no_question_most_said_yes_to_is_good_news_in_plain_words():
    assert texts(question_points("q", "yes_no", "Are you happy where you're living?", {"yes": 27, "no": 1})) == [
        ("good", "Nearly all of you are happy where you're living.")]


def test_a_big_enough_no_is_something_to_change():
    assert texts(question_points("q", "yes_no", "Do you have your health passport?", {"yes": 16, "no": 12})) == [
        ("good", "Most of you have your health passport."),
        ("change", "Some of you don't have your health passport."),
    ]


def test_if_clauses_move_to_the_end():
    assert texts(question_points(
        "q", "yes_no", "If you needed to talk to someone, would you know where to go?", {"yes": 10, "no": 10}
    )) == [("change", "About half of you would not know where to go if you needed to talk to someone.")]


def test_questions_about_us_become_what_you_think():
    assert texts(question_points("q", "yes_no", "Are we doing enough to help you?", {"yes": 20, "no": 5})) == [
        ("good", "Most of you think we are doing enough to help you."),
        ("change", "Some of you think we are not doing enough to help you."),
    ]


def test_bad_news_questions_are_turned_round_and_never_good():
    assert texts(question_points("q", "yes_no", "Are you unemployed?", {"yes": 8, "no": 12})) == [
        ("change", "Some of you are unemployed.")]


def test_membership_and_wishes_make_no_points():
    assert question_points("q", "yes_no", "Are you on the Children in Care Council?", {"yes": 2, "no": 20}) == []
    assert question_points("q", "yes_no", "Would you like to have your voice heard?", {"yes": 20, "no": 2}) == []


def test_no_point_about_a_small_group_or_a_small_number():
    assert question_points("q", "yes_no", "Do you feel safe?", {"yes": 9}) == []  # base under 10
    # 4 of 14 said no: 29%, but fewer than 5 young people, so no change point.
    assert texts(question_points("q", "yes_no", "Do you feel safe?", {"yes": 10, "no": 4})) == [
        ("good", "Most of you feel safe.")]


def test_scales_use_the_happy_and_sad_ends_only():
    points = texts(question_points("q", "smiley5", "How do you feel about school?",
                                   {"5": 12, "4": 7, "3": 6, "2": 2, "1": 1}))
    assert points == [("good", "Most of you feel happy about school.")]
    sad = texts(question_points("q", "smiley3", "How is home?", {"3": 5, "2": 2, "1": 5}))
    assert sad == [("change", "Some of you picked a sad face when we asked: ‘How is home?’")]


def test_points_are_strongest_first_and_limited():
    names = ["art", "books", "cats", "dogs", "eggs", "films", "games", "hats"]
    questions = [(name, "yes_no", f"Do you like {name}?", {"yes": 10 + n * 3, "no": 3}) for n, name in enumerate(names)]
    result = children_points(questions, limit=3)
    # 31 of 34 (91%), 28 of 31 (90%), 25 of 28 (89%: "most"); eggs, dogs… are left out.
    assert result["good"] == ["Nearly all of you like hats.", "Nearly all of you like games.",
                              "Most of you like films."]
    assert result["change"] == []


def test_no_numbers_ever():
    result = children_points([("q", "yes_no", "Do you feel safe?", {"yes": 33, "no": 17, "not_sure": 5})])
    assert result["good"] and result["change"]
    assert not any(character.isdigit() or character == "%" for line in result["good"] + result["change"]
                   for character in line)


def test_a_workers_points_are_one_per_line_whatever_bullet_they_pasted():
    assert points("- You feel safe.\n\n • You like school. \n*\n– You want more trips.") == [
        "You feel safe.", "You like school.", "You want more trips."]
    assert points("") == [] and points(None) == []


def test_not_sure_never_counts_as_no_on_the_childrens_page():
    # 22% No and 25% Not sure once read "About half of you are not happy where you're living".
    [point] = question_points("q", "yes_no", "Are you happy where you're living?",
                              {"yes": 53, "no": 22, "not_sure": 25})
    assert point.kind == "change" and point.text.startswith("Some of you ") and point.share == 0.22
    # Mostly unsure and hardly any No: nothing to say about "not".
    assert question_points("q", "yes_no", "Do you feel safe?", {"yes": 40, "no": 5, "not_sure": 55}) == []
