"""Supervision pages: the board, anomalies, attendance, the monthly assessment, and the public
on-duty board. Thin: read the request, call a selector or a service, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from onewindow.core.errors import DomainError
from onewindow.core.permissions import acting_staff
from onewindow.core.timeutil import today
from onewindow.network.models import Department, Role
from onewindow.supervision import selectors
from onewindow.supervision.models import Attendance, Colour, StaffAssessment
from onewindow.supervision.rules import RULE_LABELS, RULE_NAMES
from onewindow.supervision.rules.base import stats_month


def _error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "supervision/error.html", {"error": exc}, status=exc.status)


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def _case_url(number: str) -> str | None:
    try:
        return reverse("workbench:case_detail", args=[number])
    except NoReverseMatch:
        return None


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """The supervision board: open cases, most urgent first, filtered by colour, centre, department,
    item and staff; each links to the case page (its timeline)."""
    g = request.GET
    try:
        staff = acting_staff(request.user)
        page = selectors.board_page(
            staff=staff,
            colour=g.get("colour", ""),
            centre=_int(g.get("centre")),
            department=_int(g.get("department")),
            item=_int(g.get("item")),
            reviewer=_int(g.get("staff")),
            cursor=g.get("cursor", ""),
        )
    except DomainError as exc:
        return _error(request, exc)
    centres = selectors.supervision_centres(staff=staff)
    day = today()
    rows = [
        {
            "case": c,
            "url": _case_url(c.number),
            "colour": c.colour,
            "remaining": selectors.remaining_working_days(c, today=day),
        }
        for c in page.cases
    ]
    query = g.copy()
    query.pop("cursor", None)
    return render(
        request,
        "supervision/board.html",
        {
            "rows": rows,
            "next_cursor": page.next_cursor,
            "colours": Colour.choices,
            "centres": centres,
            "departments": Department.objects.filter(centre__in=centres).order_by("centre_id", "code"),
            "filters": g,
            "query": query.urlencode(),
        },
    )


@login_required
def anomalies(request: HttpRequest) -> HttpResponse:
    g = request.GET
    try:
        staff = acting_staff(request.user)
        rule = g.get("rule", "")
        if rule not in ("", *RULE_NAMES):
            rule = ""
        rows, next_cursor = selectors.anomaly_page(
            staff=staff, rule=rule, centre=_int(g.get("centre")), cursor=_int(g.get("cursor"))
        )
    except DomainError as exc:
        return _error(request, exc)
    return render(
        request,
        "supervision/anomalies.html",
        {
            "rows": [
                {
                    "a": a,
                    "label": RULE_LABELS.get(a.rule, a.rule),
                    "url": _case_url(a.case.number) if a.case else None,
                }
                for a in rows
            ],
            "next_cursor": next_cursor,
            "rules": [(n, RULE_LABELS[n]) for n in RULE_NAMES],
            "rule": rule,
        },
    )


def _attendance_context(staff) -> dict:
    return {
        "today_row": Attendance.objects.filter(staff=staff, day=today()).first(),
        "recent": Attendance.objects.filter(staff=staff).order_by("-day")[:10],
    }


@login_required
def attendance(request: HttpRequest) -> HttpResponse:
    try:
        staff = acting_staff(request.user)
    except DomainError as exc:
        return _error(request, exc)
    return render(request, "supervision/attendance.html", _attendance_context(staff))


@login_required
@require_POST
def attendance_action(request: HttpRequest, action: str) -> HttpResponse:
    """Check in or out; htmx gets the panel back with the confirmation in role=status."""
    from onewindow.supervision.services import attendance_check_in, attendance_check_out

    message, status = "", 200
    try:
        staff = acting_staff(request.user)
        if action == "check_in":
            attendance_check_in(staff=staff)
        else:
            attendance_check_out(staff=staff)
        message = "ok"
    except DomainError as exc:
        if exc.status in (401, 403):
            return _error(request, exc)
        message, status = exc.message, exc.status
    context = {**_attendance_context(staff), "action": action, "message": message}
    template = (
        "supervision/_attendance_panel.html"
        if request.headers.get("HX-Request")
        else "supervision/attendance.html"
    )
    return render(request, template, context, status=status)


@login_required
def assessment(request: HttpRequest) -> HttpResponse:
    """The month's staff assessment of the centre (managers and supervisors); POST recomputes it."""
    from onewindow.supervision.services.assessment import assessment_compute, period_bounds

    period = request.GET.get("period") or request.POST.get("period") or stats_month(today())[0]
    try:
        staff = acting_staff(request.user, Role.CENTRE_MANAGER, Role.SUPERVISOR)
        first, last = period_bounds(period)
        if request.method == "POST":
            assessment_compute(centre=staff.centre, period=period)
    except DomainError as exc:
        return _error(request, exc)
    rows = (
        StaffAssessment.objects.filter(staff__centre=staff.centre, period=period)
        .select_related("staff", "staff__department")
        .order_by("-score", "staff__name")
    )
    return render(
        request,
        "supervision/assessment.html",
        {"rows": rows, "period": period, "first": first, "last": last, "computed": request.method == "POST"},
    )


def duty(request: HttpRequest, key: str) -> HttpResponse:
    """The public on-duty board (工作人员去向公示牌): no login, names, windows and status only."""
    try:
        centre = selectors.duty_centre(key)
    except DomainError as exc:
        return _error(request, exc)
    return render(
        request, "supervision/duty.html", {"centre": centre, "rows": selectors.duty_board(centre=centre)}
    )
