"""Staff pages (managers and supervisors): the dashboard, live counters, monthly reports; and the
public open-data files. Thin: validate → select / call a service → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from onewindow.core.errors import DomainError, NotFound
from onewindow.core.timeutil import today
from onewindow.reports.opendata import open_statistics, open_statistics_csv
from onewindow.reports.periods import Period, parse_month, period_containing, period_of
from onewindow.reports.selectors import (
    centre_in_scope,
    department_in_centre,
    live_counters,
    report_figures,
    report_staff,
    reports_visible,
    trend,
    visible_centres,
)
from onewindow.reports.services import monthly_report_submit


def _error_page(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "reports/error.html", {"error": exc}, status=exc.status)


def _period(raw: str | None) -> Period:
    return parse_month(raw) if raw else period_containing(today())


def _last_closed() -> Period:
    """The latest statistical month that has ended (open data publishes only closed months)."""
    current = period_containing(today())
    year, month = map(int, current.month.split("-"))
    return period_of(year - 1, 12) if month == 1 else period_of(year, month - 1)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        staff = report_staff(request.user)
        centre = centre_in_scope(staff=staff, centre_id=request.GET.get("centre") or staff.centre_id)
        period = _period(request.GET.get("month"))
        data = report_figures(centre=centre, period=period)
        series = trend(centre=centre, start=period.start, end=period.end)
    except DomainError as exc:
        return _error_page(request, exc)
    charts = {"trend": series, "departments": data["departments"][:20], "tree": data["tree"],
              "levels": data["levels"]}
    return render(request, "reports/dashboard.html", {
        "data": data, "charts": charts, "centre": centre, "period": period,
        "centres": visible_centres(staff=staff), "counters": live_counters(centre=centre),
        "labels": {"received": _("Received"), "accepted": _("Accepted"), "decided": _("Decided"),
                   "concluded": _("Concluded"), "save": _("Save as PNG")}})


@login_required
@require_GET
def counters(request: HttpRequest) -> HttpResponse:
    """The live counters fragment the dashboard polls (htmx)."""
    try:
        staff = report_staff(request.user)
        centre = centre_in_scope(staff=staff, centre_id=request.GET.get("centre") or staff.centre_id)
    except DomainError as exc:
        return _error_page(request, exc)
    return render(request, "reports/_counters.html", {"counters": live_counters(centre=centre),
                                                       "centre": centre})


@login_required
@require_http_methods(["GET", "POST"])
def monthly(request: HttpRequest) -> HttpResponse:
    try:
        staff = report_staff(request.user)
    except DomainError as exc:
        return _error_page(request, exc)
    if request.method == "POST":
        try:
            centre = centre_in_scope(staff=staff, centre_id=request.POST.get("centre") or staff.centre_id)
            dep_id = request.POST.get("department")
            dep = department_in_centre(centre=centre, department_id=dep_id) if dep_id else None
            period = parse_month(request.POST.get("month"))
            report = monthly_report_submit(by=staff, centre=centre, period=period,
                                           department=dep, note=request.POST.get("note", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request,
                             _("Report submitted: version %(version)s.") % {"version": report.version})
        return redirect("reports:monthly")
    reports = reports_visible(staff=staff).order_by("-month", "centre_id", "department_id", "-version")[:200]
    return render(request, "reports/monthly.html", {
        "reports": reports, "staff": staff, "departments": staff.centre.departments.filter(active=True),
        "month": period_containing(today()).month})


@login_required
@require_GET
def monthly_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    try:
        staff = report_staff(request.user)
        report = reports_visible(staff=staff).filter(pk=pk).first()
        if report is None or kind not in ("xlsx", "pdf"):
            raise NotFound("report_not_found", "报表不存在", "No such report")
    except DomainError as exc:
        return _error_page(request, exc)
    name = f"report-{report.centre_id}-{report.department_id or 0}-{report.month}-v{report.version}.{kind}"
    if kind == "xlsx":
        resp = HttpResponse(bytes(report.xlsx),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        resp = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


@require_GET
@cache_control(public=True, max_age=600)
def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Public anonymised statistics of a closed month (?month=YYYY-MM), as JSON or CSV."""
    try:
        period = parse_month(request.GET["month"]) if request.GET.get("month") else _last_closed()
        if period.end >= today():
            raise NotFound("period_open", "该统计期尚未结束", "This period has not ended yet",
                           detail={"month": period.month})
    except DomainError as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    data = open_statistics(period=period)
    if fmt == "csv":
        resp = HttpResponse(open_statistics_csv(data), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="onewindow-statistics-{period.month}.csv"'
        return resp
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
