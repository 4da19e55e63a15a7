from .action import Action, ActionFinding, ActionUpdate, Challenge, MeetingFinding, StandingReport
from .children_language import ActionLanguage, RoundReportLanguage
from .involvement import InvolvementRequest
from .job import DataVersion, Job, StoredReport
from .moderation import ManualCoding, Quote, Theme
from .priority import StrategyPriority
from .questionnaire import QuestionnaireTranslation, StoredQuestionnaire
from .report import RoundReport
from .response import Answer, Draft, HeldFlag, SafeguardingFlag, SafeguardingPhrase, SurveyResponse
from .review import ReviewComment, ReviewLink
from .round import ResponseRemoval, RoundCohort, SurveyRound
from .staff import AuditEvent, StaffSession, StaffUser

__all__ = [
    "Action", "ActionFinding", "ActionLanguage", "RoundReportLanguage",
    "ActionUpdate", "Answer", "Challenge", "MeetingFinding", "StandingReport",
    "AuditEvent", "DataVersion", "Draft", "HeldFlag", "Job",
    "InvolvementRequest", "ManualCoding", "Quote",
    "ResponseRemoval", "ReviewComment", "ReviewLink", "RoundCohort", "RoundReport", "SafeguardingFlag",
    "SafeguardingPhrase", "StaffSession",
    "QuestionnaireTranslation",
    "StaffUser", "StoredQuestionnaire", "StoredReport", "StrategyPriority", "SurveyResponse", "SurveyRound", "Theme",
]
