"""Public hall pages: the kiosk (取号机), the display board (叫号屏), the ticket and appointment pages.

No login: they run on hall devices and on the citizen's phone. They show ticket numbers, never names.
"""

from __future__ import annotations

import segno
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onewindow.core.errors import DomainError, NotFound
from onewindow.queueing import selectors as sel
from onewindow.queueing import services as svc
from onewindow.queueing.forms import CheckInForm, KioskTicketForm
from onewindow.queueing.models import AppointmentStatus, TicketSource
from onewindow.queueing.models.tickets import OPEN_STATUSES


def _text(exc: DomainError) -> str:
    return exc.message if (get_language() or "zh-hans").startswith("zh") else exc.message_en


def _centre(centre_id: int):
    try:
        return sel.centre_public(centre_id=centre_id)
    except NotFound:
        raise Http404 from None


def _qr_svg(request: HttpRequest, path: str) -> str:
    return segno.make(request.build_absolute_uri(path), error="m").svg_inline(scale=5, omitsize=False)


def _kiosk(request, centre, *, form=None, checkin=None, error: str = "", status: int = 200) -> HttpResponse:
    waiting = sel.waiting_counts(centre=centre)
    lines = [(line, waiting.get(line.pk, 0)) for line in sel.active_lines(centre=centre)]
    return render(
        request,
        "queueing/kiosk.html",
        {
            "centre": centre,
            "lines": lines,
            "form": form or KioskTicketForm(),
            "checkin": checkin or CheckInForm(),
            "error": error,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = _centre(centre_id)
    if request.method == "GET":
        return _kiosk(request, centre)
    form = KioskTicketForm(request.POST)
    if not form.is_valid():
        return _kiosk(request, centre, form=form, status=422)
    try:
        line = sel.line_for(centre=centre, code=form.cleaned_data["line"])
        ticket = svc.ticket_take(
            line=line,
            source=TicketSource.KIOSK,
            priority_reasons=form.cleaned_data["priority"],
            id_number=form.cleaned_data["id_number"],
        )
    except DomainError as exc:
        return _kiosk(request, centre, form=form, error=_text(exc), status=exc.status)
    return redirect(reverse("queueing:ticket", args=[ticket.token]) + "?print=1")


@require_POST
def kiosk_check_in(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = _centre(centre_id)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _kiosk(request, centre, checkin=form, status=422)
    try:
        appointment = sel.appointment_by_code(code=form.cleaned_data["code"], centre_id=centre.pk)
        ticket = svc.appointment_check_in(appointment=appointment)
    except DomainError as exc:
        return _kiosk(request, centre, checkin=form, error=_text(exc), status=exc.status)
    return redirect(reverse("queueing:ticket", args=[ticket.token]) + "?print=1")


@require_GET
def board(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = _centre(centre_id)
    return render(request, "queueing/board.html", {"centre": centre, "board": sel.board_state(centre=centre)})


@require_GET
def board_live(request: HttpRequest, centre_id: int) -> HttpResponse:
    """The board's fragment, fetched by htmx every 2 seconds."""
    centre = _centre(centre_id)
    response = render(
        request, "queueing/_board.html", {"centre": centre, "board": sel.board_state(centre=centre)}
    )
    response["Cache-Control"] = "no-store"
    return response


def _ticket(token: str):
    try:
        ticket = sel.ticket_by_token(token=token)
    except NotFound:
        raise Http404 from None
    return ticket, sel.ticket_progress(ticket=ticket)


def _ticket_context(ticket, progress) -> dict:
    return {
        "ticket": ticket,
        "centre": ticket.centre,
        "progress": progress,
        "open": ticket.status in OPEN_STATUSES,
    }


@require_GET
def ticket_page(request: HttpRequest, token: str) -> HttpResponse:
    """The ticket on screen, on paper (?print=1 prints it) and on the phone (the QR code leads here)."""
    ticket, progress = _ticket(token)
    path = reverse("queueing:ticket", args=[ticket.token])
    response = render(
        request,
        "queueing/ticket.html",
        {
            **_ticket_context(ticket, progress),
            "qr": _qr_svg(request, path),
            "autoprint": request.GET.get("print") == "1",
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def ticket_live(request: HttpRequest, token: str) -> HttpResponse:
    ticket, progress = _ticket(token)
    response = render(request, "queueing/_ticket_status.html", _ticket_context(ticket, progress))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def appointment_page(request: HttpRequest, code: str) -> HttpResponse:
    """The booking confirmation: slot, check-in times and a QR code of the booking code for the kiosk."""
    try:
        appointment = sel.appointment_by_code(code=code)
    except NotFound:
        raise Http404 from None
    opens, closes = sel.check_in_window(
        appointment=appointment, settings=sel.queue_settings(centre=appointment.centre_id)
    )
    response = render(
        request,
        "queueing/appointment.html",
        {
            "appointment": appointment,
            "centre": appointment.centre,
            "qr": segno.make(appointment.code, error="m").svg_inline(scale=6),
            "booked": appointment.status == AppointmentStatus.BOOKED,
            "opens": opens,
            "closes": closes,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
