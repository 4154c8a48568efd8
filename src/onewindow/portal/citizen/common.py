"""Helpers shared by the citizen views."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from onewindow.accounts.models import User
from onewindow.core.errors import DomainError


def error_text(exc: DomainError) -> str:
    """The domain error's message in the page's language."""
    return exc.message_en if translation.get_language() == "en" else exc.message


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by whoever calls and must not pick the locked key.
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def citizen_login_required(view):
    """Anonymous visitors go to the portal's login page and come back afterwards."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated or not isinstance(request.user, User):
            return redirect_to_login(request.get_full_path(), reverse("portal:login"))
        return view(request, *args, **kwargs)

    return wrapper
