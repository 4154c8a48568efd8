"""Queue and appointments API, mounted at /api/v1/queue (docs/queue.md "API").

Public (no token): lines, take a ticket, follow a ticket, slots, book / cancel / reschedule / check in
an appointment. A staff bearer token on those makes the call a staff one (the staff channel, the
elderly flag by sight, the staff member's centre only); an invalid token is refused (401).
Staff only: call-next at a window, actions on a ticket, KPIs. Another centre's window or ticket is 404.
Thin: validate → call a service → serialise.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from onewindow.api.root import bearer
from onewindow.cases.selectors import case_for
from onewindow.core.errors import Invalid, NotAuthenticated
from onewindow.core.permissions import acting_staff
from onewindow.core.schemas import ERRORS
from onewindow.network.models import Role, Staff
from onewindow.queueing import selectors as sel
from onewindow.queueing import services as svc
from onewindow.queueing.models import QueueLine, TicketSource
from onewindow.queueing.rules import day_type
from onewindow.queueing.schemas import (
    ActionIn,
    AppointmentIn,
    AppointmentOut,
    CheckInIn,
    KpiOut,
    LineOut,
    RescheduleIn,
    SlotsOut,
    TicketIn,
    TicketOut,
    appointment_out,
    kpi_out,
    line_ref,
    slot_out,
    ticket_out,
)

router = Router(tags=["queue"])

TICKET = {200: TicketOut, **ERRORS}
APPOINTMENT = {200: AppointmentOut, **ERRORS}
KPI_READERS = (Role.CENTRE_MANAGER, Role.SUPERVISOR)


def _optional_staff(request: HttpRequest) -> Staff | None:
    """The staff member behind a bearer token, None without one; a bad token is a 401, not anonymity."""
    if not request.headers.get("Authorization"):
        return None
    user = bearer(request)
    if not user:
        raise NotAuthenticated("not_authenticated", "未登录或令牌无效", "Missing or invalid token")
    return acting_staff(user)


def _centre(centre_id: int, staff: Staff | None):
    # Staff act for their own centre only: to them another centre does not exist.
    return sel.centre_public(centre_id=centre_id if staff is None or staff.centre_id == centre_id else None)


def _staff_line(staff: Staff, code: str) -> QueueLine:
    return sel.line_for(centre=staff.centre, code=code)


# --- lines and tickets -------------------------------------------------------------------------------


@router.get("/lines", auth=None, response={200: list[LineOut], **ERRORS}, url_name="queue_lines")
def list_lines(request: HttpRequest, centre: int = Query(..., ge=1, le=2**62)):
    """The centre's active lines in kiosk order, with how many tickets wait on each now."""
    c = sel.centre_public(centre_id=centre)
    waiting = sel.waiting_counts(centre=c)
    return [
        {
            **line_ref(line),
            "id": line.pk,
            "description": line.description,
            "appointments_enabled": line.appointments_enabled,
            "waiting": waiting.get(line.pk, 0),
        }
        for line in sel.active_lines(centre=c)
    ]


@router.post("/tickets", auth=None, response=TICKET, url_name="queue_ticket_take")
def take_ticket(request: HttpRequest, payload: TicketIn):
    """Take a ticket for a line (by code) or a theme / window kind. Answers with the number, the
    people ahead, the predicted wait and the token of the public ticket page."""
    staff = _optional_staff(request)
    centre = _centre(payload.centre, staff)
    line = sel.line_for(centre=centre, code=payload.line, theme=payload.theme)
    source = TicketSource.STAFF if staff else payload.channel
    ticket = svc.ticket_take(
        line=line,
        source=source,
        priority_reasons=payload.priority,
        id_number=payload.id_number,
        phone=payload.phone,
        by=staff,
    )
    return ticket_out(ticket, sel.ticket_progress(ticket=ticket))


@router.get("/tickets/{token}", auth=None, response=TICKET, url_name="queue_ticket_status")
def ticket_status(request: HttpRequest, token: str):
    """A ticket by its token: status, people ahead, predicted wait, the window once called."""
    ticket = sel.ticket_by_token(token=token)
    return ticket_out(ticket, sel.ticket_progress(ticket=ticket))


@router.post("/windows/{window_id}/call-next", auth=bearer, response=TICKET, url_name="queue_call_next")
def call_next(request: HttpRequest, window_id: int):
    """Call the next ticket to the window (staff of that window or its AB-post backup). The window's
    ticket in service is finished first; 404 queue_empty when nobody waits."""
    staff = acting_staff(request.user)
    window = sel.window_for_staff(staff=staff, window_id=window_id)
    return ticket_out(svc.ticket_call_next(window=window, by=staff))


TicketActionName = Literal["recall", "no_show", "transfer", "serve", "finish", "link_case"]


@router.post(
    "/tickets/{ticket_id}/actions/{action}", auth=bearer, response=TICKET, url_name="queue_ticket_action"
)
def ticket_action(
    request: HttpRequest, ticket_id: int, action: TicketActionName, payload: ActionIn | None = None
):
    """recall · no_show (after the configured calls) · serve · finish · transfer {window?, line?, note}
    (keeps the original queue position) · link_case {case: number}."""
    staff = acting_staff(request.user)
    ticket = sel.ticket_for_staff(staff=staff, ticket_id=ticket_id)
    body = payload or ActionIn.model_validate({})
    if action == "recall":
        ticket = svc.ticket_recall(ticket=ticket, by=staff)
    elif action == "no_show":
        ticket = svc.ticket_no_show(ticket=ticket, by=staff)
    elif action == "serve":
        ticket = svc.ticket_serve_start(ticket=ticket, by=staff)
    elif action == "finish":
        ticket = svc.ticket_finish(ticket=ticket, by=staff)
    elif action == "transfer":
        to_window = sel.window_for_staff(staff=staff, window_id=body.window) if body.window else None
        to_line = _staff_line(staff, body.line) if body.line else None
        ticket = svc.ticket_transfer(
            ticket=ticket, by=staff, to_window=to_window, to_line=to_line, note=body.note
        )
    else:
        if not body.case:
            raise Invalid("case_required", "请提供办件编号", "Give the case number")
        svc.ticket_link_case(ticket=ticket, case=case_for(staff=staff, number=body.case), by=staff)
    ticket = sel.ticket_for_staff(staff=staff, ticket_id=ticket.pk)
    return ticket_out(ticket, sel.ticket_progress(ticket=ticket))


# --- appointments ------------------------------------------------------------------------------------


@router.get("/slots", auth=None, response={200: SlotsOut, **ERRORS}, url_name="queue_slots")
def list_slots(
    request: HttpRequest,
    date: dt.date,
    centre: int = Query(..., ge=1, le=2**62),
    line: str = Query("", max_length=30),
    theme: str = Query("", max_length=20),
):
    """The slots of a line (by code) or theme on a date, with capacity and what is left."""
    c = sel.centre_public(centre_id=centre)
    q_line = sel.line_for(centre=c, code=line, theme=theme)
    settings = sel.queue_settings(centre=c)
    slots = sel.slots_for(line=q_line, day=date, settings=settings)
    return {
        "centre": c.pk,
        "line": line_ref(q_line),
        "date": date,
        "day_type": day_type(date),
        "slots": [slot_out(s) for s in slots],
    }


@router.post("/appointments", auth=None, response={201: AppointmentOut, **ERRORS}, url_name="queue_book")
def book(request: HttpRequest, payload: AppointmentIn):
    """Book a slot. Limits: the slot's capacity (409 slot_full) and the appointments per person per
    day at the centre, by resident ID or phone (409 appointment_limit_reached)."""
    staff = _optional_staff(request)
    centre = _centre(payload.centre, staff)
    line = sel.line_for(centre=centre, code=payload.line, theme=payload.theme)
    appointment = svc.appointment_book(
        line=line,
        day=payload.date,
        start=payload.start.replace(second=0, microsecond=0),
        name=payload.name,
        phone=payload.phone,
        id_number=payload.id_number,
        by=staff,
    )
    return 201, appointment_out(appointment)


def _appointment(code: str, staff: Staff | None, centre: int | None = None):
    centre_id = staff.centre_id if staff else centre
    return sel.appointment_by_code(code=code, centre_id=centre_id)


@router.get("/appointments/{code}", auth=None, response=APPOINTMENT, url_name="queue_appointment")
def get_appointment(request: HttpRequest, code: str):
    staff = _optional_staff(request)
    appointment = _appointment(code, staff)
    ticket = getattr(appointment, "ticket", None) if appointment.status == "checked_in" else None
    return appointment_out(appointment, ticket=ticket)


@router.post("/appointments/{code}/cancel", auth=None, response=APPOINTMENT, url_name="queue_cancel")
def cancel(request: HttpRequest, code: str):
    staff = _optional_staff(request)
    appointment = svc.appointment_cancel(appointment=_appointment(code, staff), by=staff)
    return appointment_out(appointment)


@router.post("/appointments/{code}/reschedule", auth=None, response=APPOINTMENT, url_name="queue_reschedule")
def reschedule(request: HttpRequest, code: str, payload: RescheduleIn):
    staff = _optional_staff(request)
    appointment = svc.appointment_reschedule(
        appointment=_appointment(code, staff),
        day=payload.date,
        start=payload.start.replace(second=0, microsecond=0),
        by=staff,
    )
    return appointment_out(appointment)


@router.post("/appointments/{code}/check-in", auth=None, response=TICKET, url_name="queue_check_in")
def check_in(request: HttpRequest, code: str, payload: CheckInIn | None = None):
    """Check in on the day: a ticket flagged as an appointment (the same ticket when repeated)."""
    staff = _optional_staff(request)
    body = payload or CheckInIn.model_validate({})
    appointment = _appointment(code, staff, body.centre)
    ticket = svc.appointment_check_in(appointment=appointment, priority_reasons=body.priority, by=staff)
    return ticket_out(ticket, sel.ticket_progress(ticket=ticket))


# --- KPIs --------------------------------------------------------------------------------------------


@router.get("/kpis", auth=bearer, response={200: list[KpiOut], **ERRORS}, url_name="queue_kpis")
def kpis(
    request: HttpRequest,
    start: dt.date,
    end: dt.date,
    group_by: str = Query(
        "", max_length=60, description="comma-separated: window, staff, theme, line, day, hour"
    ),
):
    """Waiting and service times, service level and no-shows of the caller's centre (centre managers
    and supervisors)."""
    staff = acting_staff(request.user, *KPI_READERS)
    groups = [g.strip() for g in group_by.split(",") if g.strip()]
    return [kpi_out(r) for r in sel.queue_kpis(centre=staff.centre, start=start, end=end, group_by=groups)]
