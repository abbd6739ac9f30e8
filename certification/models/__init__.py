from .applications import TITLE_STATES, Application, State, title_in_force
from .assessment import Assignment
from .business import Business
from .certificates import Certificate
from .criteria import CriteriaSnapshot
from .people import Assessor, ConflictDeclaration, Officer
from .public import Feedback, Objection
from .records import Document, TransitionLog
from .reference import Industry, Region
from .rounds import Level, Round

__all__ = [
    "TITLE_STATES", "Application", "Assessor", "Assignment", "Business", "Certificate", "ConflictDeclaration",
    "CriteriaSnapshot", "Document", "Feedback", "Industry", "Level", "Objection", "Officer", "Region", "Round",
    "State", "TransitionLog", "title_in_force",
]
