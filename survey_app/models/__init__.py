from .questionnaire import StoredQuestionnaire
from .response import Answer, Draft, SafeguardingFlag, SurveyResponse
from .round import SurveyRound

__all__ = ["Answer", "Draft", "SafeguardingFlag", "StoredQuestionnaire", "SurveyResponse", "SurveyRound"]
