"""Which groups of young people a round is for, whether its questionnaire can tell them apart, and so
whether a response rate can be worked out for each group. Pure rules: the round setup (refusing a
round whose groups can't be told apart), the round page and the report (reporting/build.py) read them,
so they all give the same answer in the same words."""

from __future__ import annotations

from ..questionnaire.schema import CARE_STATUS_QUESTION, Questionnaire

GROUP_LABELS = {"in_care": "Children in care", "care_leaver": "Care leavers"}
# A round's audience (rounds/setup.py AUDIENCES) -> the groups it is for.
AUDIENCE_GROUPS = {"in_care": ("in_care",), "care_leavers": ("care_leaver",), "both": ("in_care", "care_leaver")}
# The cohort sizes a worker enters (rounds/setup.py COHORT_GROUPS) -> the group a response is counted in.
# Children in care of both age groups are one group: the rate needs the group, not the age.
COHORT_TO_GROUP = {"in_care_8_11": "in_care", "in_care_12_17": "in_care", "care_leavers": "care_leaver"}

def asks_care_status(questionnaire: Questionnaire) -> bool:
    """True when one single-choice question says whether a young person is in care or a care leaver."""
    if not questionnaire.has_question(CARE_STATUS_QUESTION):
        return False
    question = questionnaire.question(CARE_STATUS_QUESTION)
    return (question.kind.summary == "choices" and not question.allows_many
            and set(GROUP_LABELS) <= question.option_values())


def round_groups(audience: str, questionnaire: Questionnaire) -> tuple[str, ...]:
    """The groups a round is for: its audience, or (a round opened without one, from the command line)
    the groups its questionnaire is for."""
    return AUDIENCE_GROUPS.get(audience) or tuple(
        group for group in questionnaire.audience.groups if group in GROUP_LABELS)


def groups_told_apart(audience: str, questionnaire: Questionnaire) -> tuple[str, ...]:
    """The groups whose responses can be counted apart: all of them when the questionnaire asks, the only
    one when the round is for one group (every response is from it), none otherwise."""
    if asks_care_status(questionnaire):
        return tuple(GROUP_LABELS)
    groups = round_groups(audience, questionnaire)
    return groups if len(groups) == 1 else ()


def missing_group_question(audience: str, questionnaire: Questionnaire) -> str | None:
    """Why a round for `audience` can't use this questionnaire, or None: a round for children in care and
    care leavers needs a question telling them apart, or neither the report's breakdowns nor the response
    rate of each group can be worked out."""
    if len(AUDIENCE_GROUPS.get(audience, ())) < 2 or asks_care_status(questionnaire):
        return None
    return (f"“{questionnaire.title}” does not ask whether a young person is in care or a care leaver, so "
            "their answers can’t be counted for each group and neither group would have a response rate. "
            "Choose children in care or care leavers, or a questionnaire that asks")
