"""Reads of the back office: the reviewer's task list and the shared case page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, Field, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from onewindow.cases.clock import ClockFigures, clock_figures, max_extension_for
from onewindow.cases.models import (
    Attachment,
    Case,
    CaseClass,
    DepartmentTask,
    JointMeeting,
    Opinion,
    Suspension,
    TaskState,
)
from onewindow.cases.selectors import case_detail, case_for, cases_visible
from onewindow.cases.services._base import in_scope
from onewindow.cases.services.review import decision_power
from onewindow.cases.states import (
    CHIEF,
    CLERK,
    ISSUER,
    PRE_ACCEPTANCE,
    REVIEWER,
    WORKING,
    State,
    transition_for,
)
from onewindow.catalogue.models import SpecialProcedure
from onewindow.core.identifiers import mask_id, mask_phone
from onewindow.network.models import Authorisation, Role, Staff
from onewindow.network.selectors import active_authorisations, chief_has_power
from onewindow.security.personal import personal_data_need
from onewindow.workbench.backoffice.clockview import Clock, case_colour, case_limit, clock_of

TASK_LIST_LIMIT = 200
# Roles whose work needs the applicant's full identifiers: identity checks at the counter and the
# issuing window, and the legality review in the back office. Others (manager, supervisor, agent)
# see them masked.
FULL_IDENTIFIER_ROLES = frozenset({CLERK, ISSUER, REVIEWER, CHIEF})
# The back-office actions the case page offers, in the order of the panels.
PANEL_ACTIONS = ("review", "suspend", "resume", "extend", "decide", "return", "meeting", "task_decide")

ACTION_LABELS = {
    "draft": _("Draft saved"), "submit": _("Submitted online"), "receive": _("Received"),
    "notice": _("One-time notice"), "supplement": _("Supplement"), "accept": _("Accepted"),
    "deemed_accept": _("Deemed accepted (art. 32)"), "refuse": _("Refused"),
    "out_of_remit": _("Out of remit"), "withdraw": _("Withdrawn"), "assign": _("Assigned"),
    "review": _("Review opinion"), "suspend": _("Suspended"), "resume": _("Resumed"),
    "extend": _("Extended"), "decide": _("Decided"), "task_assign": _("Department task assigned"),
    "task_decide": _("Department task decided"), "meeting": _("Joint review meeting"),
    "forward": _("Forwarded by the proxy agent"), "escalate": _("Escalated"), "return": _("Returned"),
    "attach": _("File attached"),
    "pay": _("Fee paid"), "issue": _("Issued"), "deliver": _("Delivered"), "conclude": _("Concluded"),
}
ROLE_LABELS = {**{code: label for code, label in Role.choices}, "system": _("System"),
               "citizen": _("Applicant (online)")}


# Headings of the action panels (imperative, where the timeline labels say what happened).
PANEL_LABELS = {
    "review": _("Write an opinion"), "suspend": _("Suspend for a special procedure"),
    "resume": _("Resume the clock"), "extend": _("Extend the limit"), "decide": _("Decide"),
    "return": _("Return the case (退办)"), "meeting": _("Joint review meeting"),
    "task_decide": _("Decide our department's part"), "extension_request": _("Request an extension"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@dataclass(frozen=True)
class EventView:
    event: object
    label: str
    role: str
    actor: str
    from_label: str
    to_label: str


def _state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else ""


def event_views(events) -> list[EventView]:
    return [EventView(event=e, label=action_label(e.action),
                      role=str(ROLE_LABELS.get(e.actor_role, e.actor_role)),
                      actor=str(e.actor) if e.actor else "",
                      from_label=_state_label(e.from_state), to_label=_state_label(e.to_state))
            for e in events]


# -- the task list ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskRow:
    case: Case
    clock: Clock
    mine: bool
    task: DepartmentTask | None = None

    @property
    def state_label(self) -> str:
        return str(State(self.case.state).label)


def _paused_since(case: Case) -> dt.date | None:
    open_ = getattr(case, "open_suspensions", None)
    return open_[0].started_on if open_ else None


def task_list(*, staff: Staff, today: dt.date) -> list[TaskRow]:
    """The reviewer's (or chief's) work: cases assigned to them and their department's unassigned
    cases (a chief: all the department's), plus their department's open parts of joint cases;
    soonest due first, overdue on top. Three queries whatever the length."""
    roles = staff.role_codes()
    dept = staff.department_id
    mine_q = Q(reviewer_id=staff.pk)
    if dept:
        if CHIEF in roles:
            mine_q |= Q(department_id=dept, centre_id=staff.centre_id)
        else:
            mine_q |= Q(department_id=dept, centre_id=staff.centre_id, reviewer__isnull=True)
        open_task = DepartmentTask.objects.filter(case=OuterRef("pk"), department_id=dept).exclude(
            state=TaskState.DONE)
        mine_q |= Q(Exists(open_task))
    tasks_qs = DepartmentTask.objects.filter(department_id=dept or 0).exclude(state=TaskState.DONE)
    cases = list(
        cases_visible(staff=staff).filter(state__in=WORKING).filter(mine_q)
        .select_related("item", "applicant", "reviewer")
        .prefetch_related(
            Prefetch("suspensions", queryset=Suspension.objects.filter(ended_on__isnull=True)
                     .order_by("-started_on"), to_attr="open_suspensions"),
            Prefetch("tasks", queryset=tasks_qs.select_related("department"), to_attr="my_tasks"))
        .order_by("decision_due_date", "-expedited", "pk")[:TASK_LIST_LIMIT])
    rows = []
    for case in cases:
        paused = _paused_since(case)
        task = next(iter(getattr(case, "my_tasks", [])), None) if case.case_class == CaseClass.JOINT else None
        due = task.due_date if task is not None and task.due_date else case.decision_due_date
        mine = case.reviewer_id == staff.pk or (task is not None and task.assignee_id == staff.pk)
        limit = task.limit_days if task is not None else case_limit(case)
        rows.append(TaskRow(case=case, clock=clock_of(due=due, today=today, paused_since=paused, limit=limit),
                            mine=mine, task=task))
    rows.sort(key=lambda r: (r.clock.remaining is None, r.clock.remaining if r.clock.remaining is not None
                             else 0, not r.case.expedited, r.case.pk))
    return rows


# -- the case page ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ApplicantView:
    name: str
    kind: str
    id_type: str
    id_number: str
    phone: str
    address: str
    agent_name: str
    masked: bool


@dataclass(frozen=True)
class Panel:
    action: str
    label: str
    # False: the viewer's authorisation lacks the power; the form is shown with the reason and the
    # service's refusal is what a submission gets (the chief sees what they may not decide).
    granted: bool = True
    note: str = ""


@dataclass(frozen=True)
class TaskView:
    task: DepartmentTask
    clock: Clock
    own: bool


@dataclass
class CaseView:
    case: Case
    staff: Staff
    applicant: ApplicantView
    figures: ClockFigures
    clock: Clock
    panels: list[Panel]
    events: list = field(default_factory=list)
    materials: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    opinions: list = field(default_factory=list)
    tasks: list[TaskView] = field(default_factory=list)
    meetings: list = field(default_factory=list)
    suspension_kinds: list = field(default_factory=list)
    max_extension: int = 0
    # (url, label) of the other areas where this viewer moves the case on (counter, issuing window).
    elsewhere: list[tuple[str, str]] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return str(State(self.case.state).label)

    @property
    def panel_actions(self) -> set[str]:
        return {p.action for p in self.panels}

    def panel(self, action: str) -> Panel | None:
        return next((p for p in self.panels if p.action == action), None)


def _applicant_view(case: Case, *, full: bool) -> ApplicantView:
    a = case.applicant
    return ApplicantView(
        name=a.name, kind=a.get_kind_display(), id_type=a.get_id_type_display(),
        id_number=a.id_number if full else mask_id(a.id_number),
        phone=a.phone if full else mask_phone(a.phone), address=a.address if full else "",
        agent_name=a.agent_name, masked=not full)


def _role_in_scope(staff: Staff, case: Case, roles) -> bool:
    held = staff.role_codes() & set(roles)
    return any(in_scope(staff=staff, case=case, role=r) for r in held)


def _power_label(power: str) -> str:
    field = Authorisation._meta.get_field(power)
    assert isinstance(field, Field)  # POWERS name concrete BooleanFields
    return str(field.verbose_name)


POWER_LABELS = {p: _power_label(p) for p in Authorisation.POWERS}


def _panels(*, staff: Staff, case: Case) -> list[Panel]:
    panels = []
    for action in PANEL_ACTIONS:
        t = transition_for(action, case.state)
        if t is None or not _role_in_scope(staff, case, t.roles):
            continue
        joint = case.case_class == CaseClass.JOINT
        if action == "decide" and joint or action in ("task_decide", "meeting") and not joint:
            continue
        label = str(PANEL_LABELS[action])
        if action == "decide":
            power = decision_power(case)
            dept = case.department_id
            granted = dept is not None and chief_has_power(staff=staff, department=dept, power=power)
            if (not granted and dept is not None and CLERK in staff.role_codes()
                    and case.case_class == CaseClass.IMMEDIATE):
                granted = active_authorisations(staff=staff).filter(department_id=dept,
                                                                    direct_approval=True).exists()
            note = "" if granted else str(_("Your authorisation does not grant this power: %(power)s")
                                          % {"power": POWER_LABELS[power]})
            panels.append(Panel(action, label, granted, note))
            continue
        panels.append(Panel(action, label))
    if ("extend" not in {p.action for p in panels} and not case.extension_days
            and _role_in_scope(staff, case, (REVIEWER,))):
        panels.append(Panel("extension_request", str(PANEL_LABELS["extension_request"])))
    return panels


# Where the front desk and the issuing window act on a case in these states (their own pages).
ELSEWHERE = (
    ("workbench:counter", frozenset({CLERK}), frozenset(PRE_ACCEPTANCE), _("Continue at the counter")),
    ("workbench:issuing", frozenset({ISSUER, CLERK}), frozenset({State.DECIDED, State.ISSUED}),
     _("Issue and deliver at the issuing window")),
)


def _elsewhere(staff: Staff, case: Case) -> list[tuple[str, str]]:
    from onewindow.workbench.selectors import url_or_none

    out = []
    for name, roles, states, label in ELSEWHERE:
        if case.state in states and staff.role_codes() & roles and (url := url_or_none(name)):
            out.append((url, str(label)))
    return out


def case_view(*, staff: Staff, number: str, today: dt.date) -> CaseView:
    """Everything the case page shows; NotFound (404) unless `staff` may see the case."""
    case = case_detail(case=case_for(staff=staff, number=number))
    suspensions = list(case.suspensions.all())
    figures = clock_figures(case=case, suspensions=suspensions, today=today)
    kinds = dict(SpecialProcedure.choices)
    for pause in figures.paused:
        pause["label"] = str(kinds.get(pause["kind"], pause["kind"]))
    open_ = [s for s in suspensions if s.ended_on is None]
    working = case.state in WORKING
    clock = clock_of(due=case.decision_due_date if working else None, today=today,
                     paused_since=open_[-1].started_on if open_ else None, limit=case_limit(case))
    if working:  # while paused the days left are those at the day the clock stopped
        clock = Clock(due=clock.due, remaining=clock.remaining, paused=clock.paused,
                      colour=case_colour(case, today=today, fallback=clock.colour))
    # One need-to-know rule for the API and the pages (security.personal): the receiving clerk at
    # intake and the issuer at pickup see identifiers in full; everyone else sees them masked.
    full = personal_data_need(staff=staff, case=case)
    tasks = [TaskView(task=t, own=t.department_id == staff.department_id,
                      clock=clock_of(due=t.due_date if t.state != TaskState.DONE else None, today=today,
                                     paused_since=open_[-1].started_on if open_ else None,
                                     limit=t.limit_days))
             for t in case.tasks.all()]
    return CaseView(
        case=case, staff=staff, applicant=_applicant_view(case, full=full), figures=figures, clock=clock,
        panels=_panels(staff=staff, case=case) if working else [],
        events=event_views(case.events.all()), materials=list(case.materials.all()),
        attachments=list(Attachment.objects.filter(case=case).select_related("case_material__material")),
        opinions=list(Opinion.objects.filter(case=case).select_related("staff", "task__department")),
        tasks=tasks, meetings=list(JointMeeting.objects.filter(case=case)),
        suspension_kinds=list(SpecialProcedure.choices), max_extension=max_extension_for(case=case),
        elsewhere=_elsewhere(staff, case))
