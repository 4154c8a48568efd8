"""Acceptance (受理): what every way into `accepted` does — the window's accept, a complete supplement,
收件即受理, the art. 32 deemed acceptance and a forwarded case accepted at the higher level."""

from __future__ import annotations

import datetime as dt

from onewindow.calendar.services import due_date
from onewindow.cases.clock import clock_refresh, limits_for
from onewindow.cases.models import Case, CaseClass, DepartmentTask, Opinion, TaskState
from onewindow.catalogue.models import BundleComponent, ItemVersion
from onewindow.catalogue.selectors import version_in_force
from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now, today
from onewindow.network.models import Staff

DEFAULT_REVIEW_STEPS = ("accept", "review", "decide")


def review_steps(version) -> list[str]:
    """Step names of the version (strings or {"name": ...}), default accept → review → decide."""
    names = []
    for step in version.review_steps or ():
        name = step.get("name") if isinstance(step, dict) else step
        if isinstance(name, str) and name.strip():
            names.append(name.strip()[:60])
    return names or list(DEFAULT_REVIEW_STEPS)


def bundle_components(*, item, on: dt.date) -> list[tuple[BundleComponent, ItemVersion]]:
    """(component, its version in force) for a joint bundle; 422 when a component is unpublished."""
    out = []
    for comp in BundleComponent.objects.filter(bundle=item).select_related("component__department"):
        version = version_in_force(item=comp.component, on=on)
        if version is None:
            raise Invalid("bundle_component_unpublished", "联办事项的组成事项未发布",
                          "A component of the joint bundle has no published version",
                          detail={"item": comp.component.implementation_code})
        out.append((comp, version))
    return out


def accept_apply(*, case: Case, by: Staff | None, accepted_on: dt.date, opinion: str = "") -> None:
    """Set the acceptance fields, the limits and the due dates, open the joint tasks. The caller
    holds the lock, then writes the event (which saves the case) and calls accept_effects."""
    case.accepted_at = now()
    case.accepted_on = accepted_on
    case.statutory_days, case.promised_days = limits_for(case=case)
    clock_refresh(case=case, suspensions=[], today=today())
    steps = review_steps(case.item_version)
    if steps[0] == "accept":
        Opinion.objects.create(case=case, step="accept", staff=by, at=case.accepted_at,
                               opinion=opinion or "材料齐全，予以受理")
        case.review_step = 1 if len(steps) > 1 else 0
    if case.case_class == CaseClass.JOINT:
        tasks_open(case=case)


def accept_effects(*, case: Case, by: Staff | None, event) -> None:
    """After the acceptance event: assess the fees (same transaction) and ask for the notice."""
    from onewindow.cases.services._base import notify
    from onewindow.fees.services import fees_assess

    fees_assess(case=case, by=by)
    notify(case=case, kind="joint_acceptance" if case.case_class == CaseClass.JOINT else "acceptance",
           event=event, by=by)


def tasks_open(*, case: Case) -> None:
    """One DepartmentTask per bundle component, in parallel, each with its own limit (capped by the
    joint limit of art. 42) and due date."""
    accepted_on = case.accepted_on
    if accepted_on is None or case.tasks.exists():
        return
    tasks = []
    for comp, version in bundle_components(item=case.item, on=accepted_on):
        limit = min(version.promised_days, case.statutory_days)
        tasks.append(DepartmentTask(
            case=case, department=comp.component.department, item=comp.component, item_version=version,
            state=TaskState.PENDING, is_lead=comp.is_lead, limit_days=limit, position=comp.position,
            due_date=due_date(start=accepted_on, working_days=limit).due_date))
    DepartmentTask.objects.bulk_create(tasks)
