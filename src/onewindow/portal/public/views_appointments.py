"""Appointments for citizens: pick centre, theme (queue line), day and slot; confirmation code;
cancel and reschedule by code + phone. Every rule (horizon, capacity, per-person limit, weekend
slots) lives in queueing.services; these views only collect the choices and show the answers."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from onewindow.core.errors import DomainError, NotFound
from onewindow.core.identifiers import mask_phone
from onewindow.core.timeutil import now
from onewindow.network.models import Centre
from onewindow.portal.public import selectors as sel
from onewindow.portal.public.common import error_text, int_param
from onewindow.portal.public.forms import BookingForm, ManageForm, RescheduleForm
from onewindow.queueing import selectors as qsel
from onewindow.queueing import services as qsvc
from onewindow.queueing.models import Appointment, AppointmentStatus, QueueLine

MANAGE_RATE = "20/m"
INCOMPLETE = NotFound("booking_incomplete", "请选择服务中心、业务、日期和时段，并填写姓名和手机号码",
                      "Choose a centre, a service, a day and a slot, and fill in your name and phone")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _choice(request: HttpRequest, params) -> dict:
    """Centre → line → day → slots from the query (or posted) values; unknown values are ignored."""
    centres = sel.booking_centres()
    centre_id = int_param(params.get("centre"))
    centre: Centre | None = next((c for c in centres if c.pk == centre_id), None)
    if centre is None and len(centres) == 1:
        centre = centres[0]
    lines = sel.booking_lines(centre=centre) if centre else []
    line_id = int_param(params.get("line"))
    line: QueueLine | None = next((x for x in lines if x.pk == line_id), None)
    days = sel.booking_day_list(line=line) if line else []
    day = _date(params.get("day"))
    if day not in {d.day for d in days}:
        day = None
    slots = []
    if line and day:
        slots = qsel.slots_for(line=line, day=day, settings=qsel.queue_settings(centre=line.centre_id))
    return {"centres": centres, "centre": centre, "lines": lines, "line": line, "days": days, "day": day,
            "slots": slots, "any_bookable": any(s.bookable for s in slots)}


@never_cache
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        context = _choice(request, request.GET)
        context["form"] = BookingForm()
        template = "portal/_booking.html" if request.headers.get("HX-Request") else "portal/appointments.html"
        return render(request, template, context)
    form = BookingForm(request.POST)
    context = _choice(request, request.POST)
    context["form"] = form
    if not form.is_valid() or context["line"] is None or context["line"].pk != form.cleaned_data["line"]:
        context["error"] = error_text(INCOMPLETE)
        return render(request, "portal/appointments.html", context, status=422)
    try:
        appointment = qsvc.appointment_book(line=context["line"], day=form.cleaned_data["day"],
                                            start=form.cleaned_data["start"], name=form.cleaned_data["name"],
                                            phone=form.cleaned_data["phone"],
                                            id_number=form.cleaned_data["id_number"])
    except DomainError as exc:
        context["error"] = error_text(exc)
        return render(request, "portal/appointments.html", context, status=exc.status)
    return redirect("portal:appointment_done", code=appointment.code)


def _appointment_context(appointment: Appointment) -> dict:
    opens, closes = qsel.check_in_window(appointment=appointment,
                                         settings=qsel.queue_settings(centre=appointment.centre_id))
    return {"appointment": appointment, "phone_masked": mask_phone(appointment.phone), "opens": opens,
            "closes": closes, "booked": appointment.status == AppointmentStatus.BOOKED,
            "qr_url": reverse("queueing:appointment", args=[appointment.code])}


@never_cache
@require_GET
def done(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation after booking (the code is long and random; the page shows no full phone)."""
    try:
        appointment = qsel.appointment_by_code(code=code)
    except NotFound:
        raise Http404 from None
    return render(request, "portal/appointment_done.html", _appointment_context(appointment))


def _manage_page(request, *, form, appointment=None, error="", message="", status=200) -> HttpResponse:
    context: dict = {"form": form, "error": error, "message": message, "appointment": None}
    if appointment is not None:
        context.update(_appointment_context(appointment))
        line = appointment.line
        days = sel.booking_day_list(line=line)
        day = _date(request.POST.get("day"))
        if day not in {d.day for d in days}:
            day = None
        context.update({
            "days": days, "day": day, "code": appointment.code, "phone": appointment.phone,
            "slots": qsel.slots_for(line=line, day=day, settings=qsel.queue_settings(centre=line.centre_id))
            if day else [],
        })
    return render(request, "portal/appointment_manage.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """Find a booking by code + phone, then cancel it or move it to another slot of the same line."""
    if request.method == "GET":
        return _manage_page(request, form=ManageForm())
    if is_ratelimited(request, group="portal.appointment.manage", key="ip", rate=MANAGE_RATE, method="POST",
                      increment=True):
        response = render(request, "portal/429.html", {"retry_minutes": 1}, status=429)
        response["Retry-After"] = "60"
        return response
    action = request.POST.get("action", "find")
    form = (RescheduleForm if action == "reschedule" else ManageForm)(request.POST)
    if not form.is_valid():
        return _manage_page(request, form=form, status=422)
    try:
        appointment = sel.appointment_for(code=form.cleaned_data["code"], phone=form.cleaned_data["phone"])
    except NotFound as exc:
        return _manage_page(request, form=form, error=error_text(exc), status=404)
    message = ""
    try:
        if action == "cancel":
            appointment = qsvc.appointment_cancel(appointment=appointment, at=now())
            message = "cancelled"
        elif action == "reschedule":
            appointment = qsvc.appointment_reschedule(appointment=appointment, day=form.cleaned_data["day"],
                                                      start=form.cleaned_data["start"], at=now())
            message = "rescheduled"
    except DomainError as exc:
        return _manage_page(request, form=form, appointment=appointment, error=error_text(exc),
                            status=exc.status)
    appointment.refresh_from_db()
    return _manage_page(request, form=ManageForm(initial={"code": appointment.code}), appointment=appointment,
                        message=message)
