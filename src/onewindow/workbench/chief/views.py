"""The chief representative's page (首席代表): decisions within the authorisation, joint cases.
Decisions and joint-case moves post to the case-action view (panel=chief) and answer in the row."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onewindow.cases.states import CHIEF
from onewindow.core.timeutil import today
from onewindow.workbench.backoffice.views import role_area
from onewindow.workbench.chief.selectors import chief_page


@login_required
@require_GET
def chief(request: HttpRequest) -> HttpResponse:
    staff = role_area(request, CHIEF)
    if isinstance(staff, HttpResponse):
        return staff
    return render(request, "workbench/chief/chief.html", {"page": chief_page(staff=staff, today=today()),
                                                          "staff": staff})
