"""Cases (DOMAIN §3–§5): an application from the comprehensive window to its conclusion.

case.py      Applicant, Case, CaseMaterial
work.py      the back office: Suspension, DepartmentTask, Opinion, JointMeeting
records.py   CaseEvent (the audit trail), Attachment, CaseNumberSequence, IdempotencyKey
"""

from onewindow.cases.models.case import (
    Applicant,
    ApplicantKind,
    Case,
    CaseClass,
    CaseMaterial,
    Channel,
    IdType,
    MaterialStatus,
    Outcome,
)
from onewindow.cases.models.records import Attachment, CaseEvent, CaseNumberSequence, IdempotencyKey
from onewindow.cases.models.work import (
    DepartmentTask,
    JointMeeting,
    Opinion,
    Suspension,
    TaskOutcome,
    TaskState,
)
from onewindow.cases.states import State

__all__ = [
    "Applicant", "ApplicantKind", "Attachment", "Case", "CaseClass", "CaseEvent", "CaseMaterial",
    "CaseNumberSequence", "Channel", "DepartmentTask", "IdType", "IdempotencyKey", "JointMeeting",
    "MaterialStatus", "Opinion", "Outcome", "State", "Suspension", "TaskOutcome", "TaskState",
]
