"""The clock's moves: suspension for a special procedure and resumption (art. 45), the one extension
(art. 42). Each recomputes the stored due dates and asks for a written notice."""

from __future__ import annotations

from django.db import transaction

from onewindow.cases.clock import clock_refresh, max_extension_for
from onewindow.cases.models import Case, Suspension
from onewindow.cases.services._base import clean_text, move_begin, move_finish, notify
from onewindow.cases.states import CHIEF
from onewindow.catalogue.models import SpecialProcedure
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.timeutil import today
from onewindow.network.models import Staff
from onewindow.network.selectors import active_authorisations


def _refresh(case: Case) -> None:
    clock_refresh(case=case, suspensions=list(case.suspensions.all()), today=today())


@transaction.atomic
def case_suspend(*, case: Case, by: Staff, kind: str, reason: str) -> Case:
    if kind not in SpecialProcedure.values:
        raise Invalid("invalid_suspension_kind", "特别程序类型无效", "Unknown special procedure",
                      detail={"kind": kind, "allowed": list(SpecialProcedure.values)})
    reason = clean_text(reason, field="reason", required=True)
    move = move_begin(case=case, by=by, action="suspend")
    c = move.case
    suspension = Suspension.objects.create(case=c, kind=kind, reason=reason, started_on=today(),
                                           started_by=by)
    _refresh(c)
    event = move_finish(move, reason=reason, payload={"kind": kind, "suspension": suspension.pk,
                                                      "started_on": suspension.started_on.isoformat()})
    notify(case=c, kind="suspension", event=event, by=by)
    return c


@transaction.atomic
def case_resume(*, case: Case, by: Staff, result: str = "") -> Case:
    result = clean_text(result, field="result")
    move = move_begin(case=case, by=by, action="resume")
    c = move.case
    suspension = c.suspensions.filter(ended_on__isnull=True).order_by("-started_on", "-id").first()
    if suspension is not None:
        suspension.ended_on = max(today(), suspension.started_on)
        suspension.result = result
        suspension.ended_by = by
        suspension.save(update_fields=["ended_on", "result", "ended_by"])
    _refresh(c)
    event = move_finish(move, payload={"kind": suspension.kind if suspension else "",
                                       "ended_on": today().isoformat(), "result": result})
    notify(case=c, kind="suspension", event=event, by=by)
    return c


@transaction.atomic
def case_extend(*, case: Case, by: Staff, working_days: int, reason: str) -> Case:
    """One extension with written reasons, by the chief representative (with an authorisation for
    the department in force) or the centre manager (art. 42: the head of the body approves)."""
    reason = clean_text(reason, field="reason", required=True)
    move = move_begin(case=case, by=by, action="extend")
    c = move.case
    if move.role == CHIEF and not (c.department_id and active_authorisations(staff=by)
                                   .filter(department_id=c.department_id).exists()):
        raise Forbidden("power_not_granted", "没有有效的授权书",
                        "No authorisation in force for this department")
    if c.extension_days:
        raise Conflict("extension_already_granted", "办理期限只能延长一次",
                       "The limit can be extended only once",
                       detail={"extension_days": c.extension_days})
    limit = max_extension_for(case=c)
    if not isinstance(working_days, int) or not 1 <= working_days <= limit:
        raise Invalid("extension_too_long", f"延长期限须为 1 至 {limit} 个工作日",
                      f"The extension must be 1 to {limit} working days",
                      detail={"working_days": working_days, "max": limit})
    c.extension_days = working_days
    c.extension_reason = reason
    before = c.decision_due_date
    _refresh(c)
    event = move_finish(move, reason=reason, payload={
        "working_days": working_days, "from": before.isoformat() if before else None,
        "to": c.decision_due_date.isoformat() if c.decision_due_date else None})
    notify(case=c, kind="extension", event=event, by=by)
    return c


__all__ = ["case_extend", "case_resume", "case_suspend"]
