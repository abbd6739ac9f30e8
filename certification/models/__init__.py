from .api import ApiKey, ApiUsage, WebhookDelivery, WebhookEvent, WebhookSubscription
from .applications import REQUIRED_DOCUMENT_KINDS, Application
from .assessment import Assignment
from .business import Business
from .certificates import Certificate
from .complaints import Complaint, ComplaintEvidence, ComplaintLog, ComplaintState
from .criteria import CriteriaSnapshot
from .people import Assessor, ConflictDeclaration, Officer
from .programme import ProgrammeSettings
from .public import Objection
from .records import Document, TransitionLog
from .rectifications import Rectification
from .reevaluation import Campaign, CampaignUnit, Inspection
from .reference import Industry, Region
from .reminders import ExpiryReminder
from .rounds import Level, Round
from .states import MEANING, TITLE_STATES, State, next_step, next_step_for_officer, state_label, title_in_force
from .workflow import (
    APPLICANT,
    OFFICER,
    SYSTEM,
    Action,
    CommentRequired,
    Step,
    TransitionConflict,
    TransitionRefused,
    WorkflowError,
)

__all__ = [
    "APPLICANT", "MEANING", "ApiKey", "ApiUsage", "WebhookDelivery", "WebhookEvent", "WebhookSubscription",
    "OFFICER", "REQUIRED_DOCUMENT_KINDS", "SYSTEM", "TITLE_STATES", "Action", "Application",
    "Assessor", "Assignment", "Business", "Campaign", "CampaignUnit", "ExpiryReminder", "Inspection",
    "Rectification", "Certificate", "CommentRequired",
    "Complaint", "ComplaintEvidence", "ComplaintLog", "ComplaintState", "ConflictDeclaration", "CriteriaSnapshot",
    "Document", "Industry", "Level", "Objection", "Officer", "ProgrammeSettings", "Region", "Round", "State", "Step",
    "TransitionConflict", "TransitionLog", "TransitionRefused", "WorkflowError", "next_step", "next_step_for_officer",
    "state_label",
    "title_in_force",
]
