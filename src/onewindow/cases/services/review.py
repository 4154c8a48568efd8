"""The back office (后台分类审批): assignment, opinions at the version's review steps, the decision
within the chief representative's authorisation (seed 002 §一(二)3), return after acceptance."""

from __future__ import annotations

from django.db import transaction

from onewindow.cases.clock import clock_refresh
from onewindow.cases.models import Case, CaseClass, Opinion, Outcome
from onewindow.cases.services._base import clean_text, move_begin, move_finish, notify
from onewindow.cases.services.acceptance import review_steps
from onewindow.cases.services.intake import _end
from onewindow.cases.services.issue import licence_prepare_on_commit
from onewindow.cases.states import CLERK, State
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.timeutil import now, today
from onewindow.network.models import Role, Staff
from onewindow.network.selectors import active_authorisations, chief_has_power


def eligible_reviewer(*, case: Case, staff_id: int, department_id: int | None = None) -> Staff:
    """A civil-servant reviewer or chief of the case's centre (and department): 422 otherwise."""
    department_id = department_id if department_id is not None else case.department_id
    qs = Staff.objects.filter(pk=staff_id, centre_id=case.centre_id, civil_servant=True,
                              roles__role__in=[Role.REVIEWER, Role.CHIEF_REPRESENTATIVE])
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    staff = qs.first()
    if staff is None:
        raise Invalid("reviewer_not_eligible", "该人员不能审查此办件",
                      "That person may not review this case", detail={"reviewer": staff_id})
    return staff


@transaction.atomic
def case_assign(*, case: Case, by: Staff, reviewer_id: int) -> Case:
    move = move_begin(case=case, by=by, action="assign")
    reviewer = eligible_reviewer(case=move.case, staff_id=reviewer_id)
    move.case.reviewer = reviewer
    move_finish(move, payload={"reviewer": reviewer.pk})
    return move.case


@transaction.atomic
def case_review(*, case: Case, by: Staff, opinion: str) -> Case:
    """An opinion at the current review step; the case moves on to the next step (the last step,
    the decision, is only written by case_decide)."""
    opinion = clean_text(opinion, field="opinion", required=True, max_length=2000)
    move = move_begin(case=case, by=by, action="review")
    c = move.case
    steps = review_steps(c.item_version)
    index = min(c.review_step, max(len(steps) - 2, 0))
    Opinion.objects.create(case=c, step=steps[index], staff=by, opinion=opinion, at=now())
    c.review_step = min(index + 1, len(steps) - 1)
    move_finish(move, payload={"step": steps[index]})
    return c


def decision_power(case: Case) -> str:
    """The authorisation power a decision of this case needs (seed 002 powers (1)–(3))."""
    if case.case_class == CaseClass.IMMEDIATE:
        return "direct_approval"
    if case.case_class == CaseClass.JOINT:
        return "joint_coordination"
    return "first_review"


def _check_decider(*, case: Case, by: Staff, role: str) -> None:
    power = decision_power(case)
    if role == CLERK:
        # An intake clerk decides only immediate cases, and only with a direct-approval authorisation.
        ok = (case.case_class == CaseClass.IMMEDIATE and case.department_id is not None
              and active_authorisations(staff=by).filter(department_id=case.department_id,
                                                         direct_approval=True).exists())
    else:
        ok = case.department_id is not None and chief_has_power(staff=by, department=case.department_id,
                                                                power=power)
    if not ok:
        raise Forbidden("power_not_granted", "授权书未授予此项审批权",
                        "Your authorisation does not grant this power",
                        detail={"power": power})


@transaction.atomic
def case_decide(*, case: Case, by: Staff, outcome: str, opinion: str = "") -> Case:
    """Approve or deny (a denial needs its reasons). Sets the art. 44 issue due date."""
    if outcome not in (Outcome.APPROVE, Outcome.DENY):
        raise Invalid("invalid_outcome", "决定结果无效", "The outcome must be approve or deny",
                      detail={"outcome": outcome})
    opinion = clean_text(opinion, field="opinion", required=outcome == Outcome.DENY, max_length=2000)
    move = move_begin(case=case, by=by, action="decide")
    c = move.case
    if c.case_class == CaseClass.JOINT:
        raise Conflict("joint_decided_by_tasks", "联办件由各部门任务办结后自动决定",
                       "A joint case is decided by its department tasks")
    _check_decider(case=c, by=by, role=move.role)
    _decision_apply(case=c, outcome=outcome)
    steps = review_steps(c.item_version)
    Opinion.objects.create(case=c, step=steps[-1], staff=by, opinion=opinion or "准予",
                           at=c.decided_at or now())
    c.review_step = len(steps) - 1
    event = move_finish(move, reason=opinion if outcome == Outcome.DENY else "",
                        payload={"outcome": outcome, "power": decision_power(c)})
    notify(case=c, kind="decision", event=event, by=by)
    licence_prepare_on_commit(case=c)
    return c


def _decision_apply(*, case: Case, outcome: str) -> None:
    case.outcome = outcome
    case.decided_at = now()
    case.decided_on = today()
    case.handled_on = case.decided_on
    clock_refresh(case=case, suspensions=list(case.suspensions.all()), today=case.decided_on)


@transaction.atomic
def case_return(*, case: Case, by: Staff, reason: str) -> Case:
    """退办: returned after acceptance with the written reason (logged as a returned case)."""
    reason = clean_text(reason, field="reason", required=True)
    move = move_begin(case=case, by=by, action="return")
    if move.case.state == State.SUSPENDED:
        move.case.suspensions.filter(ended_on__isnull=True).update(ended_on=today(), result="case returned")
    return _end(move, outcome=Outcome.RETURNED, reason=reason, kind="refusal",
                payload={"case_class": move.case.case_class})


__all__ = ["case_assign", "case_decide", "case_return", "case_review", "decision_power", "eligible_reviewer"]
