"""The centre manager's page (中心管理员): live overview polled by htmx every 30 s, on-duty board,
links to catalogue and staff administration."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onewindow.cases.states import MANAGER
from onewindow.core.timeutil import now, today
from onewindow.workbench.backoffice.views import role_area
from onewindow.workbench.manager.selectors import admin_links, centre_overview, duty_board, duty_summary


@login_required
@require_GET
def manager(request: HttpRequest) -> HttpResponse:
    staff = role_area(request, MANAGER)
    if isinstance(staff, HttpResponse):
        return staff
    board = duty_board(centre=staff.centre)
    return render(request, "workbench/manager/manager.html", {
        "overview": centre_overview(centre=staff.centre, today=today(), at=now()),
        "board": board, "duty_summary": duty_summary(board), "links": admin_links(user=request.user)})


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The live part alone, for the 30-second htmx poll."""
    staff = role_area(request, MANAGER)
    if isinstance(staff, HttpResponse):
        return staff
    return render(request, "workbench/manager/_overview.html",
                  {"overview": centre_overview(centre=staff.centre, today=today(), at=now())})
