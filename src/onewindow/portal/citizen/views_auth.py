"""Log in (password or SMS code, behind the shared lockout), log out, register, SMS codes, and the
organisation accounts of the user."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.accounts import services as accounts
from onewindow.accounts.sms import sms_code_send
from onewindow.core.errors import DomainError
from onewindow.core.permissions import authenticated_user
from onewindow.portal.citizen.common import citizen_login_required, client_ip, error_text, safe_next
from onewindow.portal.citizen.forms import (
    LoginForm,
    MemberForm,
    OrganisationForm,
    RegisterForm,
    SmsLoginForm,
    SmsSendForm,
)
from onewindow.portal.citizen.selectors import organisations_of


def _login(request: HttpRequest, user) -> None:
    # The backend that authenticated (password), else the first configured one (SMS code, new account).
    login(request, user, backend=getattr(user, "backend", None) or settings.AUTHENTICATION_BACKENDS[0])


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    mode = "sms" if (request.POST.get("mode") or request.GET.get("mode")) == "sms" else "password"
    form = LoginForm(request.POST if request.method == "POST" and mode == "password" else None)
    sms_form = SmsLoginForm(request.POST if request.method == "POST" and mode == "sms" else None,
                            initial={"phone": request.GET.get("phone", "")[:20]})
    error, status = "", 200
    if request.method == "POST":
        try:
            if mode == "password" and form.is_valid():
                user = accounts.citizen_authenticate(username=form.cleaned_data["username"],
                                                     password=form.cleaned_data["password"],
                                                     ip=client_ip(request))
            elif mode == "sms" and sms_form.is_valid():
                user = accounts.citizen_authenticate_sms(phone=sms_form.cleaned_data["phone"],
                                                         code=sms_form.cleaned_data["code"],
                                                         ip=client_ip(request))
            else:
                user = None
                status = 422
        except DomainError as exc:
            user, error, status = None, error_text(exc), exc.status
        if user is not None:
            _login(request, user)
            return redirect(safe_next(request, reverse("portal:my_cases")))
    return render(request, "portal/citizen/login.html",
                  {"form": form, "sms_form": sms_form, "mode": mode, "error": error,
                   "next": safe_next(request, "")}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None, initial={"phone": request.GET.get("phone", "")[:20]})
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                user = accounts.citizen_register(phone=d["phone"], password=d["password"], name=d["name"],
                                                 id_number=d["id_number"], sms_code=d["code"])
            except DomainError as exc:
                error, status = error_text(exc), exc.status
                if exc.code == "weak_password" and isinstance(exc.detail, dict):
                    error = " ".join([error, *exc.detail.get("errors", [])])
            else:
                _login(request, user)
                messages.success(request, _("Your account is ready."))
                return redirect(safe_next(request, reverse("portal:my_cases")))
        else:
            status = 422
    return render(request, "portal/citizen/register.html",
                  {"form": form, "error": error, "next": safe_next(request, "")}, status=status)


@require_POST
def sms_send(request: HttpRequest) -> HttpResponse:
    """Send a login or registration code. htmx gets the status line; a plain form goes back."""
    form = SmsSendForm(request.POST)
    ok, text, status = False, _("Enter a valid mobile phone number."), 422
    if form.is_valid():
        try:
            sms_code_send(phone=form.cleaned_data["phone"], purpose=form.cleaned_data["purpose"])
        except DomainError as exc:
            text, status = error_text(exc), exc.status
        else:
            ok, text, status = True, _("The code was sent. It is valid for 5 minutes."), 200
    if request.headers.get("HX-Request"):
        return render(request, "portal/citizen/_sms_status.html", {"ok": ok, "text": text}, status=status)
    (messages.success if ok else messages.error)(request, text)
    purpose = form.cleaned_data.get("purpose") if form.is_valid() else "login"
    back = reverse("portal:register") if purpose == "register" else reverse("portal:login") + "?mode=sms&"
    sep = "&" if "?" in back else "?"
    return redirect(f"{back}{'' if back.endswith('&') else sep}phone={form.data.get('phone', '')[:20]}")


@never_cache
@citizen_login_required
@require_http_methods(["GET", "POST"])
def organisations(request: HttpRequest) -> HttpResponse:
    """The user's organisations; register one (USCC + legal representative); add members."""
    user = authenticated_user(request)
    form = OrganisationForm(request.POST if request.POST.get("op") == "create" else None)
    member_form = MemberForm(request.POST if request.POST.get("op") == "add_member" else None)
    error, status = "", 200
    if request.method == "POST":
        try:
            if request.POST.get("op") == "create" and form.is_valid():
                accounts.organisation_register(by=user, **form.cleaned_data)
                messages.success(request, _("The organisation account is registered."))
                return redirect("portal:org")
            if request.POST.get("op") == "add_member" and member_form.is_valid():
                accounts.organisation_member_add(by=user,
                                                 organisation_id=_int(request.POST.get("organisation")),
                                                 phone=member_form.cleaned_data["phone"],
                                                 role=member_form.cleaned_data["role"])
                messages.success(request, _("The member was added."))
                return redirect("portal:org")
            if request.POST.get("op") == "remove_member":
                accounts.organisation_member_remove(by=user,
                                                    organisation_id=_int(request.POST.get("organisation")),
                                                    user_id=_int(request.POST.get("user")))
                messages.success(request, _("The member was removed."))
                return redirect("portal:org")
            status = 422
        except DomainError as exc:
            error, status = error_text(exc), exc.status
    rows = organisations_of(user=user)
    return render(request, "portal/citizen/organisations.html",
                  {"rows": rows, "form": form, "member_form": member_form, "error": error}, status=status)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
