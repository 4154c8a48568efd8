"""The public progress page: no login; the applicant types the last 4 characters of their ID number
or phone. Same answer for an unknown number and a wrong code (no oracle)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onewindow.cases.schemas import progress_out
from onewindow.cases.selectors import progress_lookup
from onewindow.core.errors import NotFound


@require_GET
def progress(request: HttpRequest, number: str) -> HttpResponse:
    verify = request.GET.get("verify", "")[:10]
    context = {"number": number[:40], "verify_given": bool(verify), "progress": None}
    status = 200
    if verify:
        try:
            context["progress"] = progress_out(progress_lookup(number=number, verify=verify))
        except NotFound:
            status = 404
    return render(request, "cases/progress.html", context, status=status)
