from .questionnaire import StoredQuestionnaire
from .response import Answer, Draft, SafeguardingFlag, SurveyResponse
from .round import SurveyRound
from .staff import AuditEvent, StaffUser

__all__ = [
    "Answer", "AuditEvent", "Draft", "SafeguardingFlag", "StaffUser", "StoredQuestionnaire", "SurveyResponse",
    "SurveyRound",
]
