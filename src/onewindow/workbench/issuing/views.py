"""The unified issuing window (统一窗口出件) at /workbench/issuing/: cases ready to issue, the licence
checked against the decision, issue, delivery (pickup / mail / locker), mail receipt. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onewindow.cases import services as cases
from onewindow.core.errors import Invalid
from onewindow.network.models import Role
from onewindow.workbench.counter.common import is_htmx, staff_required
from onewindow.workbench.issuing import selectors as sel
from onewindow.workbench.issuing.forms import METHOD_CHOICES, DeliverForm, ReceiptForm
from onewindow.workbench.issuing.services import issuing_mail_receipt

issuing_required = staff_required(Role.ISSUER, Role.CLERK)


def _form_error(form) -> Invalid:
    errors = "; ".join(f"{form.fields[f].label if f in form.fields else f}: " + " ".join(str(m) for m in e)
                       for f, e in form.errors.items())
    return Invalid("invalid_form", f"表单有误：{errors}", f"Please correct the form: {errors}")


@require_GET
@issuing_required
def issuing(request: HttpRequest, staff) -> HttpResponse:
    number = request.GET.get("case", "")[:40]
    return render(request, "workbench/issuing/page.html", {
        "staff": staff, "lists": sel.issuing_lists(staff=staff),
        "view": sel.issuing_case(staff=staff, number=number) if number else None, "form": DeliverForm()})


@require_GET
@issuing_required
def case_panel(request: HttpRequest, staff, number: str) -> HttpResponse:
    view = sel.issuing_case(staff=staff, number=number)
    if not is_htmx(request):
        return redirect(f"{reverse('workbench:issuing')}?case={view.case.number}")
    return render(request, "workbench/issuing/_case.html", {"view": view, "form": DeliverForm()})


def _answer(request: HttpRequest, staff, number: str, text: str, **extra) -> HttpResponse:
    if not is_htmx(request):
        messages.success(request, text)
        return redirect(f"{reverse('workbench:issuing')}?case={number}")
    view = sel.issuing_case(staff=staff, number=number)
    return render(request, "workbench/issuing/_case.html", {
        "view": view, "form": DeliverForm(), "confirmation": text, "lists": sel.issuing_lists(staff=staff),
        "oob": True, **extra})


@require_POST
@issuing_required
def issue(request: HttpRequest, staff, number: str) -> HttpResponse:
    view = sel.issuing_case(staff=staff, number=number)
    case = cases.case_issue(case=view.case, by=staff)
    return _answer(request, staff, case.number, _("Case %(number)s issued.") % {"number": case.number})


@require_POST
@issuing_required
def deliver(request: HttpRequest, staff, number: str) -> HttpResponse:
    form = DeliverForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    view = sel.issuing_case(staff=staff, number=number)
    result = cases.case_deliver_result(case=view.case, by=staff, method=form.cleaned_data["method"],
                                       detail=form.detail())
    method = dict(METHOD_CHOICES)[form.cleaned_data["method"]]
    text = _("Case %(number)s delivered (%(method)s).") % {"number": result.case.number, "method": method}
    return _answer(request, staff, result.case.number, text, pickup_code=result.pickup_code)


@require_POST
@issuing_required
def mail_receipt(request: HttpRequest, staff, number: str) -> HttpResponse:
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    view = sel.issuing_case(staff=staff, number=number)
    issuing_mail_receipt(case=view.case, by=staff, receipt=form.cleaned_data["receipt"])
    text = _("Receipt recorded: the mailed licence of %(number)s is delivered.") % {
        "number": view.case.number}
    return _answer(request, staff, view.case.number, text)
