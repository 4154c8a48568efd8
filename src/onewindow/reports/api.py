"""JSON API of the reports app (mounted in onewindow.api.root at /api/v1/reports). Thin: validate →
select → serialise."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from onewindow.api.root import bearer
from onewindow.core.schemas import ERRORS
from onewindow.reports.periods import parse_month
from onewindow.reports.selectors import centre_in_scope, department_in_centre, report_figures, report_staff

router = Router(tags=["reports"])


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    value: float | int | None
    target: float | None
    op: str | None
    met: bool | None
    seed: str


class MonthlyOut(Schema):
    centre: dict[str, Any]
    department: dict[str, Any] | None = None
    month: str
    period_start: str
    period_end: str
    indicators: list[IndicatorOut]
    counts: dict[str, int]
    departments: list[dict[str, Any]] = []
    windows: list[dict[str, Any]] = []
    staff: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    tree: list[dict[str, Any]] = []
    levels: list[dict[str, Any]] = []


@router.get("/monthly", auth=bearer, response={200: MonthlyOut, **ERRORS}, url_name="reports_monthly")
def monthly(request: HttpRequest, centre: int = Query(..., ge=1, le=2**62),
            month: str = Query(..., max_length=20),
            department: int | None = Query(None, ge=1, le=2**62)):
    """The statistical month's figures (25th of last month to the 24th; live, including events not
    yet rolled up) of a centre and every centre below it, or of one of its departments. Managers and
    supervisors see their centre's subtree; other centres answer 404."""
    staff = report_staff(request.user)
    period = parse_month(month)
    target = centre_in_scope(staff=staff, centre_id=centre)
    dep = department_in_centre(centre=target, department_id=department) if department else None
    return report_figures(centre=target, period=period, department=dep)
