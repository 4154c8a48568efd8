"""Every write to a case, split by responsibility. Each transition locks the case, checks the state
table (cases/states.py), the role and the scope, writes a CaseEvent, then asks for side effects."""

from onewindow.cases.services.attachments import attachment_add
from onewindow.cases.services.checklist import MaterialIn
from onewindow.cases.services.clock import case_extend, case_resume, case_suspend
from onewindow.cases.services.escalate import case_escalate
from onewindow.cases.services.intake import (
    ApplicantIn,
    IntakeResult,
    case_accept,
    case_intake,
    case_notice,
    case_out_of_remit,
    case_receive,
    case_refuse,
    case_submit,
    case_supplement,
    case_withdraw,
)
from onewindow.cases.services.issue import (
    DeliverResult,
    case_conclude,
    case_deliver,
    case_deliver_result,
    case_issue,
    case_pay,
)
from onewindow.cases.services.joint import meeting_record, task_assign, task_decide
from onewindow.cases.services.numbering import case_number_allocate
from onewindow.cases.services.proxy import case_forward
from onewindow.cases.services.review import case_assign, case_decide, case_return, case_review
from onewindow.cases.services.sweep import case_deemed_accept, cases_sweep

__all__ = [
    "ApplicantIn", "DeliverResult", "IntakeResult", "MaterialIn", "attachment_add", "case_accept",
    "case_assign", "case_conclude", "case_decide", "case_deemed_accept", "case_deliver",
    "case_deliver_result", "case_escalate", "case_extend", "case_forward", "case_intake", "case_issue",
    "case_notice",
    "case_number_allocate", "case_out_of_remit", "case_pay", "case_receive", "case_refuse", "case_resume",
    "case_return", "case_review", "case_submit", "case_supplement", "case_suspend", "case_withdraw",
    "cases_sweep", "meeting_record", "task_assign", "task_decide",
]
