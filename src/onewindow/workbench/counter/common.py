"""What the counter and the issuing window pages share: who may open them, how a DomainError is
shown (never a 500), and whether a request came from htmx."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from onewindow.core.errors import DomainError
from onewindow.core.permissions import staff_of


def error_text(exc: DomainError) -> str:
    return exc.message if (get_language() or "zh-hans").startswith("zh") else exc.message_en


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def render_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """The service's message in a role="alert" block with the error's status. counter.js lets htmx
    swap 4xx answers; they go to the page's #action-errors region."""
    if not is_htmx(request):
        return render(request, "workbench/counter/error.html", {"error": error_text(exc), "code": exc.code},
                      status=exc.status)
    response = render(request, "workbench/counter/_error.html", {"error": error_text(exc), "code": exc.code},
                      status=exc.status)
    # Into the page's error region, whatever the request targeted: the form the clerk filled in stays.
    response["HX-Retarget"] = "#action-errors"
    response["HX-Reswap"] = "innerHTML"
    return response


def staff_required(*roles: str) -> Callable:
    """Logged-in staff holding one of `roles`; others get 403 (anonymous users the login page).
    The staff member is passed to the view as `staff`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            staff = staff_of(request.user)
            if staff is None or not staff.has_role(*roles):
                return render(request, "workbench/counter/forbidden.html", status=403)
            try:
                return view(request, *args, staff=staff, **kwargs)
            except DomainError as exc:
                return render_error(request, exc)

        return wrapper

    return decorate
