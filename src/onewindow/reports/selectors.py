"""Reads of the reports app: who may see which centres, the figures of a report (with breakdowns
by department, item, staff, window, child centre and level), trends and live counters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count

from onewindow.cases.models import Case
from onewindow.cases.states import PRE_ACCEPTANCE, WORKING
from onewindow.catalogue.models import ServiceItem
from onewindow.core.errors import NotFound
from onewindow.core.permissions import acting_staff
from onewindow.core.timeutil import today
from onewindow.network.models import Centre, CentreLevel, Department, Role, Staff
from onewindow.network.selectors import centre_descendants
from onewindow.reports.indicators.compute import Scope, case_rates, compute, dims_sum
from onewindow.reports.periods import Period
from onewindow.reports.rollup import figures_query

REPORT_ROLES = (Role.CENTRE_MANAGER, Role.SUPERVISOR)
LEVEL_ORDER = (CentreLevel.CITY, CentreLevel.COUNTY, CentreLevel.TOWNSHIP, CentreLevel.VILLAGE)


def report_staff(user) -> Staff:
    """The staff member behind a login who may read reports (managers and supervisors)."""
    return acting_staff(user, *REPORT_ROLES)


def visible_centres(*, staff: Staff) -> list[Centre]:
    """The staff member's centre and every centre below it."""
    return centre_descendants(centre=staff.centre)


def centre_in_scope(*, staff: Staff, centre_id: Any) -> Centre:
    """A centre the staff member may report on; unknown and out-of-scope centres are both 404."""
    try:
        pk = int(centre_id)
    except (TypeError, ValueError):
        pk = -1
    for c in visible_centres(staff=staff):
        if c.pk == pk:
            return c
    raise NotFound("centre_not_found", "服务中心不存在或不在您的范围内", "No such centre in your scope",
                   detail={"centre": str(centre_id)[:20]})


def department_in_centre(*, centre: Centre, department_id: Any) -> Department:
    try:
        pk = int(department_id)
    except (TypeError, ValueError):
        pk = -1
    dep = Department.objects.filter(centre=centre, pk=pk).first()
    if dep is None:
        raise NotFound("department_not_found", "部门不存在", "No such department",
                       detail={"department": str(department_id)[:20]})
    return dep


def _with_rates(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, **case_rates(row)}


def tree_rows(*, centre: Centre, centres: list[Centre], rows: list[dict[str, Any]]
              ) -> tuple[list[dict], list[dict]]:
    """The centre's subtree with every node's figures rolled up from its descendants (village →
    township → county → city), and the same figures summed by level. `rows`: fact rows of the
    subtree grouped by at least centre_id."""
    own = dims_sum(rows, "centre_id")
    children: dict[int | None, list[Centre]] = {}
    for c in centres:
        children.setdefault(c.parent_id, []).append(c)

    def total(c: Centre) -> dict[str, int]:
        acc = dict(own.get(c.pk, {}))
        for child in children.get(c.pk, []):
            for k, v in total(child).items():
                acc[k] = acc.get(k, 0) + v
        return acc

    def node(c: Centre) -> dict[str, Any]:
        return {"id": c.pk, "name": c.name, "level": c.level, **_with_rates(total(c)),
                "children": [node(ch) for ch in children.get(c.pk, [])]}

    levels: dict[str, dict[str, int]] = {}
    for c in centres:
        acc = levels.setdefault(c.level, {})
        for k, v in own.get(c.pk, {}).items():
            acc[k] = acc.get(k, 0) + v
    by_level = [{"level": lv, "level_name": str(CentreLevel(lv).label), **_with_rates(levels[lv])}
                for lv in LEVEL_ORDER if lv in levels]
    return [node(centre)], by_level


def _named(rows: dict[Any, dict[str, int]], names: dict[Any, str], key: str) -> list[dict[str, Any]]:
    out = [{key: k, "name": names.get(k, "—"), **_with_rates(v)} for k, v in rows.items()]
    return sorted(out, key=lambda r: (-r.get("received", 0), str(r["name"])))


def breakdowns(*, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """By department, item, staff (the acting user) and window (the staff member's window now)."""
    by_dep = dims_sum(rows, "department_id")
    by_item = dims_sum(rows, "item_id")
    by_actor = dims_sum(rows, "actor_id")

    dep_names = dict(Department.objects.filter(pk__in=list(by_dep)).values_list("pk", "name"))
    item_names = dict(ServiceItem.objects.filter(pk__in=list(by_item)).values_list("pk", "name"))
    staff = {s.user_id: s for s in Staff.objects.filter(user_id__in=list(by_actor)).select_related("window")}
    staff_rows: dict[int, dict[str, int]] = {}
    window_rows: dict[int, dict[str, int]] = {}
    window_names: dict[int, str] = {}
    for actor, row in by_actor.items():
        s = staff.get(actor)
        staff_rows[actor] = row
        win = s.window if s is not None else None
        key = win.pk if win is not None else 0
        window_names[key] = f"{win.number} {win.name}" if win is not None else "—"
        acc = window_rows.setdefault(key, {})
        for k, v in row.items():
            acc[k] = acc.get(k, 0) + v
    staff_names = {a: (s.name if s else "—") for a, s in ((a, staff.get(a)) for a in by_actor)}
    staff_names[0] = "系统"
    return {
        "departments": _named(by_dep, dep_names, "department_id"),
        "items": _named(by_item, item_names, "item_id")[:50],
        "staff": _named(staff_rows, staff_names, "user_id"),
        "windows": _named(window_rows, window_names, "window_id"),
    }


def report_figures(*, centre: Centre, period: Period, department: Department | None = None,
                   with_breakdowns: bool = True) -> dict[str, Any]:
    """Everything a monthly report shows, as plain JSON-able data."""
    subtree = centre_descendants(centre=centre)
    centres = [c.pk for c in subtree]
    scope = Scope(centres=tuple(centres), department=department.pk if department else None)
    # One statement for every case figure of the report; the breakdowns are sums of its rows.
    rows = figures_query(centres=centres, department=scope.department, start=period.start, end=period.end,
                         group=("centre_id", "department_id", "item_id", "actor_id"))
    values, counts = compute(scope, start=period.start, end=period.end, rows=rows)
    data: dict[str, Any] = {
        "centre": {"id": centre.pk, "name": centre.name, "level": centre.level},
        "department": {"id": department.pk, "name": department.name} if department else None,
        "month": period.month, "period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
        "indicators": [v.as_dict() for v in values],
        "counts": {k: v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)},
    }
    if with_breakdowns:
        data.update(breakdowns(rows=rows))
        if department is None:
            tree, by_level = tree_rows(centre=centre, centres=subtree, rows=rows)
            data.update(tree=tree, levels=by_level)
    return data


def trend(*, centre: Centre, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Daily received / accepted / decided / concluded over the subtree (for the trend chart)."""
    centres = [c.pk for c in centre_descendants(centre=centre)]
    rows = {r["day"]: r for r in figures_query(centres=centres, start=start, end=end, group=("day",))}
    out, day = [], start
    while day <= end:
        r = rows.get(day, {})
        out.append({"day": day.isoformat(), **{k: r.get(k, 0) for k in
                                               ("received", "accepted", "decided", "concluded", "on_time")}})
        day += dt.timedelta(days=1)
    return out


def live_counters(*, centre: Centre) -> dict[str, int]:
    """Right now: cases waiting for intake, in the back office, suspended, overdue; received today."""
    centres = [c.pk for c in centre_descendants(centre=centre)]
    day = today()
    by_state = dict(Case.objects.filter(centre_id__in=centres).values_list("state")
                    .annotate(n=Count("id")).order_by().values_list("state", "n"))
    working = sum(by_state.get(s, 0) for s in WORKING)
    overdue = Case.objects.filter(centre_id__in=centres, state__in=list(WORKING),
                                  decision_due_date__lt=day).count()
    today_row = figures_query(centres=centres, start=day, end=day)
    return {
        "intake": sum(by_state.get(s, 0) for s in PRE_ACCEPTANCE),
        "working": working,
        "suspended": by_state.get("suspended", 0),
        "overdue": overdue,
        "received_today": today_row[0]["received"] if today_row else 0,
        "decided_today": today_row[0]["decided"] if today_row else 0,
    }


def reports_visible(*, staff: Staff):
    """Submitted reports of the staff member's centre and the centres below it."""
    from onewindow.reports.models import MonthlyReport

    ids = [c.pk for c in centre_descendants(centre=staff.centre)]
    return (MonthlyReport.objects.filter(centre_id__in=ids)
            .select_related("centre", "department", "submitted_by"))
