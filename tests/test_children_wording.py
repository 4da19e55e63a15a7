"""The children's points in words (survey_app/reporting/wording.py and children.py): the wording rules,
and every point of every shipped question, and of the demo rounds' published pages, checked against
sentences written out here by hand."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Answer, RoundReport, SurveyResponse, SurveyRound
from survey_app.questionnaire.loader import ANY_PRIORITY, load_file
from survey_app.questionnaire.schema import ChildrenSay
from survey_app.reporting.children import question_points
from survey_app.reporting.wording import clause, share_words
from survey_app.rounds.operations import questionnaire_of

SHIPPED = Path(__file__).resolve().parent.parent / "questionnaires"


def said(question_type: str, text: str, counts: dict, statement: ChildrenSay | None = None) -> list[tuple[str, str]]:
    return [(point.kind, point.text) for point in question_points("q", question_type, text, counts, statement)]


# ---- the rules ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("count", "words"), [
    (20, "All of you"), (18, "Nearly all of you"), (12, "Most of you"), (10, "About half of you"),
    (9, "About half of you"), (8, "Some of you"), (4, "Some of you"), (3, "A few of you"), (0, None),
])
def test_shares_are_said_in_plain_words_with_stated_thresholds(count, words):
    assert share_words(count, 20, min_base=10) == words


def test_nothing_is_said_about_fewer_than_ten_young_people_not_even_all_of_them():
    assert share_words(9, 9, min_base=10) is None
    assert said("yes_no", "Do you feel safe?", {"yes": 9}) == []


def test_a_point_about_fewer_than_five_young_people_is_left_out():
    # 4 of 14 said no (29%), but that is 4 young people.
    assert said("yes_no", "Do you feel safe?", {"yes": 10, "no": 4}) == [("good", "Most of you feel safe.")]


def test_not_sure_never_counts_as_no_and_rather_not_say_counts_as_neither():
    # 22% said No and 25% Not sure: "Some of you are not happy", never "About half of you".
    counts = {"yes": 48, "no": 20, "not_sure": 23}
    assert said("yes_no", "Are you happy where you're living?", counts) == [
        ("change", "Some of you are not happy where you're living.")]
    # The build leaves "I'd rather not say" and skips out of the counts: they change neither number.


def test_a_do_you_any_question_drops_any_in_the_yes_sentence_and_keeps_it_in_the_no_one():
    assert said("yes_no", "Do you go to any clubs or activities after school?", {"yes": 14, "no": 6}) == [
        ("good", "Most of you go to clubs or activities after school."),
        ("change", "Some of you don't go to any clubs or activities after school."),
    ]
    assert clause("Do you have anyone to talk to?", "yes_no", True, False) == "have someone to talk to"


def test_questions_become_statements_by_their_first_words():
    assert clause("Is there a grown-up you can talk to?", "yes_no", False, False) == (
        "say there isn't a grown-up you can talk to")
    assert clause("Did you get help quickly?", "yes_no", True, False) == "say you did get help quickly"
    assert clause("Can you manage your home?", "yes_no", False, False) == "can't manage your home"
    assert clause("Have you heard of the Local Offer?", "yes_no", False, False) == (
        "haven't heard of the Local Offer")
    assert clause("Do we listen to you?", "yes_no", False, False) == "think we don't listen to you"
    assert clause("Does the school help you enough?", "yes_no", True, False) == "say the school helps you enough"
    assert clause("Does your carer ask what you think?", "smiley3", False, True) == (
        "say your carer doesn't ask what you think")


def test_an_if_clause_moves_to_the_end():
    assert clause("If you needed help, would you know where to go?", "yes_no", True, False) == (
        "would know where to go if you needed help")


def test_a_worried_in_an_if_clause_does_not_make_yes_bad_news():
    assert said("yes_no", "Is there a grown-up you can talk to if you are worried?", {"yes": 20, "no": 2}) == [
        ("good", "Nearly all of you say there is a grown-up you can talk to if you are worried.")]


def test_bad_news_is_a_change_point_from_a_few():
    assert said("yes_no", "Are you bullied at school?", {"yes": 5, "no": 30}) == [
        ("change", "A few of you are bullied at school.")]


def test_face_scales_say_feeling_words_for_their_ends():
    assert said("smiley5", "How have you been feeling recently?", {"5": 5, "4": 7, "2": 5, "1": 3}) == [
        ("good", "Most of you have been feeling happy recently."),
        ("change", "Some of you have been feeling unhappy recently."),
    ]
    assert said("smiley3", "How healthy do you feel?", {"3": 10, "1": 10}) == [
        ("change", "About half of you don't feel healthy.")]
    assert said("smiley5", "Are you happy or sad?", {"5": 12, "1": 8}) == [
        ("good", "Most of you are happy."), ("change", "Some of you are sad.")]


def test_a_question_that_cannot_be_turned_round_is_quoted_not_mangled():
    assert said("yes_no", "Has it helped you?", {"yes": 15, "no": 5}) == [
        ("good", "Most of you said yes when we asked: ‘Has it helped you?’"),
        ("change", "Some of you said no when we asked: ‘Has it helped you?’"),
    ]
    assert said("smiley3", "How is home?", {"3": 5, "2": 2, "1": 5}) == [
        ("change", "Some of you picked a sad face when we asked: ‘How is home?’")]


def test_the_questionnaires_own_words_win():
    words = ChildrenSay(positive="say the Local Offer has helped you",
                        negative="say the Local Offer has not helped you")
    assert said("yes_no", "Has it helped you?", {"yes": 15, "no": 5}, words) == [
        ("good", "Most of you say the Local Offer has helped you."),
        ("change", "Some of you say the Local Offer has not helped you."),
    ]


def test_a_one_choice_question_makes_points_only_with_its_ends_named():
    counts = {"often": 14, "sometimes": 4, "never": 6, "no_carer": 8}
    assert said("single", "How often does your carer help?", counts) == []
    words = ChildrenSay(positive="say your carer often helps", negative="say your carer never helps",
                        positive_answers=("often",), negative_answers=("never",), not_counted=("no_carer",))
    assert said("single", "How often does your carer help?", counts, words) == [
        ("good", "Most of you say your carer often helps."),  # 14 of 24: "no carer" is not counted
        ("change", "Some of you say your carer never helps."),
    ]


def test_children_say_on_a_one_choice_question_must_name_real_answers():
    from survey_app.questionnaire.loader import QuestionnaireInvalid, load_text

    source = (SHIPPED / "priorities-2018.yaml").read_text(encoding="utf-8").replace(
        "negative_answers: [not_very_well, badly]", "negative_answers: [not_very_well, terribly]", 1)
    with pytest.raises(QuestionnaireInvalid, match="answer values"):
        load_text(source, priorities=ANY_PRIORITY)


def test_choice_lists_and_written_answers_make_no_points():
    assert said("single", "Where do you live?", {"foster_family": 20}) == []
    assert said("multiple", "Who helps you?", {"carer": 20}) == []
    assert said("short_text", "What is important to you?", {}) == []


def test_children_say_is_refused_on_a_question_with_no_good_end():
    from survey_app.questionnaire.loader import QuestionnaireInvalid, load_text

    source = (SHIPPED / "younger-children.yaml").read_text(encoding="utf-8").replace(
        "        type: short_text\n", "        type: short_text\n        children_say: {positive: a, negative: b}\n", 1)
    with pytest.raises(QuestionnaireInvalid, match="children_say"):
        load_text(source, priorities=ANY_PRIORITY)


# ---- every shipped question -------------------------------------------------------------------------------

# The demo rounds' answers, the same for every question of a type: 25 young people. Yes/no: 14 yes, 6 no,
# 5 not sure. Five faces: 8, 7, 4, 3, 3 (5 down to 1). Three faces: 14, 5, 6 (3 down to 1).
DEMO_COUNTS = {"yes_no": {"yes": 14, "no": 6, "not_sure": 5}, "smiley5": {"5": 8, "4": 7, "3": 4, "2": 3, "1": 3},
               "smiley3": {"3": 14, "2": 5, "1": 6}}
# One-choice questions whose children_say names their ends; "not asked" and "not in education" are not counted.
ONE_CHOICE_COUNTS = {
    "mental_health_help_quick": {"yes": 14, "no": 3, "still_waiting": 3, "not_asked": 9},
    "how_doing_in_education": {"very_well": 7, "well": 7, "ok": 5, "not_very_well": 3, "badly": 3,
                               "not_in_education": 4},
}

EXPECTED = {
    "younger-children": {
        "feel_about_home": ["Most of you feel good about where you live.",
                            "Some of you don't feel good about where you live."],
        "feel_safe_home": ["Most of you feel safe where you live.", "Some of you don't feel safe where you live."],
        "grown_ups_look_after_you": [  # can't be turned round by itself: quoted (the file has no children_say)
            "Most of you picked a happy face when we asked: ‘How well do the grown-ups you live with look after you?’",
            "Some of you picked a sad face when we asked: ‘How well do the grown-ups you live with look after you?’"],
        "seeing_family": ["Most of you feel good about how much you see your family.",
                          "Some of you don't feel good about how much you see your family."],
        "feel_most_days": ["Most of you feel good most days.", "Some of you don't feel good most days."],
        "feel_healthy": ["Most of you feel healthy.", "Some of you don't feel healthy."],
        "grown_up_to_talk_to": ["Most of you say there is a grown-up you can talk to if you are worried.",
                                "Some of you say there isn't a grown-up you can talk to if you are worried."],
        "fun_things": [
            "Most of you picked a happy face when we asked: "
            "‘How much fun stuff do you get to do, like sport, clubs or games?’",
            "Some of you picked a sad face when we asked: "
            "‘How much fun stuff do you get to do, like sport, clubs or games?’"],
        "feel_about_school": ["Most of you feel good about school.", "Some of you don't feel good about school."],
        "help_with_school_work": ["Most of you get help with your school work when you need it.",
                                  "Some of you don't get help with your school work when you need it."],
        "know_social_worker": ["Most of you know who your social worker is.",
                               "Some of you don't know who your social worker is."],
        "social_worker_listens": ["Most of you say your social worker listens to you.",
                                  "Some of you say your social worker doesn't listen to you."],
    },
    "care-leavers": {
        "enough_help_eet": ["Most of you are getting enough help with work, learning or training.",
                            "Some of you are not getting enough help with work, learning or training."],
        "feel_safe_home": ["Most of you feel safe where you live.", "Some of you don't feel safe where you live."],
        "manage_home": ["Most of you can manage your home.", "Some of you can't manage your home."],
        "enough_help_housing": ["Most of you are getting enough help with housing.",
                                "Some of you are not getting enough help with housing."],
        "enough_money": ["Most of you have enough money to live on.",
                         "Some of you don't have enough money to live on."],
        "know_money_help": ["Most of you know where to get help with money.",
                            "Some of you don't know where to get help with money."],
        "feeling_recently": ["Most of you have been feeling happy recently.",
                             "Some of you have been feeling unhappy recently."],
        "registered_with_gp": ["Most of you are registered with a doctor (GP).",
                               "Some of you are not registered with a doctor (GP)."],
        "adult_health_help": ["Most of you know how to get health help now you are over 18.",
                              "Some of you don't know how to get health help now you are over 18."],
        "adult_health_ready": ["Most of you know how your health care will change when you turn 18.",
                               "Some of you don't know how your health care will change when you turn 18."],
        "know_mental_health_help": [
            "Most of you would know where to get help with your mental health if you needed it.",
            "Some of you would not know where to get help with your mental health if you needed it."],
        "mental_health_help_quick": [  # 14 of 20 (the 9 who haven't asked are not counted)
            "Most of you who asked for mental health or counselling support got it quickly enough.",
            "Some of you who asked for mental health or counselling support did not get it quickly enough, "
            "or are still waiting."],
        "health_passport": ["Most of you have your health passport.", "Some of you don't have your health passport."],
        "heard_of_local_offer": ["Most of you have heard of the Local Offer.",
                                 "Some of you haven't heard of the Local Offer."],
        "local_offer_helped": ["Most of you say the Local Offer has helped you.",
                               "Some of you say the Local Offer has not helped you."],
        "pa_listens": ["Most of you say your personal adviser listens to you.",
                       "Some of you say your personal adviser doesn't listen to you."],
        "pa_when_needed": ["Most of you can get hold of your personal adviser when you need to.",
                           "Some of you can't get hold of your personal adviser when you need to."],
        "have_pathway_plan": ["Most of you have a pathway plan.", "Some of you don't have a pathway plan."],
        "pathway_plan_your_views": ["Most of you say your pathway plan includes what you want.",
                                    "Some of you say your pathway plan doesn't include what you want."],
        "views_make_difference": [
            "Most of you feel your views make a difference to the support care leavers get.",
            "Some of you don't feel your views make a difference to the support care leavers get."],
    },
    "priorities-2018": {
        "happy_where_living": ["Most of you are happy where you're living.",
                               "Some of you are not happy where you're living."],
        "want_to_stay": ["Most of you want to stay where you live now.",
                         "Some of you don't want to stay where you live now."],
        "feel_safe": ["Most of you feel safe.", "Some of you don't feel safe."],
        "doing_enough_to_help": ["Most of you think we are doing enough to help you.",
                                 "Some of you think we are not doing enough to help you."],
        "feel_part_of_family": ["Most of you feel part of a family.", "Some of you don't feel part of a family."],
        "help_to_manage": ["Most of you think we are doing enough to help you to manage yourself.",
                           "Some of you think we are not doing enough to help you to manage yourself."],
        "happy_or_sad": ["Most of you are happy.", "Some of you are sad."],
        "fit_and_well": ["Most of you are fit and well.", "Some of you are not fit and well."],
        "health_passport": ["Most of you have your health passport.", "Some of you don't have your health passport."],
        "know_who_to_talk_to": [
            "Most of you would know where to go if you needed to talk to someone about something troubling you.",
            "Some of you would not know where to go if you needed to talk to someone about something troubling you."],
        "getting_education_needed": ["Most of you are getting the education you need to learn.",
                                     "Some of you are not getting the education you need to learn."],
        "how_doing_in_education": ["Most of you think you are doing well at school or college.",  # 14 of 25
                                   "Some of you think you are not doing well at school or college."],
        "in_sixth_form_or_college": [],  # about being in a place: no point
        "college_enough_help": ["Most of you are getting enough help to learn.",
                                "Some of you are not getting enough help to learn."],
        "in_apprenticeship_or_work": [],
        "work_enough_help": [
            "Most of you are getting enough help to make the most of your work or apprenticeship.",
            "Some of you are not getting enough help to make the most of your work or apprenticeship."],
        "unemployed": ["Most of you are unemployed."],  # yes is bad news: a change point only
        "on_children_in_care_council": [],
        "in_challenge_group": [],
        "in_care_leavers_group": [],
        "hear_more_or_meet": [],  # wishes: no point
        "hear_more_in_care": [],
        "voice_heard": [],
    },
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_yes_no_and_face_question_shipped_reads_as_written_here(key):
    questionnaire = load_file(SHIPPED / f"{key}.yaml")
    with_ends = [question for question in questionnaire.questions
                 if question.type in DEMO_COUNTS or question.id in ONE_CHOICE_COUNTS]
    assert [question.id for question in with_ends] == list(EXPECTED[key])
    for question in with_ends:
        counts = ONE_CHOICE_COUNTS.get(question.id) or DEMO_COUNTS[question.type]
        points = question_points(question.id, question.type, question.text, counts, question.children_say)
        assert [point.text for point in points] == EXPECTED[key][question.id], question.id


# ---- the demo rounds, published -----------------------------------------------------------------------------

# The page shows the strongest five of each: five faces (60%) before yes/no and three faces (56%); equal
# shares in questionnaire order.
DEMO_PAGES = {
    "younger-children": (
        ["Most of you feel good about where you live.", "Most of you feel safe where you live.",
         "Most of you picked a happy face when we asked: ‘How well do the grown-ups you live with look after you?’",
         "Most of you feel good about how much you see your family.", "Most of you feel good most days."],
        ["Some of you don't feel good about where you live.", "Some of you don't feel safe where you live.",
         "Some of you picked a sad face when we asked: ‘How well do the grown-ups you live with look after you?’",
         "Some of you don't feel good about how much you see your family.", "Some of you don't feel good most days."],
    ),
    "care-leavers": (
        ["Most of you have been feeling happy recently.",
         "Most of you are getting enough help with work, learning or training.",
         "Most of you feel safe where you live.", "Most of you can manage your home.",
         "Most of you are getting enough help with housing."],
        ["Some of you are not getting enough help with work, learning or training.",
         "Some of you don't feel safe where you live.", "Some of you can't manage your home.",
         "Some of you are not getting enough help with housing.", "Some of you don't have enough money to live on."],
    ),
    "priorities-2018": (
        ["Most of you are happy.", "Most of you are happy where you're living.",
         "Most of you want to stay where you live now.", "Most of you feel safe.",
         "Most of you think we are doing enough to help you."],
        ["Most of you are unemployed.", "Some of you are not happy where you're living.",
         "Some of you don't want to stay where you live now.", "Some of you don't feel safe.",
         "Some of you think we are not doing enough to help you."],
    ),
}


def demo_choice(question_type: str, person: int) -> str:
    """Person 0 … 24's answer, giving DEMO_COUNTS."""
    ends = {"yes_no": [("yes", 14), ("no", 20), ("not_sure", 25)],
            "smiley5": [("5", 8), ("4", 15), ("3", 19), ("2", 22), ("1", 25)],
            "smiley3": [("3", 14), ("2", 19), ("1", 25)]}[question_type]
    return next(value for value, below in ends if person < below)


def page_points(page: str, heading_id: str) -> list[str]:
    """The points under a heading of the children's page, as a child reads them."""
    section = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.DOTALL)
    if section is None:
        return []
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip()
            for item in re.findall(r"<li[^>]*>(.*?)</li>", section.group(0), re.DOTALL)]


@pytest.mark.parametrize("key", sorted(DEMO_PAGES))
def test_the_demo_rounds_published_childrens_page_says_what_is_written_here(app, client, make_round, key):
    slug = make_round(key)
    with app.app_context():
        survey_round = db.session.scalars(select(SurveyRound).filter_by(slug=slug)).one()
        questions = [question for question in questionnaire_of(survey_round).questions
                     if question.type in DEMO_COUNTS]
        for person in range(28):
            # 25 answer; two say "I'd rather not say" and one skips everything: neither changes a point.
            answers = [Answer(question_id=question.id, position=0, skipped=person == 27,
                              choice=None if person == 27 else "rather_not_say" if person >= 25
                              else demo_choice(question.type, person))
                       for question in questions]
            db.session.add(SurveyResponse(round_id=survey_round.id, week_of=dt.date(2026, 11, 16), channel="online",
                                          answers=answers))
        db.session.add(RoundReport(round_id=survey_round.id, published=True, published_on=dt.date(2026, 11, 20)))
        db.session.commit()
    page = client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    good, change = DEMO_PAGES[key]
    assert page_points(page, "good-title") == good
    assert page_points(page, "change-title") == change


def test_editing_a_question_in_the_builder_keeps_its_children_say_words(app, client, make_staff, sign_in,
                                                                      shipped_questionnaires_only):
    from survey_app.questionnaire.loader import load_text

    from .test_builder import latest_source, post, question

    sign_in(*make_staff("worker"))
    url = "/staff/questionnaires/care-leavers/questions/local_offer_helped"
    response = post(client, url, question(type="yes_no", text="Has the Local Offer helped you?", priority="eet"))
    assert response.status_code == 302
    edited = load_text(latest_source(app, "care-leavers"), priorities=ANY_PRIORITY).question("local_offer_helped")
    assert edited.text == "Has the Local Offer helped you?"
    assert edited.children_say == ChildrenSay(positive="say the Local Offer has helped you",
                                              negative="say the Local Offer has not helped you")
