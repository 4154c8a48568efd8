"""The loop services (one per step of feedback.steps.STEPS), for both subjects: a Rectification (bad
review) or a Complaint. Each locks the row, checks the step table and the actor, moves the status,
sets the next step's working-day deadline and appends a LoopEvent."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from onewindow.calendar.services import due_date
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.timeutil import now, today
from onewindow.feedback.config import limit
from onewindow.feedback.models import Complaint, LoopAction, LoopEvent, LoopStatus, Rectification
from onewindow.feedback.steps import ASSIGNEE, INDEPENDENT, Step, step_for
from onewindow.network.models import Role, Staff
from onewindow.network.selectors import centre_descendants

Record = TypeVar("Record", Rectification, Complaint)


def working_days_after(n: int, *, start: dt.date | None = None) -> dt.date:
    return due_date(start=start or today(), working_days=n).due_date


def _role_reaches(record: Rectification | Complaint, by: Staff, role: str) -> bool:
    """Whether `role` of `by` covers this record's centre/department."""
    if role in (Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_ADMIN):
        return (by.department_id is not None and record.department_id == by.department_id)
    if role == Role.SUPERVISOR:
        return record.centre_id in {c.pk for c in centre_descendants(centre=by.centre)}
    return record.centre_id == by.centre_id


def may_act(record: Rectification | Complaint, step: Step, by: Staff | None) -> bool:
    if by is None:
        return "citizen" in step.actors
    if ASSIGNEE in step.actors and record.assignee_id == by.pk:
        return True
    return any(role in step.actors and _role_reaches(record, by, role) for role in by.role_codes())


def _event(record: Rectification | Complaint, **kw) -> LoopEvent:
    field = "rectification" if isinstance(record, Rectification) else "complaint"
    return LoopEvent.objects.create(**{field: record}, **kw)


def loop_open(*, record: Record, note: str = "") -> LoopEvent:
    """The first event of a new loop (called by the services that create the record)."""
    return _event(record, action=LoopAction.OPEN, from_status="", to_status=record.status,
                  actor=record.entered_by if isinstance(record, Complaint) else None,
                  at=record.received_at, note=note, step_due=record.step_due)


def _step(record: Record, action: str, by: Staff | None, *, note: str = "", target: str | None = None,
          days: int | None = None, fields: dict | None = None) -> Record:
    step = step_for(action)
    assert step is not None
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    if locked.status not in step.sources:
        raise Conflict("loop_step_not_allowed", "当前状态不允许此操作",
                       "This step is not allowed in the current status",
                       detail={"status": locked.status, "action": action})
    if not may_act(locked, step, by):
        raise Forbidden("loop_actor_not_allowed", "您无权办理此环节", "You may not take this step",
                        detail={"action": action})
    day = today()
    late = bool(locked.step_due and day > locked.step_due)
    old = locked.status
    new = target or step.target or old
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    if step.target is not None:
        locked.status = new
        if new == LoopStatus.CLOSED:
            locked.step_due = None
        elif step.deadline or days is not None:
            locked.step_due = working_days_after(days if days is not None else limit(step.deadline or ""),
                                                 start=day)
            # A complaint's reply may not be due after the complaint's own time limit.
            if (isinstance(locked, Complaint) and new in (LoopStatus.VERIFYING, LoopStatus.RECTIFYING,
                                                          LoopStatus.REPLYING)
                    and locked.due_date and locked.appeals == 0):
                locked.step_due = min(locked.step_due, locked.due_date)
        else:
            locked.step_due = None
    locked.save()
    _event(locked, action=action, from_status=old, to_status=locked.status, actor=by, at=now(), note=note,
           step_due=locked.step_due, late=late)
    return locked


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise Invalid(f"{what}_required", "请填写内容", "Please write the text", detail={"field": what})
    return value[:4000]


@transaction.atomic
def loop_assign(*, record: Record, assignee: Staff, by: Staff, note: str = "") -> Record:
    """Assign (or reassign, or re-review after an appeal) to a staff member of the same centre."""
    if assignee.centre_id != record.centre_id:
        raise Invalid("assignee_other_centre", "只能指派本中心工作人员",
                      "The assignee must work in the record's centre")
    if record.department_id and assignee.department_id not in (None, record.department_id) \
            and not assignee.has_role(*INDEPENDENT):
        raise Invalid("assignee_other_department", "只能指派本部门或中心工作人员",
                      "The assignee must belong to the department or the centre")
    return _step(record, LoopAction.ASSIGN, by, note=note, fields={"assignee": assignee})


@transaction.atomic
def loop_verify(*, record: Record, founded: bool, finding: str, by: Staff,
                rectify_days: int | None = None) -> Record:
    """Verify (核实) within 1 working day. Founded: rectify within rectify_days (≤ the configured
    maximum, default 15); unfounded: reply to the citizen with the finding."""
    finding = _text(finding, "finding")
    maximum = limit("ONEWINDOW_FEEDBACK_RECTIFY_DAYS")
    if rectify_days is not None and not 1 <= rectify_days <= maximum:
        raise Invalid("rectify_days_out_of_range", f"整改期限须在 1 至 {maximum} 个工作日之间",
                      f"Rectification days must be 1 to {maximum}", detail={"max": maximum})
    if founded:
        return _step(record, LoopAction.VERIFY, by, note=finding, days=rectify_days,
                     fields={"founded": True, "finding": finding})
    return _step(record, LoopAction.VERIFY, by, note=finding, target=LoopStatus.REPLYING,
                 days=limit("ONEWINDOW_FEEDBACK_REPLY_DAYS"), fields={"founded": False, "finding": finding})


@transaction.atomic
def loop_rectify(*, record: Record, rectification: str, by: Staff) -> Record:
    text = _text(rectification, "rectification")
    return _step(record, LoopAction.RECTIFY, by, note=text, fields={"rectification": text})


@transaction.atomic
def loop_reply(*, record: Record, reply: str, by: Staff) -> Record:
    text = _text(reply, "reply")
    return _step(record, LoopAction.REPLY, by, note=text, fields={"reply": text, "replied_at": now()})


def _satisfaction(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise Invalid("satisfaction_out_of_range", "满意度须为 1 至 5", "Satisfaction must be 1 to 5")
    return value


@transaction.atomic
def loop_visit(*, record: Record, note: str, by: Staff, satisfaction: int | None = None) -> Record:
    """The return visit (回访): what the citizen said and, if given, how satisfied they are (1–5)."""
    text = _text(note, "visit_note")
    fields: dict = {"visit_note": text, "visited_at": now()}
    if _satisfaction(satisfaction) is not None:
        fields["satisfaction"] = satisfaction
    return _step(record, LoopAction.VISIT, by, note=text, fields=fields)


@transaction.atomic
def loop_close(*, record: Record, by: Staff, note: str = "") -> Record:
    """Close; without a return visit only when none is required (real-name reviews need 100 %)."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if current.status == LoopStatus.VISITING and current.visit_required:
        raise Conflict("return_visit_required", "实名差评与署名投诉必须回访后才能办结",
                       "A return visit is required before closing")
    return _step(current, LoopAction.CLOSE, by, note=note, fields={"closed_at": now()})


@transaction.atomic
def loop_appeal(*, record: Record, reason: str, by: Staff | None = None) -> Record:
    """The citizen (or staff for them) appeals a closed loop; it is re-reviewed from assignment."""
    text = _text(reason, "reason")
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if current.status == LoopStatus.CLOSED:
        if current.appeals >= limit("ONEWINDOW_FEEDBACK_MAX_APPEALS"):
            raise Conflict("appeal_limit_reached", "申诉次数已达上限", "No further appeal is possible")
        closed_on = timezone.localdate(current.closed_at) if current.closed_at else today()
        if today() > working_days_after(limit("ONEWINDOW_FEEDBACK_APPEAL_DAYS"), start=closed_on):
            raise Conflict("appeal_too_late", "已超过申诉期限", "The appeal period has ended")
    return _step(current, LoopAction.APPEAL, by, note=text,
                 fields={"appeals": current.appeals + 1, "closed_at": None})


@transaction.atomic
def loop_rate(*, record: Record, satisfaction: int, by: Staff | None = None, note: str = "") -> Record:
    """The citizen rates how the matter was handled (1–5); staff may record it from a call."""
    if _satisfaction(satisfaction) is None:
        raise Invalid("satisfaction_required", "请选择满意度", "Please choose a satisfaction level")
    return _step(record, LoopAction.RATE, by, note=note, fields={"satisfaction": satisfaction})


ACTIONS = {
    LoopAction.ASSIGN: loop_assign, LoopAction.VERIFY: loop_verify, LoopAction.RECTIFY: loop_rectify,
    LoopAction.REPLY: loop_reply, LoopAction.VISIT: loop_visit, LoopAction.CLOSE: loop_close,
    LoopAction.APPEAL: loop_appeal, LoopAction.RATE: loop_rate,
}
