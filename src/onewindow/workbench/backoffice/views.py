"""Back office pages: the reviewer's task list, the shared case page and its actions (htmx).

An action answers within the page: an htmx request gets the refreshed case body (or the chief's row)
with the confirmation in a role="status" element; a service error comes back with its own status
(403/409/422) and its message in the same place, never a 500. Without JavaScript the form posts
normally and the page reloads with the same message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from onewindow.cases.selectors import case_for
from onewindow.cases.states import CHIEF, REVIEWER
from onewindow.core.errors import DomainError, NotFound
from onewindow.core.permissions import staff_of
from onewindow.core.timeutil import today
from onewindow.network.models import Staff
from onewindow.security.ip import client_ip
from onewindow.security.personal import personal_data_need_view
from onewindow.workbench.backoffice.actions import action_perform
from onewindow.workbench.backoffice.selectors import case_view, task_list


def error_text(exc: DomainError) -> str:
    """The error's message in the page's language, with field errors of a form appended."""
    text = exc.message_en if (get_language() or "").startswith("en") else exc.message
    if exc.code == "invalid_form" and isinstance(exc.detail, dict):
        text += " " + " ".join(f"{e}" for errs in exc.detail.values() for e in errs)
    return text


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def staff_or_404(request: HttpRequest) -> Staff:
    staff = staff_of(request.user)
    if staff is None:
        raise Http404
    return staff


def role_area(request: HttpRequest, *roles: str) -> Staff | HttpResponse:
    """The staff member when they hold one of `roles`; otherwise the page explaining why not
    (a login without a staff profile gets the staff-side notice)."""
    staff = staff_of(request.user)
    if staff is None:
        return render(request, "workbench/not_staff.html", status=403)
    if not staff.has_role(*roles):
        return render(request, "workbench/backoffice/forbidden.html", status=403)
    return staff


@login_required
@require_GET
def tasks(request: HttpRequest) -> HttpResponse:
    staff = role_area(request, REVIEWER, CHIEF)
    if isinstance(staff, HttpResponse):
        return staff
    return render(request, "workbench/backoffice/tasks.html",
                  {"rows": task_list(staff=staff, today=today()), "staff": staff})


def _case_context(staff: Staff, number: str) -> dict:
    try:
        return {"view": case_view(staff=staff, number=number, today=today())}
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_GET
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    staff = staff_or_404(request)
    context = _case_context(staff, number)
    # An unmasked view by need to know is logged like an explicit reveal (security.personal).
    personal_data_need_view(user=request.user, staff=staff, case=context["view"].case, ip=client_ip(request))
    return render(request, "workbench/case/detail.html", context)


@login_required
@require_POST
def case_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    staff = staff_or_404(request)
    try:
        case = case_for(staff=staff, number=number)
    except NotFound as exc:
        raise Http404 from exc
    status, ok = 200, True
    try:
        message = action_perform(action=action, case=case, by=staff, data=request.POST)
    except DomainError as exc:
        status, ok, message = exc.status, False, error_text(exc)
    if request.POST.get("panel") == "chief":  # an inline form on the chief representative's page
        if not is_htmx(request):
            (messages.success if ok else messages.error)(request, f"{number}: {message}")
            return redirect("workbench:chief")
        return render(request, "workbench/chief/_result.html",
                      {"ok": ok, "message": message, "action": action, "number": number}, status=status)
    if ok and not is_htmx(request):
        messages.success(request, message)
        return redirect("workbench:case_detail", number=number)
    context = _case_context(staff, number)
    context.update({"status_ok": ok, "status_message": message, "last_action": action})
    template = "workbench/case/_body.html" if is_htmx(request) else "workbench/case/detail.html"
    return render(request, template, context, status=status)
