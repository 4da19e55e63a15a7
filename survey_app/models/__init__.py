from .questionnaire import StoredQuestionnaire
from .response import Answer, Draft, SafeguardingFlag, SurveyResponse
from .round import RoundCohort, SurveyRound
from .staff import AuditEvent, StaffUser

__all__ = [
    "Answer", "AuditEvent", "Draft", "RoundCohort", "SafeguardingFlag", "StaffUser", "StoredQuestionnaire",
    "SurveyResponse", "SurveyRound",
]
