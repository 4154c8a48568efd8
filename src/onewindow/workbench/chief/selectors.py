"""Reads of the chief representative's page: the powers of their authorisations, the decisions
waiting for them (and whether those powers cover each), and joint cases with every department's
task side by side."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from onewindow.cases.models import Case, CaseClass, DepartmentTask, Suspension
from onewindow.cases.selectors import cases_visible
from onewindow.cases.services.review import decision_power
from onewindow.cases.states import State
from onewindow.network.models import Authorisation, Staff
from onewindow.network.selectors import active_authorisations
from onewindow.workbench.backoffice.clockview import Clock, case_limit, clock_of
from onewindow.workbench.backoffice.selectors import POWER_LABELS

LIST_LIMIT = 100
DECIDABLE = (State.ACCEPTED, State.IN_REVIEW)


@dataclass(frozen=True)
class PowerLine:
    label: str
    granted: bool


@dataclass(frozen=True)
class AuthorisationView:
    authorisation: Authorisation
    powers: list[PowerLine]


@dataclass(frozen=True)
class DecisionRow:
    case: Case
    clock: Clock
    power: str
    power_label: str
    granted: bool


@dataclass(frozen=True)
class TaskClock:
    task: DepartmentTask
    clock: Clock
    own: bool


@dataclass(frozen=True)
class JointRow:
    case: Case
    clock: Clock
    tasks: list[TaskClock] = field(default_factory=list)
    meetings: int = 0


@dataclass(frozen=True)
class ChiefPage:
    authorisations: list[AuthorisationView]
    decisions: list[DecisionRow]
    joint: list[JointRow]


def _open_pause(case: Case) -> dt.date | None:
    open_ = getattr(case, "open_suspensions", [])
    return open_[0].started_on if open_ else None


def _open_suspensions() -> Prefetch:
    return Prefetch("suspensions", queryset=Suspension.objects.filter(ended_on__isnull=True)
                    .order_by("-started_on"), to_attr="open_suspensions")


def chief_page(*, staff: Staff, today: dt.date) -> ChiefPage:
    auths = list(active_authorisations(staff=staff, on=today).order_by("department__name", "pk"))
    granted: dict[int, set[str]] = {}
    views = []
    for auth in auths:
        powers = {p for p in Authorisation.POWERS if getattr(auth, p)}
        granted.setdefault(auth.department_id, set()).update(powers)
        views.append(AuthorisationView(auth, [PowerLine(str(POWER_LABELS[p]), p in powers)
                                              for p in Authorisation.POWERS]))
    departments = set(granted) | ({staff.department_id} if staff.department_id else set())
    visible = cases_visible(staff=staff)
    decide_qs = (visible.filter(state__in=DECIDABLE, department_id__in=departments)
                 .exclude(case_class=CaseClass.JOINT)
                 .select_related("item", "applicant", "department")
                 .prefetch_related(_open_suspensions())
                 .order_by("decision_due_date", "pk")[:LIST_LIMIT])
    decisions = []
    for case in decide_qs:
        power = decision_power(case)
        decisions.append(DecisionRow(
            case=case,
            clock=clock_of(due=case.decision_due_date, today=today, paused_since=_open_pause(case),
                           limit=case_limit(case)),
            power=power, power_label=str(POWER_LABELS[power]),
            granted=power in granted.get(case.department_id or 0, set())))
    joint_qs = (visible.filter(case_class=CaseClass.JOINT,
                               state__in=(State.ACCEPTED, State.IN_REVIEW, State.SUSPENDED))
                .select_related("item", "applicant")
                .prefetch_related(_open_suspensions(),
                                  Prefetch("tasks", queryset=DepartmentTask.objects
                                           .select_related("department", "item", "assignee")))
                .annotate(meeting_count=Count("meetings", distinct=True))
                .order_by("decision_due_date", "pk")[:LIST_LIMIT])
    joint = []
    for case in joint_qs:
        paused = _open_pause(case)
        tasks = [TaskClock(task=t, own=t.department_id == staff.department_id,
                           clock=clock_of(due=t.due_date if t.state != "done" else None, today=today,
                                          paused_since=paused, limit=t.limit_days))
                 for t in case.tasks.all()]
        joint.append(JointRow(case=case, clock=clock_of(due=case.decision_due_date, today=today,
                                                        paused_since=paused, limit=case_limit(case)),
                              tasks=tasks, meetings=getattr(case, "meeting_count", 0)))
    return ChiefPage(authorisations=views, decisions=decisions, joint=joint)
