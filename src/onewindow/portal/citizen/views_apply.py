"""Apply online: the form of an item (questionnaire → material list), then the case page takes the
uploads; submit, resubmit after the one-time notice, withdraw, choose delivery. Thin: validate →
cases.services.online → redirect with a message (Post/Redirect/Get)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from onewindow.cases.selectors_citizen import citizen_case_for, zero_visit
from onewindow.cases.services import online
from onewindow.core.errors import DomainError, NotFound
from onewindow.core.permissions import authenticated_user
from onewindow.portal.citizen.common import citizen_login_required, error_text
from onewindow.portal.citizen.forms import DeliveryForm, UploadForm, WithdrawForm
from onewindow.portal.citizen.selectors import apply_item, member_organisations


def _answers(request: HttpRequest, situations) -> dict[int, int]:
    """s<situation id>=<option id> pairs (the guide page's questionnaire uses the same names)."""
    answers = {}
    for s in situations:
        raw = request.POST.get(f"s{s.pk}", "")
        if raw.isdigit():
            answers[s.pk] = int(raw)
    return answers


@never_cache
@citizen_login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    user = authenticated_user(request)
    found = apply_item(code=code)
    if found is None:
        raise Http404
    orgs = member_organisations(user=user)
    error, status = "", 200
    if request.method == "POST":
        as_org = request.POST.get("as", "")
        try:
            case = online.online_draft_create(
                user=user, item_code=found.item.implementation_code,
                organisation_id=int(as_org) if as_org.isdigit() else None,
                situation_answers=_answers(request, found.situations),
                address=request.POST.get("address", "")[:200])
        except DomainError as exc:
            error, status = error_text(exc), exc.status
        else:
            messages.success(request, _("Draft saved. Now upload the materials and submit."))
            return redirect("portal:my_case", number=case.number)
    return render(request, "portal/citizen/apply.html",
                  {"g": found, "orgs": orgs, "error": error, "zero_visit": zero_visit(found.version),
                   "needs_id": not user.id_number}, status=status)


def _case_or_404(request: HttpRequest, number: str):
    try:
        return citizen_case_for(user=authenticated_user(request), number=number)
    except NotFound:
        raise Http404 from None


def _back(request: HttpRequest, number: str, *, ok: str, call) -> HttpResponse:
    try:
        call()
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, ok)
    return redirect("portal:my_case", number=number)


@citizen_login_required
@require_POST
def upload(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_or_404(request, number)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return redirect("portal:my_case", number=case.number)
    return _back(request, case.number, ok=_("File uploaded."),
                 call=lambda: online.online_attach(user=authenticated_user(request), case=case,
                                                   upload=form.cleaned_data["file"],
                                                   material_id=form.cleaned_data["material"]))


@citizen_login_required
@require_POST
def submit(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_or_404(request, number)
    return _back(request, case.number, ok=_("Submitted. A clerk will check the materials."),
                 call=lambda: online.online_submit(user=authenticated_user(request), case=case))


@citizen_login_required
@require_POST
def resubmit(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_or_404(request, number)
    return _back(request, case.number, ok=_("Resubmitted. A clerk will check the supplements."),
                 call=lambda: online.online_resubmit(user=authenticated_user(request), case=case))


@citizen_login_required
@require_POST
def withdraw(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_or_404(request, number)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for withdrawing."))
        return redirect("portal:my_case", number=case.number)
    return _back(request, case.number, ok=_("The application was withdrawn."),
                 call=lambda: online.online_withdraw(user=authenticated_user(request), case=case,
                                                     reason=form.cleaned_data["reason"]))


@citizen_login_required
@require_POST
def delivery(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_or_404(request, number)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how you receive the result."))
        return redirect("portal:my_case", number=case.number)
    return _back(request, case.number, ok=_("Delivery choice saved."),
                 call=lambda: online.online_delivery_choose(user=authenticated_user(request), case=case,
                                                            method=form.cleaned_data["method"],
                                                            address=form.cleaned_data["address"]))
