"""Reads of supervision: the board of open cases with their colour (scoped per role), anomalies,
the public on-duty board. `case_colour` is re-exported here (contract: supervision.selectors)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from onewindow.cases.models import Case, DepartmentTask
from onewindow.cases.selectors import cases_visible
from onewindow.catalogue.models import ServiceItem
from onewindow.core.errors import Forbidden, Invalid, NotFound
from onewindow.core.timeutil import today as local_today
from onewindow.network.models import Centre, Department, Role, Staff
from onewindow.network.selectors import centre_descendants, on_duty_board
from onewindow.supervision.colour import OPEN_STATES, case_colour, colour_sql
from onewindow.supervision.models import Anomaly, Colour

__all__ = [
    "BoardPage",
    "anomaly_page",
    "board_page",
    "board_scope",
    "case_colour",
    "duty_board",
    "duty_centre",
    "supervision_centres",
]

# Who sees the whole scope (the centre, supervisors also the centres below); reviewers see their own.
WIDE_ROLES = {Role.SUPERVISOR, Role.CENTRE_MANAGER, Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_ADMIN}


def may_supervise(staff: Staff) -> bool:
    return bool(staff.role_codes() & (WIDE_ROLES | {Role.REVIEWER}))


def board_scope(*, staff: Staff) -> QuerySet[Case]:
    """Open cases the staff member may watch: supervisors and managers their centre (supervisors
    also the centres below), chiefs and department admins their department, reviewers their own."""
    roles = staff.role_codes()
    if roles & WIDE_ROLES:
        qs = cases_visible(staff=staff)
    elif Role.REVIEWER in roles:
        qs = Case.objects.filter(
            Q(reviewer_id=staff.pk)
            | Q(Exists(DepartmentTask.objects.filter(case=OuterRef("pk"), assignee_id=staff.pk)))
        )
    else:
        raise Forbidden(
            "role_not_allowed",
            "当前角色无权查看监察信息",
            "Your role may not see supervision",
            detail={"required_any_of": sorted(WIDE_ROLES | {Role.REVIEWER})},
        )
    return qs.filter(state__in=OPEN_STATES)


def supervision_centres(*, staff: Staff) -> list[Centre]:
    """Centres whose figures the staff member may see (the supervisor's subtree, else the centre)."""
    if staff.has_role(Role.SUPERVISOR):
        return centre_descendants(centre=staff.centre)
    return [staff.centre]


@dataclass
class BoardPage:
    cases: list[Any]  # Case rows annotated with .colour
    next_cursor: str | None


def _cursor_encode(case: Case) -> str:
    raw = f"{case.decision_due_date.isoformat() if case.decision_due_date else '-'}|{case.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[dt.date | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, pk = raw.split("|")
        return (None if day == "-" else dt.date.fromisoformat(day)), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Invalid("invalid_cursor", "分页游标无效", "Invalid cursor") from None


def _check_filters(
    *, staff: Staff, centre: int | None, department: int | None, item: int | None, reviewer: int | None
) -> None:
    """Filters name things in the caller's scope; anything else is 404 (existence is not leaked)."""
    centre_ids = {c.pk for c in supervision_centres(staff=staff)}
    if centre is not None and centre not in centre_ids:
        raise NotFound("centre_not_found", "服务中心不存在", "No such centre", detail={"centre": centre})
    if (
        department is not None
        and not Department.objects.filter(pk=department, centre_id__in=centre_ids).exists()
    ):
        raise NotFound(
            "department_not_found", "部门不存在", "No such department", detail={"department": department}
        )
    if item is not None and not ServiceItem.objects.filter(pk=item).exists():
        raise NotFound("item_not_found", "事项不存在", "No such service item", detail={"item": item})
    if reviewer is not None and not Staff.objects.filter(pk=reviewer, centre_id__in=centre_ids).exists():
        raise NotFound(
            "staff_not_found", "工作人员不存在", "No such staff member", detail={"staff": reviewer}
        )


def board_page(
    *,
    staff: Staff,
    colour: str = "",
    centre: int | None = None,
    department: int | None = None,
    item: int | None = None,
    reviewer: int | None = None,
    cursor: str = "",
    limit: int = 50,
    today: dt.date | None = None,
) -> BoardPage:
    """One keyset page of open cases, most urgent first (ORDER BY decision due date, id), each with
    `.colour` annotated. One query for the page (plus the filter checks)."""
    if colour and colour not in Colour.values:
        raise Invalid(
            "invalid_colour",
            "颜色参数无效",
            "Unknown colour",
            detail={"colour": colour[:20], "allowed": list(Colour.values)},
        )
    if not 1 <= limit <= 200:
        raise Invalid(
            "invalid_limit", "每页条数须为 1 至 200", "limit must be 1 to 200", detail={"limit": limit}
        )
    _check_filters(staff=staff, centre=centre, department=department, item=item, reviewer=reviewer)
    qs = board_scope(staff=staff).annotate(colour=colour_sql(day=today))
    if colour:
        qs = qs.filter(colour=colour)
    if centre is not None:
        qs = qs.filter(centre_id=centre)
    if department is not None:
        qs = qs.filter(department_id=department)
    if item is not None:
        qs = qs.filter(item_id=item)
    if reviewer is not None:
        qs = qs.filter(reviewer_id=reviewer)
    if cursor:
        due, pk = _cursor_decode(cursor)
        if due is None:
            qs = qs.filter(decision_due_date__isnull=True, pk__gt=pk)
        else:
            qs = qs.filter(
                Q(decision_due_date__gt=due)
                | Q(decision_due_date=due, pk__gt=pk)
                | Q(decision_due_date__isnull=True)
            )
    rows = list(
        qs.select_related("item", "centre", "department", "reviewer").order_by(
            F("decision_due_date").asc(nulls_last=True), "pk"
        )[: limit + 1]
    )
    next_cursor = _cursor_encode(rows[limit - 1]) if len(rows) > limit else None
    return BoardPage(cases=rows[:limit], next_cursor=next_cursor)


def remaining_working_days(case: Case, *, today: dt.date | None = None) -> int | None:
    """Working days from today to the decision due date (negative when overdue)."""
    from onewindow.calendar.services import working_days_between

    if case.decision_due_date is None:
        return None
    return working_days_between(start=today or local_today(), end=case.decision_due_date)


def anomaly_page(
    *, staff: Staff, rule: str = "", centre: int | None = None, cursor: int | None = None, limit: int = 50
) -> tuple[list[Anomaly], int | None]:
    """Anomalies of the staff member's centres, newest first (keyset on id)."""
    if not staff.role_codes() & WIDE_ROLES:
        raise Forbidden("role_not_allowed", "当前角色无权查看监察信息", "Your role may not see supervision")
    if not 1 <= limit <= 200:
        raise Invalid(
            "invalid_limit", "每页条数须为 1 至 200", "limit must be 1 to 200", detail={"limit": limit}
        )
    centre_ids = [c.pk for c in supervision_centres(staff=staff)]
    if centre is not None:
        if centre not in centre_ids:
            raise NotFound("centre_not_found", "服务中心不存在", "No such centre", detail={"centre": centre})
        centre_ids = [centre]
    qs = Anomaly.objects.filter(centre_id__in=centre_ids)
    if not staff.role_codes() & {Role.SUPERVISOR, Role.CENTRE_MANAGER} and staff.department_id:
        qs = qs.filter(
            Q(case__department_id=staff.department_id)
            | Q(staff__department_id=staff.department_id)
            | Q(item__department_id=staff.department_id)
        )
    if rule:
        qs = qs.filter(rule=rule)
    if cursor is not None:
        qs = qs.filter(pk__lt=cursor)
    rows = list(qs.select_related("case", "staff", "item", "centre").order_by("-pk")[: limit + 1])
    return rows[:limit], (rows[limit - 1].pk if len(rows) > limit else None)


def duty_centre(key: str) -> Centre:
    """A centre by id or by region code (the public board's address); 404 otherwise."""
    key = (key or "").strip()[:12]
    centre = None
    if key.isdigit():
        centre = Centre.objects.filter(region_id=key, active=True).order_by("pk").first()
        if centre is None and len(key) < 10:
            centre = Centre.objects.filter(pk=int(key), active=True).first()
    if centre is None:
        raise NotFound("centre_not_found", "服务中心不存在", "No such centre")
    return centre


def duty_board(*, centre: Centre) -> list[dict]:
    """The public whereabouts board: names, windows and duty status only (no phone, no ID)."""
    return [
        {
            "name": s.name,
            "window": s.window.number if s.window else "",
            "window_name": s.window.name if s.window else "",
            "status": s.duty_status,
            "status_label": s.get_duty_status_display(),
            "backup": s.backup.name if s.backup else "",
        }
        for s in on_duty_board(centre=centre)
    ]
