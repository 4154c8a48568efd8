"""THE step table of the closed loop, shared by both subjects (a bad review's Rectification and a
Complaint). Every loop service looks its move up here; docs/feedback.md shows the same table.

assign → verify (founded: rectify; unfounded: straight to reply) → rectify → reply → return visit →
close; a closed loop may be appealed, and the appeal is re-reviewed from assignment again.
"""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.feedback.models import LoopAction as A
from onewindow.feedback.models import LoopStatus as S
from onewindow.network.models import Role

# Who organises the loop (assigns, visits back, closes): the centre's managers and supervisors,
# and for their own department its chief representative or department admin.
ORGANISERS = (Role.CENTRE_MANAGER, Role.SUPERVISOR, Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_ADMIN)
# Return visits and closing are done independently of the department that was complained about.
INDEPENDENT = (Role.CENTRE_MANAGER, Role.SUPERVISOR)
ASSIGNEE = "assignee"  # the staff member the loop is assigned to


@dataclass(frozen=True)
class Step:
    action: str
    sources: tuple[str, ...]
    target: str | None           # None: the status does not change (the step is still recorded)
    actors: tuple[str, ...]      # roles, or ASSIGNEE
    deadline: str | None = None  # config name of the working days the NEXT step gets
    alternative: str | None = None


STEPS: tuple[Step, ...] = (
    Step(A.ASSIGN, (S.OPEN, S.VERIFYING, S.APPEALED), S.VERIFYING, ORGANISERS,
         "ONEWINDOW_FEEDBACK_VERIFY_DAYS"),
    # founded → rectify (deadline: rectify days); unfounded → reply (deadline: reply days)
    Step(A.VERIFY, (S.VERIFYING,), S.RECTIFYING, (ASSIGNEE, *ORGANISERS), "ONEWINDOW_FEEDBACK_RECTIFY_DAYS",
         alternative=S.REPLYING),
    Step(A.RECTIFY, (S.RECTIFYING,), S.REPLYING, (ASSIGNEE, *ORGANISERS), "ONEWINDOW_FEEDBACK_REPLY_DAYS"),
    Step(A.REPLY, (S.REPLYING,), S.VISITING, (ASSIGNEE, *ORGANISERS), "ONEWINDOW_FEEDBACK_VISIT_DAYS"),
    Step(A.VISIT, (S.VISITING,), S.VISITED, INDEPENDENT),
    # From VISITING only when no return visit is required (anonymous bad review or complaint).
    Step(A.CLOSE, (S.VISITED, S.VISITING), S.CLOSED, INDEPENDENT),
    Step(A.APPEAL, (S.CLOSED,), S.APPEALED, ("citizen", *ORGANISERS, ASSIGNEE),
         "ONEWINDOW_FEEDBACK_VERIFY_DAYS"),
    Step(A.RATE, (S.VISITING, S.VISITED, S.CLOSED), None, ("citizen", *INDEPENDENT)),
)

STEP_BY_ACTION = {s.action: s for s in STEPS}
OPEN_STATUSES = tuple(s for s in S.values if s != S.CLOSED)


def step_for(action: str) -> Step | None:
    return STEP_BY_ACTION.get(action)


def allowed_actions(status: str) -> list[str]:
    return [s.action for s in STEPS if status in s.sources]


def may_act_on(record, action: str, staff) -> bool:
    """Whether the page should offer `action` to `staff` (the service checks again)."""
    from onewindow.feedback.services.loop import may_act

    step = step_for(action)
    return step is not None and may_act(record, step, staff)
