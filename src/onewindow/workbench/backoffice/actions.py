"""One place that turns a posted case-action form into the service call, and says what happened.

Views stay thin: they call `action_perform` and show its confirmation, or the DomainError the
service (or the form) raised."""

from __future__ import annotations

from collections.abc import Callable

from django.http import QueryDict
from django.utils.translation import gettext as _

from onewindow.cases import services as svc
from onewindow.cases.models import Case, Outcome
from onewindow.core.errors import Invalid, NotFound
from onewindow.network.models import Staff
from onewindow.workbench.backoffice.forms import FORMS
from onewindow.workbench.backoffice.services import extension_request


def _review(case: Case, by: Staff, d: dict) -> str:
    svc.case_review(case=case, by=by, opinion=d["opinion"])
    return _("Opinion recorded.")


def _suspend(case: Case, by: Staff, d: dict) -> str:
    svc.case_suspend(case=case, by=by, kind=d["kind"], reason=d["reason"])
    return _("Clock paused for the special procedure. The applicant is told in writing.")


def _resume(case: Case, by: Staff, d: dict) -> str:
    svc.case_resume(case=case, by=by, result=d["result"])
    return _("Clock resumed.")


def _extend(case: Case, by: Staff, d: dict) -> str:
    c = svc.case_extend(case=case, by=by, working_days=d["working_days"], reason=d["reason"])
    return _("Limit extended by %(days)s working days; new due date %(due)s.") % {
        "days": d["working_days"], "due": c.decision_due_date}


def _extension_request(case: Case, by: Staff, d: dict) -> str:
    chiefs = extension_request(case=case, by=by, working_days=d["working_days"], reason=d["reason"])
    return _("Extension requested from %(names)s.") % {"names": "、".join(c.name for c in chiefs)}


def _decide(case: Case, by: Staff, d: dict) -> str:
    svc.case_decide(case=case, by=by, outcome=d["outcome"], opinion=d["opinion"])
    return _("Decision recorded: approved.") if d["outcome"] == Outcome.APPROVE else _(
        "Decision recorded: denied.")


def _return(case: Case, by: Staff, d: dict) -> str:
    svc.case_return(case=case, by=by, reason=d["reason"])
    return _("Case returned with the written reason.")


def _task_decide(case: Case, by: Staff, d: dict) -> str:
    svc.task_decide(case=case, by=by, task_id=d["task"], outcome=d["outcome"], opinion=d["opinion"])
    return _("Department task decided.")


def _meeting(case: Case, by: Staff, d: dict, attendees: list[str]) -> str:
    svc.meeting_record(case=case, by=by, minutes=d["minutes"], attendees=attendees)
    return _("Joint review meeting minutes recorded.")


HANDLERS: dict[str, Callable[[Case, Staff, dict], str]] = {
    "review": _review, "suspend": _suspend, "resume": _resume, "extend": _extend,
    "extension_request": _extension_request, "decide": _decide,
    "return": _return, "task_decide": _task_decide,
}


def form_errors(form) -> Invalid:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    return Invalid("invalid_form", "表单填写有误，请检查", "Please correct the form", detail=errors)


def action_perform(*, action: str, case: Case, by: Staff, data: QueryDict) -> str:
    """Validate the form of `action` and call its service; returns the confirmation text. Raises
    the service's DomainError, Invalid for a bad form, NotFound for an unknown action."""
    form_class = FORMS.get(action)
    if form_class is None:
        raise NotFound("unknown_action", "未知的操作", "Unknown action", detail={"action": action})
    form = form_class(data)
    if not form.is_valid():
        raise form_errors(form)
    if action == "meeting":
        return _meeting(case, by, form.cleaned_data, form.attendee_list())  # type: ignore[attr-defined]
    return HANDLERS[action](case, by, form.cleaned_data)
