"""The statutory clock of a case (DOMAIN §5), computed from the working-day calendar. Pure reads:
the services store the due dates this module computes, the selectors show the live figures.

Rules (docs/cases.md "Clock"):
- limits are working days after the day of acceptance (that day is not counted);
- Administrative Licensing Law art. 42: decision within the statutory limit (20 working days by
  default), joint handling 45; one extension (10, joint 15) adds working days to both due dates;
- art. 43: a lower body's preliminary review of an escalated case: 20 working days;
- art. 44: the licence is issued within 10 working days of the decision;
- art. 45: special procedures (and field surveys) pause the clock: the working days after the day of
  suspension up to and including the day of resumption do not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from onewindow.calendar.services import due_date, working_days_between
from onewindow.cases.models import Case, CaseClass, Suspension

JOINT_STATUTORY_DAYS = 45  # art. 42 para. 2
JOINT_MAX_EXTENSION_DAYS = 15  # art. 42 para. 2
LOWER_REVIEW_DAYS = 20  # art. 43
ISSUE_DAYS = 10  # art. 44

Pause = tuple[dt.date, dt.date]


def pauses_of(suspensions: Iterable[Suspension], *, today: dt.date) -> list[Pause]:
    """Calendar pauses (both ends inclusive) of the case's suspensions; an open one runs to today."""
    out: list[Pause] = []
    for s in suspensions:
        first = s.started_on + dt.timedelta(days=1)
        last = s.ended_on or today
        if first <= last:
            out.append((first, last))
    return out


def limits_for(*, case: Case) -> tuple[int, int]:
    """(statutory, promised) working days for this case at acceptance."""
    version = case.item_version
    statutory, promised = version.statutory_days, version.promised_days
    if case.case_class == CaseClass.JOINT:
        statutory = JOINT_STATUTORY_DAYS
    elif case.case_class == CaseClass.ESCALATED and case.parent_id is None:
        statutory = LOWER_REVIEW_DAYS
    elif case.case_class == CaseClass.IMMEDIATE:
        promised = 0
    return statutory, min(promised, statutory)


def max_extension_for(*, case: Case) -> int:
    if case.case_class == CaseClass.JOINT:
        return JOINT_MAX_EXTENSION_DAYS
    return case.item_version.max_extension_days


def clock_refresh(*, case: Case, suspensions: Iterable[Suspension], today: dt.date) -> None:
    """Recompute and set (not save) the case's due dates and provisional flag."""
    if case.accepted_on is None:
        case.statutory_due_date = case.promised_due_date = case.decision_due_date = None
        case.provisional = False
        return
    pauses = pauses_of(suspensions, today=today)
    statutory = due_date(start=case.accepted_on, working_days=case.statutory_days + case.extension_days,
                         pauses=pauses)
    promised = due_date(start=case.accepted_on, working_days=case.promised_days + case.extension_days,
                        pauses=pauses)
    case.statutory_due_date = statutory.due_date
    case.promised_due_date = promised.due_date
    case.decision_due_date = min(statutory.due_date, promised.due_date)
    provisional = statutory.provisional or promised.provisional
    if case.decided_on is not None:
        issue = due_date(start=case.decided_on, working_days=ISSUE_DAYS)
        case.issue_due_date = issue.due_date
        provisional = provisional or issue.provisional
    case.provisional = provisional


@dataclass(frozen=True)
class ClockFigures:
    working_days_used: int
    working_days_limit: int
    working_days_remaining: int | None
    overdue: bool
    on_time: bool | None
    early: bool | None
    paused: list[dict]


def clock_figures(*, case: Case, suspensions: list[Suspension], today: dt.date) -> ClockFigures:
    """Working days used and remaining, on-time and early, from the calendar.

    The handling ends on `handled_on` (decision or escalation; 办结 of the review); on time means by
    the decision due date, early means before the promised date (seed 001 #8 rates)."""
    paused = [{"kind": s.kind, "started_on": s.started_on, "ended_on": s.ended_on, "result": s.result,
               "ongoing": s.ended_on is None} for s in suspensions]
    if case.accepted_on is None:
        return ClockFigures(0, 0, None, False, None, None, paused)
    pauses = pauses_of(suspensions, today=today)
    end = case.handled_on or (case.concluded_at and case.concluded_at.date()) or today
    end = max(end, case.accepted_on)
    used = working_days_between(start=case.accepted_on, end=end, pauses=pauses)
    due = case.decision_due_date
    limit = working_days_between(start=case.accepted_on, end=due, pauses=pauses) if due else 0
    remaining = working_days_between(start=end, end=due, pauses=pauses) if due else None
    # Refusals, returns and withdrawals end the handling without a decision: no on-time figure.
    decided_or_escalated = case.outcome in ("approve", "deny", "")
    on_time = early = None
    if decided_or_escalated and case.handled_on and due:
        on_time = case.handled_on <= due
        early = case.promised_due_date is not None and case.handled_on < case.promised_due_date
    overdue = bool(due and case.handled_on is None and case.state not in ("refused", "withdrawn", "returned")
                   and today > due)
    return ClockFigures(used, limit, remaining, overdue, on_time, early, paused)
