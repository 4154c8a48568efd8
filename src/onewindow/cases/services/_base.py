"""What every transition service does: lock the case, look the move up in the state table, check the
role and the scope, write the CaseEvent, ask for the notice.

Order of the checks (the API relies on it): the role may make this action at all (403
role_not_allowed) → the case is one of the staff member's centre (404, existence is not leaked) →
the table allows the action from the current state (409 invalid_transition) → the role may make it
from this state and the staff member is in scope (403).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onewindow.cases.models import Case, CaseEvent, DepartmentTask
from onewindow.cases.states import (
    AGENT,
    CHIEF,
    CLERK,
    ISSUER,
    MANAGER,
    REVIEWER,
    SYSTEM,
    Transition,
    roles_for_action,
    transition_for,
)
from onewindow.core.errors import Conflict, Forbidden, Invalid, NotFound
from onewindow.core.timeutil import now
from onewindow.network.models import Staff
from onewindow.security.chain import GENESIS, digest_of_row, normalise_payload

CENTRE_ROLES = frozenset({CLERK, ISSUER, MANAGER})
DEPARTMENT_ROLES = frozenset({REVIEWER, CHIEF})


def case_not_found(number: str | None = None) -> NotFound:
    return NotFound("case_not_found", "办件不存在", "No such case",
                    detail={"number": number} if number else None)


def role_not_allowed(action: str, roles) -> Forbidden:
    return Forbidden("role_not_allowed", "当前角色无权执行此操作", "Your role may not do this",
                     detail={"action": action, "required_any_of": sorted(roles)})


def reason_required(field: str = "reason") -> Invalid:
    return Invalid("reason_required", "必须填写理由", "A written reason is required", detail={"field": field})


def clean_text(value: str | None, *, field: str, required: bool = False, max_length: int = 500) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise Invalid("invalid_text", "文本包含非法字符", "The text contains invalid characters",
                      detail={"field": field})
    if required and not value:
        raise reason_required(field)
    if len(value) > max_length:
        raise Invalid("text_too_long", f"{field} 过长", f"{field} is too long",
                      detail={"field": field, "max_length": max_length})
    return value


def in_scope(*, staff: Staff, case: Case, role: str) -> bool:
    """May `staff`, acting as `role`, act on `case`? Centre roles: staff of the case's centre.
    Reviewers and chiefs: of the case's department, the assigned reviewer, or (joint cases) of a
    department with a task. Proxy agents: of the centre, or following the case."""
    same_centre = staff.centre_id == case.centre_id
    if role in CENTRE_ROLES:
        return same_centre
    if role == AGENT:
        return same_centre or case.proxy_agent_id == staff.pk
    if role in DEPARTMENT_ROLES:
        if case.reviewer_id == staff.pk:
            return True
        if not same_centre or staff.department_id is None:
            return False
        if case.department_id == staff.department_id:
            return True
        return DepartmentTask.objects.filter(case_id=case.pk, department_id=staff.department_id).exists()
    return False


def _may_see(*, staff: Staff, case: Case) -> bool:
    return (staff.centre_id == case.centre_id or case.proxy_agent_id == staff.pk
            or case.reviewer_id == staff.pk)


@dataclass
class Move:
    case: Case
    transition: Transition
    role: str
    staff: Staff | None
    from_state: str

    @property
    def user(self):
        return self.staff.user if self.staff is not None else None


def move_begin(*, case: Case | int, by: Staff | None, action: str) -> Move:
    """Lock the case and check the move; `by=None` is the software itself (role "system")."""
    allowed = roles_for_action(action)
    if not allowed:
        raise NotFound("unknown_action", "未知的操作", "Unknown action", detail={"action": action})
    held = (by.role_codes() & allowed) if by is not None else ({SYSTEM} & allowed)
    if not held:
        raise role_not_allowed(action, allowed)
    pk = case.pk if isinstance(case, Case) else case
    # Only the case row is locked: a join on a nullable FK cannot be locked on PostgreSQL.
    locked = Case.objects.select_for_update().filter(pk=pk).first()
    if locked is None or (by is not None and not _may_see(staff=by, case=locked)):
        raise case_not_found()
    transition = transition_for(action, locked.state)
    if transition is None:
        raise Conflict("invalid_transition", "当前状态不允许此操作",
                       "This action is not allowed in the current state",
                       detail={"from": locked.state, "action": action})
    candidates = [r for r in transition.roles if r in held]
    if not candidates:
        raise role_not_allowed(action, transition.roles)
    if by is None:
        role = SYSTEM
    else:
        role = next((r for r in candidates if in_scope(staff=by, case=locked, role=r)), "")
        if not role:
            raise Forbidden("out_of_scope", "该办件不在您的职责范围内", "This case is outside your remit",
                            detail={"action": action})
    return Move(case=locked, transition=transition, role=role, staff=by, from_state=locked.state)


def event_write(*, case: Case, action: str, from_state: str, to_state: str, by: Staff | None, role: str,
                reason: str = "", payload: dict[str, Any] | None = None, at=None) -> CaseEvent:
    """Append an event (the caller holds the case's lock, so seq cannot race) and set the state.

    The event is chained to the case's previous one (security.chain); the case keeps the new head
    (last_event_seq, last_event_hash), which the caller saves with the state."""
    case.last_event_seq += 1
    case.state = to_state
    event = CaseEvent(
        case=case, seq=case.last_event_seq, actor_id=by.user_id if by is not None else None, actor_role=role,
        action=action, from_state=from_state, to_state=to_state, at=at or now(), reason=reason,
        payload=normalise_payload(payload), prev_hash=case.last_event_hash or GENESIS)
    event.hash = digest_of_row(event, number=case.number, prev_hash=event.prev_hash)
    event.save(force_insert=True)
    case.last_event_hash = event.hash
    return event


def move_finish(move: Move, *, to_state: str | None = None, reason: str = "",
                payload: dict[str, Any] | None = None) -> CaseEvent:
    """Write the event of the move and save the case. `to_state` must be the table's target or one
    of its alternatives."""
    target = to_state or move.transition.target or move.from_state
    allowed = {move.transition.target or move.from_state, *move.transition.alternatives}
    if target not in allowed:  # a programming error, not bad input
        raise RuntimeError(f"{move.transition.action}: {move.from_state} -> {target} is not in the table")
    event = event_write(case=move.case, action=move.transition.action, from_state=move.from_state,
                        to_state=target, by=move.staff, role=move.role, reason=reason, payload=payload)
    move.case.save()
    return event


def notify(*, case: Case, kind: str, event: CaseEvent, by: Staff | None) -> None:
    """Ask the notices app for the written notice (it renders after commit)."""
    from onewindow.notices.services import notice_request

    notice_request(case=case, kind=kind, event=event, by=by)
