"""Joint cases (联办件, seed 002 §二(五) 并联审批): the departments' tasks run in parallel, each within
its own limit; the last task to finish decides the parent; a joint review meeting may be recorded."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.cases.models import Case, CaseClass, DepartmentTask, JointMeeting, Opinion, Outcome, TaskState
from onewindow.cases.services._base import clean_text, move_begin, move_finish, notify
from onewindow.cases.services.issue import licence_prepare_on_commit
from onewindow.cases.services.review import _decision_apply, eligible_reviewer
from onewindow.cases.states import CHIEF, State
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.timeutil import now
from onewindow.network.models import Staff
from onewindow.network.selectors import chief_has_power


def _joint(case: Case) -> None:
    if case.case_class != CaseClass.JOINT:
        raise Conflict("not_joint", "不是联办件", "Not a joint case")


def _task(case: Case, task_id: int) -> DepartmentTask:
    task = DepartmentTask.objects.select_for_update().filter(case=case, pk=task_id).first()
    if task is None:
        raise Invalid("unknown_task", "部门任务不存在", "No such department task", detail={"task": task_id})
    return task


def _own_department(by: Staff, task: DepartmentTask, role: str) -> None:
    if role == CHIEF and by.department_id != task.department_id:
        raise Forbidden("out_of_scope", "只能处理本部门的任务", "Only your own department's task",
                        detail={"task": task.pk})


@transaction.atomic
def task_assign(*, case: Case, by: Staff, task_id: int, reviewer_id: int) -> DepartmentTask:
    move = move_begin(case=case, by=by, action="task_assign")
    _joint(move.case)
    task = _task(move.case, task_id)
    _own_department(by, task, move.role)
    if task.state == TaskState.DONE:
        raise Conflict("task_done", "该部门任务已办结", "That department task is done",
                       detail={"task": task.pk})
    task.assignee = eligible_reviewer(case=move.case, staff_id=reviewer_id, department_id=task.department_id)
    task.state = TaskState.IN_REVIEW
    task.save(update_fields=["assignee", "state"])
    move_finish(move, payload={"task": task.pk, "reviewer": task.assignee_id})
    return task


@transaction.atomic
def task_decide(*, case: Case, by: Staff, task_id: int, outcome: str, opinion: str = "") -> DepartmentTask:
    """A department's decision on its part, by its chief representative (joint_coordination power).
    When every task is done the parent is decided: approved when every part is approved."""
    if outcome not in (Outcome.APPROVE, Outcome.DENY):
        raise Invalid("invalid_outcome", "决定结果无效", "The outcome must be approve or deny",
                      detail={"outcome": outcome})
    opinion = clean_text(opinion, field="opinion", required=outcome == Outcome.DENY, max_length=2000)
    move = move_begin(case=case, by=by, action="task_decide")
    c = move.case
    _joint(c)
    task = _task(c, task_id)
    _own_department(by, task, move.role)
    if task.state == TaskState.DONE:
        raise Conflict("task_done", "该部门任务已办结", "That department task is done",
                       detail={"task": task.pk})
    if not chief_has_power(staff=by, department=task.department_id, power="joint_coordination"):
        raise Forbidden("power_not_granted", "授权书未授予此项审批权",
                        "Your authorisation does not grant this power",
                        detail={"power": "joint_coordination"})
    task.state = TaskState.DONE
    task.outcome = outcome
    task.opinion = opinion
    task.decided_at = now()
    task.decided_by = by
    task.save(update_fields=["state", "outcome", "opinion", "decided_at", "decided_by"])
    Opinion.objects.create(case=c, task=task, step="decide", staff=by, opinion=opinion or "准予",
                           at=task.decided_at)
    outcomes = list(DepartmentTask.objects.filter(case=c).values_list("state", "outcome"))
    payload = {"task": task.pk, "department": task.department_id, "outcome": outcome}
    if all(state == TaskState.DONE for state, _ in outcomes):
        final = Outcome.APPROVE if all(o == Outcome.APPROVE for _, o in outcomes) else Outcome.DENY
        _decision_apply(case=c, outcome=final)
        payload["case_outcome"] = final
        event = move_finish(move, to_state=State.DECIDED, payload=payload)
        notify(case=c, kind="decision", event=event, by=by)
        licence_prepare_on_commit(case=c)
    else:
        move_finish(move, to_state=State.IN_REVIEW, payload=payload)
    return task


@transaction.atomic
def meeting_record(*, case: Case, by: Staff, minutes: str, attendees: list[str],
                   held_at: dt.datetime | None = None) -> JointMeeting:
    minutes = clean_text(minutes, field="minutes", required=True, max_length=10000)
    names = [clean_text(a, field="attendees", max_length=60) for a in attendees or []]
    names = [n for n in names if n]
    if not names:
        raise Invalid("attendees_required", "须填写参会人员", "List the attendees")
    move = move_begin(case=case, by=by, action="meeting")
    _joint(move.case)
    meeting = JointMeeting.objects.create(case=move.case, minutes=minutes, attendees=names,
                                          held_at=held_at or now(), recorded_by_id=by.user_id)
    move_finish(move, payload={"meeting": meeting.pk, "attendees": len(names)})
    return meeting
